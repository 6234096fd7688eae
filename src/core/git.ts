// The little of git that change scans need (`scan --diff`, `--staged`): local commands only, no network.
import { execFileSync } from 'node:child_process';

/** git failed or is unusable (no repository, unknown ref, git missing); the CLI prints `codeward: git: …`, exit 2. */
export class GitError extends Error {}

/** Inclusive 1-based line ranges on the new side of a diff. */
export type LineRange = [number, number];

/** A file in a change: `all` when wholly new (untracked), else the added or changed lines. */
export type FileChange = 'all' | LineRange[];

/** What a change scan compares: the working tree against a ref, or the index against HEAD. */
export type ChangeSpec = { kind: 'diff'; ref: string } | { kind: 'staged' };

export interface Changes {
  /** Absolute repository root as git reports it. */
  top: string;
  /** Keyed by path relative to `top`, forward slashes. Deleted files are absent. */
  files: Map<string, FileChange>;
}

/** Runs a local, read-only git command; failures become GitError with git's first line. */
export function git(cwd: string, args: string[]): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
      // Read-only use: never take the index lock to refresh stat data.
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const stderr = failure.stderr?.toString('utf8').trim().split('\n')[0];
    throw new GitError((stderr || failure.message.split('\n')[0]).replace(/^(fatal|error): /, ''));
  }
}

export function repositoryRoot(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
}

/** The commit a ref names; `--end-of-options` keeps a ref like `--output=x` from being read as an option. */
export function resolveCommit(top: string, ref: string): string {
  try {
    return git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).toString('utf8').trim();
  } catch {
    throw new GitError(`unknown revision '${ref}'`);
  }
}

const DIFF_OPTIONS = [
  '-c', 'core.quotePath=false',
  'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames',
  '--diff-filter=d', '--src-prefix=a/', '--dst-prefix=b/',
];

/** Changed files and lines, from the repository that holds `cwd`. */
export function readChanges(cwd: string, spec: ChangeSpec): Changes {
  const top = repositoryRoot(cwd);
  const args = spec.kind === 'staged'
    ? [...DIFF_OPTIONS, '--cached']
    : [...DIFF_OPTIONS, resolveCommit(top, spec.ref)];
  // `git diff --cached` on a repository without commits compares with the empty tree, which is what we want.
  const files = parseUnifiedDiff(git(top, [...args, '--']).toString('utf8'));
  if (spec.kind === 'diff') {
    for (const path of untrackedFiles(top)) files.set(path, 'all');
  }
  return { top, files };
}

export function untrackedFiles(top: string): string[] {
  return git(top, ['ls-files', '--others', '--exclude-standard', '--full-name', '-z'])
    .toString('utf8')
    .split('\0')
    .filter((path) => path.length > 0);
}

/** The staged content of a file (`git show :path`), path relative to the repository root. */
export function stagedContent(top: string, path: string): Buffer {
  return git(top, ['show', `:${path}`]);
}

/**
 * A file's content at a ref (`git show <ref>:<path>`), or undefined when the file did not exist there.
 * Path relative to the repository root.
 */
export function contentAt(top: string, ref: string, path: string): Buffer | undefined {
  try {
    return git(top, ['show', `${ref}:${path}`]);
  } catch {
    return undefined;
  }
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** New-side line ranges per file from `git diff --unified=0` output; deletions-only hunks add no lines. */
export function parseUnifiedDiff(diff: string): Map<string, FileChange> {
  const files = new Map<string, FileChange>();
  let current: LineRange[] | undefined;
  // An added line "++ x" reads "+++ x": file headers only count between "diff --git" and the first hunk.
  let inHeader = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      inHeader = true;
    } else if (inHeader && line.startsWith('+++ ')) {
      const target = line.slice(4);
      if (target === '/dev/null') {
        current = undefined;
        continue;
      }
      const path = unquote(target).replace(/^b\//, '');
      current = [];
      files.set(path, current);
    } else if (line.startsWith('@@')) {
      inHeader = false;
      if (!current) continue;
      const match = HUNK.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return files;
}

/** git C-quotes names with control characters, quotes or backslashes: "b/a\"b\303\251.ts". */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"')) return name.replace(/\t$/, '');
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function isOnChangedLine(change: FileChange, line: number): boolean {
  return change === 'all' || change.some(([start, end]) => line >= start && line <= end);
}
