// What a file imported at its baseline, so the import rules can say "new": its content at git HEAD (untracked:
// nothing, so every import is new); outside git or in an untrusted workspace, its text when first analysed in this
// session. git runs asynchronously; the first analysis goes without a baseline and the file is analysed again.
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { baselineImportsOf } from '../core';

/** How long a HEAD baseline is trusted before git is asked again (a commit or checkout moves HEAD). */
const FRESH_MS = 10_000;

interface Entry {
  imports: string[];
  at: number;
  /** Outside git: the first text seen stays the baseline for the whole session. */
  session: boolean;
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout) => resolve(error ? undefined : stdout));
  });
}

export class Baselines {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Set<string>();

  /** `onReady` is called with a file's path when its baseline arrives or changes. */
  constructor(private readonly onReady: (fsPath: string) => void, private readonly trusted: () => boolean) {}

  /** The baseline import keys of a file if known now (starting a read otherwise). */
  importsFor(fsPath: string, text: string): string[] | undefined {
    const entry = this.entries.get(fsPath);
    if (entry?.session) return entry.imports;
    if (!entry || Date.now() - entry.at > FRESH_MS) void this.read(fsPath, text);
    return entry?.imports;
  }

  private async read(fsPath: string, text: string): Promise<void> {
    if (this.pending.has(fsPath)) return;
    this.pending.add(fsPath);
    try {
      const head = this.trusted() ? await this.headContent(fsPath) : undefined;
      const previous = this.entries.get(fsPath);
      const next: Entry = head === undefined
        ? { imports: baselineImportsOf(text, fsPath), at: Date.now(), session: true }
        : { imports: baselineImportsOf(head.content, fsPath), at: Date.now(), session: false };
      this.entries.set(fsPath, next);
      if (!previous || previous.imports.join('\0') !== next.imports.join('\0')) this.onReady(fsPath);
    } finally {
      this.pending.delete(fsPath);
    }
  }

  /**
   * The file at HEAD: undefined outside a repository (git config of an untrusted folder is never run); content
   * undefined when the file is not in HEAD (untracked, or no commit yet).
   */
  private async headContent(fsPath: string): Promise<{ content: string | undefined } | undefined> {
    const directory = dirname(fsPath);
    const top = (await git(directory, ['rev-parse', '--show-toplevel']))?.trim();
    if (!top) return undefined;
    let path: string;
    try {
      path = relative(realpathSync(top), realpathSync(fsPath)).split('\\').join('/');
    } catch {
      return undefined;
    }
    return { content: await git(top, ['show', `HEAD:${path}`]) };
  }

  forget(fsPath: string): void {
    this.entries.delete(fsPath);
  }
}
