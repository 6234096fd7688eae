// The editor shell: analyses JavaScript/TypeScript documents as they change and publishes diagnostics.
import * as vscode from 'vscode';
import { analyze } from '../core/engine';
import { isAnalysableFile } from '../core/parse';
import { ConfigError } from '../core/config/model';
import type { CodewardConfig } from '../core/config/model';
import { loadConfig, projectRoot } from '../core/config/load';
import { noteDiagnostic, toDiagnostic } from './diagnostics';

const LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);
const DEBOUNCE_MS = 250;

export function activate(context: vscode.ExtensionContext): void {
  const collection = vscode.languages.createDiagnosticCollection('codeward');
  const output = vscode.window.createOutputChannel('Codeward', { log: true });
  const pending = new Map<string, NodeJS.Timeout>();
  const warnedConfigs = new Set<string>();

  const configFor = (document: vscode.TextDocument): CodewardConfig | undefined => {
    if (document.uri.scheme !== 'file') return undefined;
    const root = projectRoot(document.uri.fsPath);
    try {
      return loadConfig(root).config;
    } catch (error) {
      if (error instanceof ConfigError && !warnedConfigs.has(error.message)) {
        warnedConfigs.add(error.message);
        void vscode.window.showWarningMessage(`Codeward: invalid configuration: ${error.message}. Using defaults.`);
      }
      output.warn(String((error as Error).message));
      return undefined;
    }
  };

  const analyseDocument = (document: vscode.TextDocument): void => {
    if (!LANGUAGES.has(document.languageId)) return;
    const name = document.uri.scheme === 'file' ? document.uri.fsPath : `${document.uri.path}${extensionFor(document.languageId)}`;
    if (!isAnalysableFile(name)) return;
    const config = configFor(document);
    const started = performance.now();
    const result = analyze(document.getText(), name, { rules: config?.rules, minConfidence: config?.minConfidence });
    collection.set(document.uri, [
      ...result.findings.filter((finding) => !finding.suppression).map((finding) => toDiagnostic(document, finding)),
      ...result.notes.map((note) => noteDiagnostic(document, note)),
    ]);
    output.debug(`${vscode.workspace.asRelativePath(document.uri)}: ${result.findings.length} findings in ${(performance.now() - started).toFixed(1)} ms`);
  };

  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      analyseDocument(document);
    }, DEBOUNCE_MS));
  };

  context.subscriptions.push(
    collection,
    output,
    vscode.workspace.onDidOpenTextDocument(analyseDocument),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(pending.get(document.uri.toString()));
      collection.delete(document.uri);
    }),
    vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => collection.delete(uri))),
    vscode.commands.registerCommand('codeward.scanFile', () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document) analyseDocument(document);
    }),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
  );
  vscode.workspace.textDocuments.forEach(analyseDocument);
}

/** Untitled documents have no file name; the language decides how to parse them. */
function extensionFor(languageId: string): string {
  return { javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx' }[languageId] ?? '';
}

export function deactivate(): void {}
