// Tracks "unreviewed inserted code" per document: multi-line changes made in one edit (completions, agent edits,
// pastes) and open files rewritten on disk by another process, but not what git operations (checkout, pull, merge,
// stash: HEAD or the index moved) bring in. Regions follow later edits, survive a reload (workspace state keyed by
// file and content) and clear when the user marks the file reviewed. Nothing leaves the machine.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { addRegion, adjustRegions, insertedRegion } from '../core';
import type { Range } from '../core/types';

const STATE_KEY = 'codeward.insertedRegions';
/** A git operation rewrites files right after it moves HEAD or the index. */
const GIT_OPERATION_WINDOW_MS = 3000;

interface Stored {
  hash: string;
  regions: Range[];
}

export class InsertedCode implements vscode.Disposable {
  private readonly regions = new Map<string, Range[]>();
  private lastGitOperation = 0;
  private readonly gitWatcher = vscode.workspace.createFileSystemWatcher('**/.git/{HEAD,index,ORIG_HEAD,MERGE_HEAD}');
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires when a document's regions change (the analyzer re-analyses it). */
  readonly onDidChange = this.changed.event;
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderColor: new vscode.ThemeColor('editorWarning.foreground'),
    borderStyle: 'solid',
    borderWidth: '0 0 0 2px',
    overviewRulerColor: new vscode.ThemeColor('editorWarning.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly context: vscode.ExtensionContext) {
    const gitMoved = (): void => {
      this.lastGitOperation = Date.now();
    };
    this.subscriptions = [
      this.gitWatcher.onDidChange(gitMoved),
      this.gitWatcher.onDidCreate(gitMoved),
      this.gitWatcher.onDidDelete(gitMoved),
      vscode.workspace.onDidChangeTextDocument((event) => this.track(event)),
      vscode.workspace.onDidOpenTextDocument((document) => this.restore(document)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.decorate(editor))),
    ];
    vscode.workspace.textDocuments.forEach((document) => this.restore(document));
  }

  regionsFor(document: vscode.TextDocument): Range[] {
    return this.regions.get(document.uri.toString()) ?? [];
  }

  /** Shows the lines of inserted code that have findings on them, in the gutter and the overview ruler. */
  decorateFindings(document: vscode.TextDocument, lines: number[]): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== document) continue;
      editor.setDecorations(this.decoration, lines.map((line) => new vscode.Range(line - 1, 0, line - 1, 0)));
    }
  }

  async markReviewed(uri?: vscode.Uri): Promise<void> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) return;
    this.regions.delete(document.uri.toString());
    await this.persist(document);
    this.changed.fire(document);
  }

  private track(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0) return;
    const key = document.uri.toString();
    const had = this.regions.has(key);
    let regions = this.regions.get(key) ?? [];
    const minLines = vscode.workspace.getConfiguration('codeward', document.uri).get<number>('insertedCode.minLines', 3);
    const undoing = event.reason === vscode.TextDocumentChangeReason.Undo || event.reason === vscode.TextDocumentChangeReason.Redo;
    const byGit = Date.now() - this.lastGitOperation < GIT_OPERATION_WINDOW_MS;
    // A clean document that changed was reloaded from disk: another process (an agent) wrote the file.
    const reloaded = !document.isDirty && document.uri.scheme === 'file';
    for (const change of event.contentChanges) {
      const textChange = { start: change.rangeOffset, deleted: change.rangeLength, text: change.text };
      regions = adjustRegions(regions, textChange);
      const added = insertedRegion(textChange, { minLines, undoing, byGit, reloaded });
      if (added) regions = addRegion(regions, added);
    }
    if (regions.length > 0) this.regions.set(key, regions);
    else this.regions.delete(key);
    // Typing in a file without inserted code stores nothing.
    if (had || regions.length > 0) void this.persist(document);
  }

  /** Regions saved for exactly this content come back after a window reload. */
  private restore(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.regions.has(key)) return;
    const stored = this.context.workspaceState.get<Record<string, Stored>>(STATE_KEY)?.[key];
    if (stored && stored.hash === hash(document.getText())) {
      this.regions.set(key, stored.regions);
      this.changed.fire(document);
    }
  }

  private async persist(document: vscode.TextDocument): Promise<void> {
    const all = { ...this.context.workspaceState.get<Record<string, Stored>>(STATE_KEY) };
    const key = document.uri.toString();
    const regions = this.regions.get(key);
    if (regions) all[key] = { hash: hash(document.getText()), regions };
    else delete all[key];
    await this.context.workspaceState.update(STATE_KEY, all);
  }

  private decorate(editor: vscode.TextEditor): void {
    if (!this.regions.has(editor.document.uri.toString())) editor.setDecorations(this.decoration, []);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.gitWatcher.dispose();
    this.decoration.dispose();
    this.changed.dispose();
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
