// Each root's .codeward/scope.json, loaded once and re-read when it changes. An invalid file gives one warning per
// distinct problem set (the JSON schema marks the exact spots in the editor) and no policy until it is fixed.
import * as vscode from 'vscode';
import { loadScope, SCOPE_FILE, scopePolicyInput } from '../../core';
import type { LoadedScope, ScopePolicyInput } from '../../core';

export class ScopeFiles implements vscode.Disposable {
  private readonly byRoot = new Map<string, LoadedScope>();
  private readonly warned = new Set<string>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${SCOPE_FILE}`);
  /** A .codeward folder created or deleted together with its scope.json is reported as the folder only. */
  private readonly folderWatcher = vscode.workspace.createFileSystemWatcher('**/.codeward', false, true, false);
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a scope file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const reset = (): void => {
      this.byRoot.clear();
      this.changed.fire();
    };
    for (const watcher of [this.watcher, this.folderWatcher]) {
      watcher.onDidCreate(reset);
      watcher.onDidDelete(reset);
    }
    this.watcher.onDidChange(reset);
  }

  forRoot(root: string): LoadedScope {
    let loaded = this.byRoot.get(root);
    if (!loaded) {
      loaded = loadScope(root);
      this.byRoot.set(root, loaded);
      this.warnOnce(loaded);
    }
    return loaded;
  }

  /** What the analysis needs to apply the scope's policy; undefined without a valid declaration. */
  policyFor(root: string): ScopePolicyInput | undefined {
    return scopePolicyInput(this.forRoot(root));
  }

  /** Forgets every loaded file, e.g. after this extension wrote one, so the next read sees the new text. */
  reload(): void {
    this.byRoot.clear();
    this.changed.fire();
  }

  private warnOnce(loaded: LoadedScope): void {
    if (loaded.errors.length === 0) return;
    const problems = loaded.errors.map((error) => `${error.jsonPath}${error.line ? ` (line ${error.line})` : ''}: ${error.reason}`);
    const key = `${loaded.file}\n${problems.join('\n')}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log.warn(`invalid scope file ${loaded.file}:\n  ${problems.join('\n  ')}`);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    void vscode.window.showWarningMessage(
      `Codeward: invalid ${vscode.workspace.asRelativePath(loaded.file)}: ${problems[0]}${more}. No scope policy applies until it is fixed.`,
      'Open File',
    ).then((choice) => {
      if (choice === 'Open File') void vscode.window.showTextDocument(vscode.Uri.file(loaded.file));
    });
  }

  dispose(): void {
    this.watcher.dispose();
    this.folderWatcher.dispose();
    this.changed.dispose();
  }
}
