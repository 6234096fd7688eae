// Temporary git repositories for change-scan tests. CI machines have no git identity, so each repository gets one.
import { execFileSync } from 'node:child_process';
import { createWorkspace, Workspace } from './workspace';

export function runGit(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
}

/** `git init` on branch `branch` with a test identity and unsigned commits. */
export function initRepository(root: string, branch = 'main'): void {
  runGit(root, 'init', '-q', '-b', branch);
  runGit(root, 'config', 'user.name', 'Codeward Tests');
  runGit(root, 'config', 'user.email', 'tests@codeward.invalid');
  runGit(root, 'config', 'commit.gpgsign', 'false');
}

/** A temp repository with `files` committed as its first commit. */
export function committedRepository(files: Record<string, string>, branch = 'main'): Workspace {
  const workspace = createWorkspace(files);
  initRepository(workspace.root, branch);
  runGit(workspace.root, 'add', '-A');
  runGit(workspace.root, 'commit', '-q', '-m', 'initial');
  return workspace;
}
