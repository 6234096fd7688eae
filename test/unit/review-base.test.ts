// The base of the editor's Review Changes: HEAD, or the merge base with the default branch.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createWorkspace, Workspace } from '../helpers/workspace';
import { initRepository } from '../helpers/git-repo';
import { resolveReviewBase } from '../../src/core/review/changes';
import { GitError } from '../../src/core/git';

describe('review base', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspace.root, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
  const commit = (file: string, message: string): string => {
    workspace.write(file, `${message}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };

  function repository(branch: string): void {
    workspace = createWorkspace();
    initRepository(workspace.root, branch);
  }

  it('is HEAD, or the merge base with main (or master) for a branch', () => {
    repository('master');
    const forkPoint = commit('a.txt', 'one');
    git('checkout', '-q', '-b', 'feature');
    commit('b.txt', 'two');
    git('checkout', '-q', 'master');
    commit('c.txt', 'three');
    git('checkout', '-q', 'feature');
    assert.deepEqual(resolveReviewBase(workspace.root, 'head'), { ref: 'HEAD', label: 'HEAD' });
    assert.deepEqual(resolveReviewBase(workspace.root, 'mergeBase'), { ref: forkPoint, label: 'the merge base with master' });
  });

  it('prefers the remote HEAD, and says so when there is no default branch', () => {
    repository('trunk');
    const first = commit('a.txt', 'one');
    assert.throws(() => resolveReviewBase(workspace.root, 'mergeBase'), (error: Error) => error instanceof GitError && /no default branch/.test(error.message));
    git('update-ref', 'refs/remotes/origin/trunk', first);
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    commit('b.txt', 'two');
    assert.deepEqual(resolveReviewBase(workspace.root, 'mergeBase'), { ref: first, label: 'the merge base with origin/trunk' });
  });
});
