// "Review Changes" in the editor: what the base of a review is (HEAD, or the merge base with the default branch).
import { git, GitError, repositoryRoot } from '../git';

export type ReviewBase = 'head' | 'mergeBase';

export interface ResolvedBase {
  /** The ref a change scan compares with: HEAD or a commit id. */
  ref: string;
  /** For people: "HEAD" or "the merge base with origin/main". */
  label: string;
}

/** The default branch: origin's HEAD when known, else a local or remote-tracking main/master. */
export function defaultBranch(top: string): string | undefined {
  try {
    const remoteHead = git(top, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).toString('utf8').trim();
    if (remoteHead) return remoteHead;
  } catch {
    // No remote HEAD recorded (a local repository, or a clone with --no-checkout): try the usual names.
  }
  for (const name of ['main', 'master', 'origin/main', 'origin/master']) {
    try {
      git(top, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
      return name;
    } catch {
      // Not there; try the next name.
    }
  }
  return undefined;
}

export function resolveReviewBase(cwd: string, base: ReviewBase): ResolvedBase {
  if (base === 'head') return { ref: 'HEAD', label: 'HEAD' };
  const top = repositoryRoot(cwd);
  const branch = defaultBranch(top);
  if (!branch) throw new GitError('no default branch (origin/HEAD, main or master) to find a merge base with');
  const mergeBase = git(top, ['merge-base', branch, 'HEAD']).toString('utf8').trim();
  return { ref: mergeBase, label: `the merge base with ${branch}` };
}
