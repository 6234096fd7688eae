// Keeps the unreviewed inserted-code regions of open documents in step with their edits and across window reloads
// (workspace state, valid only while the text is unchanged); marks the findings inside them.
import * as vscode from 'vscode';
import { DEFAULT_MIN_LINES, followChanges, markInsertedFindings, restoreRegions, storeRegions, trackChanges } from '../core';
import type { StoredRegions } from '../core';
import type { Finding, Range } from '../core/types';
import { ChangeOrigins } from './provenanceOrigin';

const STATE_KEY = 'codeward.insertedCode.regions';
const PERSIST_DELAY_MS = 1_000;

export interface InsertedCodeSettings {
  track: boolean;
  minLines: number;
}

export function readInsertedCodeSettings(scope: vscode.ConfigurationScope | undefined): InsertedCodeSettings {
  const config = vscode.workspace.getConfiguration('codeward.insertedCode', scope);
  return { track: config.get<boolean>('track', true), minLines: Math.max(1, config.get<number>('minLines', DEFAULT_MIN_LINES)) };
}

const tracked = (document: vscode.TextDocument): boolean => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';

export class InsertedCodeTracker implements vscode.Disposable {
  private readonly regions = new Map<string, Range[]>();
  private readonly unsaved = new Set<string>();
  private persistTimer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's regions may have changed (the decorations listen). */
  readonly onDidChangeRegions = this.changed.event;
  private readonly origins = new ChangeOrigins();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly state: vscode.Memento) {
    vscode.workspace.textDocuments.forEach((document) => this.open(document));
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.open(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.follow(event)),
      vscode.workspace.onDidSaveTextDocument((document) => this.origins.remember(document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.persist(document);
        this.regions.delete(document.uri.toString());
        this.origins.forget(document);
      }),
    ];
  }

  /** The regions findings are marked with: none while tracking is off. */
  regionsFor(document: vscode.TextDocument): Range[] {
    if (!readInsertedCodeSettings(document.uri).track) return [];
    return this.regions.get(document.uri.toString()) ?? this.restore(document);
  }

  mark(document: vscode.TextDocument, findings: Finding[]): Finding[] {
    return markInsertedFindings(findings, this.regionsFor(document));
  }

  /** "Mark reviewed": forgets the regions of one document, or of every document. */
  clear(uri?: vscode.Uri): void {
    const keys = uri ? [uri.toString()] : [...this.regions.keys()];
    const stored = { ...this.stored() };
    for (const key of keys) {
      if (this.regions.has(key)) this.regions.set(key, []);
      this.unsaved.delete(key);
    }
    for (const key of uri ? keys : Object.keys(stored)) delete stored[key];
    void this.state.update(STATE_KEY, stored);
    keys.forEach((key) => this.changed.fire(vscode.Uri.parse(key)));
  }

  private open(document: vscode.TextDocument): void {
    this.origins.remember(document);
    this.restore(document);
  }

  private restore(document: vscode.TextDocument): Range[] {
    if (!tracked(document)) return [];
    const key = document.uri.toString();
    const known = this.regions.get(key);
    if (known) return known;
    const stored = this.stored()[key];
    const regions = stored === undefined ? [] : restoreRegions(document.getText(), stored);
    this.regions.set(key, regions);
    if (regions.length > 0) this.changed.fire(document.uri);
    return regions;
  }

  private follow(event: vscode.TextDocumentChangeEvent): void {
    const { document, contentChanges } = event;
    if (contentChanges.length === 0 || !tracked(document)) return;
    const key = document.uri.toString();
    const before = this.regions.get(key) ?? [];
    const settings = readInsertedCodeSettings(document.uri);
    const after = settings.track
      ? trackChanges(before, contentChanges, this.origins.of(event), settings.minLines)
      : followChanges(before, contentChanges);
    this.regions.set(key, after);
    if (before.length === 0 && after.length === 0) return;
    this.unsaved.add(key);
    this.schedulePersist();
    this.changed.fire(document.uri);
  }

  private stored(): Record<string, StoredRegions> {
    return this.state.get<Record<string, StoredRegions>>(STATE_KEY, {});
  }

  private schedulePersist(): void {
    clearTimeout(this.persistTimer);
    // Hashing waits for a pause in typing: the stored hash must describe the text a reload will bring back.
    this.persistTimer = setTimeout(() => this.persistUnsaved(), PERSIST_DELAY_MS);
  }

  private persistUnsaved(): void {
    const documents = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
    for (const key of [...this.unsaved]) {
      const document = documents.get(key);
      if (document) this.persist(document);
    }
  }

  private persist(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.unsaved.delete(key)) return;
    const regions = this.regions.get(key) ?? [];
    const stored = { ...this.stored() };
    if (regions.length > 0) stored[key] = storeRegions(document.getText(), regions);
    else delete stored[key];
    void this.state.update(STATE_KEY, stored);
  }

  dispose(): void {
    clearTimeout(this.persistTimer);
    this.persistUnsaved();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}
