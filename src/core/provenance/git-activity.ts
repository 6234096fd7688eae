// Tells a file rewritten by a git operation (checkout, pull, merge, stash, reset) from one written by another tool.
// Git holds index.lock while it updates the working tree, then moves the index (and HEAD or ORIG_HEAD): a file
// written shortly before one of those moved was written by git.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** Files git rewrites when an operation changes the working tree. */
const STATE_FILES = ['index', 'HEAD', 'ORIG_HEAD', 'MERGE_HEAD'];

/** How long before git's state moved a file may have been written by the same operation (long checkouts). */
export const GIT_WRITE_WINDOW_MS = 10_000;
/** Slack for coarse file-system timestamps and the order in which git writes a file and its index. */
export const GIT_CLOCK_SLACK_MS = 1_000;

export interface GitState {
  /** index.lock exists: an operation is under way. */
  locked: boolean;
  /** Modification times (ms) of the state files that exist. */
  movedAt: number[];
}

/** The git directory of a repository root: `.git` itself, or where a worktree's `.git` file points. */
export function gitDirectory(root: string): string | undefined {
  const dotGit = join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
    return pointer === undefined ? undefined : isAbsolute(pointer) ? pointer : resolve(root, pointer);
  } catch {
    return undefined;
  }
}

export function readGitState(gitDir: string): GitState {
  const movedAt = STATE_FILES.flatMap((name) => {
    try {
      return [statSync(join(gitDir, name)).mtimeMs];
    } catch {
      return [];
    }
  });
  let locked = false;
  try {
    statSync(join(gitDir, 'index.lock'));
    locked = true;
  } catch {
    // No operation under way.
  }
  return { locked, movedAt };
}

/** Whether a file last written at `fileWrittenAt` (ms) was most likely written by the git operation behind `state`. */
export function writtenByGit(fileWrittenAt: number, state: GitState): boolean {
  return state.locked || state.movedAt.some((movedAt) =>
    movedAt >= fileWrittenAt - GIT_CLOCK_SLACK_MS && movedAt - fileWrittenAt <= GIT_WRITE_WINDOW_MS);
}
