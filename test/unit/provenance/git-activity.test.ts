// Git operations that rewrite files (checkout, stash, pull, merge) are told apart from other processes' writes.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitDirectory, readGitState, writtenByGit } from '../../../src/core/provenance';
import type { GitState } from '../../../src/core/provenance';
import type { Workspace } from '../../helpers/workspace';
import { committedRepository } from '../../helpers/git-repo';

const NOW = 1_800_000_000_000;

describe('provenance: telling git writes from other writes', () => {
  const cases: { name: string; state: GitState; fileWrittenAt: number; byGit: boolean }[] = [
    { name: 'an operation under way (index.lock)', state: { locked: true, movedAt: [] }, fileWrittenAt: NOW, byGit: true },
    { name: 'the index moved just after the file was written', state: { locked: false, movedAt: [NOW + 40] }, fileWrittenAt: NOW, byGit: true },
    { name: 'HEAD moved a little before (coarse timestamps)', state: { locked: false, movedAt: [NOW - 500] }, fileWrittenAt: NOW, byGit: true },
    { name: 'a long checkout moved the index 8 s after', state: { locked: false, movedAt: [NOW + 8_000] }, fileWrittenAt: NOW, byGit: true },
    { name: 'git last moved a minute before the write', state: { locked: false, movedAt: [NOW - 60_000] }, fileWrittenAt: NOW, byGit: false },
    { name: 'git moved two seconds before the write', state: { locked: false, movedAt: [NOW - 2_000] }, fileWrittenAt: NOW, byGit: false },
    { name: 'no repository state', state: { locked: false, movedAt: [] }, fileWrittenAt: NOW, byGit: false },
  ];
  for (const { name, state, fileWrittenAt, byGit } of cases) {
    it(`${name}: ${byGit ? 'git' : 'not git'}`, () => assert.equal(writtenByGit(fileWrittenAt, state), byGit));
  }
});

describe('provenance: git state of a real repository', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspace.root, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  const file = (): string => workspace.path('app.js');
  /** Moves git's state files a minute into the past, as if the last git command ran long ago. */
  const ageGitState = (): void => {
    const gitDir = gitDirectory(workspace.root)!;
    const past = new Date(Date.now() - 60_000);
    for (const name of ['index', 'HEAD', 'ORIG_HEAD']) {
      try {
        utimesSync(join(gitDir, name), past, past);
      } catch {
        // ORIG_HEAD exists only after some operations.
      }
    }
  };
  const byGit = (): boolean => writtenByGit(statSync(file()).mtimeMs, readGitState(gitDirectory(workspace.root)!));

  beforeEach(() => {
    workspace = committedRepository({ 'app.js': 'const a = 1;\n' });
    git('checkout', '-q', '-b', 'feature');
    writeFileSync(file(), "const a = 1;\neval(process.argv[2]);\n");
    git('commit', '-q', '-am', 'feature');
    git('checkout', '-q', 'main');
    ageGitState();
  });

  it('finds the git directory of a repository and of a linked worktree', () => {
    assert.equal(gitDirectory(workspace.root), join(workspace.root, '.git'));
    const linked = join(workspace.root, 'linked');
    git('worktree', 'add', '-q', linked, 'feature');
    assert.equal(gitDirectory(linked), join(workspace.root, '.git', 'worktrees', 'linked'));
    assert.ok(readGitState(gitDirectory(linked)!).movedAt.length > 0, 'the worktree has its own HEAD and index');
    assert.equal(gitDirectory(join(workspace.root, 'nowhere')), undefined);
  });

  it('a file another process writes is not git\'s', () => {
    writeFileSync(file(), 'const a = 2;\n');
    assert.equal(byGit(), false);
  });

  it('a checkout that rewrites the file is', () => {
    git('checkout', '-q', 'feature');
    assert.equal(byGit(), true);
  });

  it('a stash that restores the file is', () => {
    writeFileSync(file(), 'const a = 3;\n');
    ageGitState();
    utimesSync(file(), new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    git('stash', '-q');
    assert.equal(byGit(), true);
  });

  it('a merge that brings in new lines is', () => {
    git('merge', '-q', '--ff-only', 'feature');
    assert.equal(byGit(), true);
  });
});
