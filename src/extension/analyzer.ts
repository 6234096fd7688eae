// Analyses open documents (debounced while typing) and keeps each one's findings for the version they describe.
import { relative } from 'node:path';
import * as vscode from 'vscode';
import { addRegistryAnswers, analyze, applyInsertedCodePolicy, isAnalysableFile, PackageContext, reviewFindings } from '../core';
import type { RegistryAnswer } from '../core';
import ignore from 'ignore';
import type { Finding } from '../core/types';
import type { ConfigStore } from './configs';
import type { ScopeFiles } from './scope/scopeFiles';
import { readSettings } from './settings';
import { fileDiagnostics, skippedDiagnostic } from './diagnostics';
import { Baselines } from './baselines';

export const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
const EXTENSION_BY_LANGUAGE: Record<string, string> = { javascript: '.js', javascriptreact: '.jsx', typescript: '.ts', typescriptreact: '.tsx' };

/** Adds what only the editor knows to a document's findings (which were inserted in one go and not yet reviewed). */
export interface FindingAnnotator {
  mark(document: vscode.TextDocument, findings: Finding[]): Finding[];
}

export interface DocumentResult {
  version: number;
  findings: Finding[];
}

export class DocumentAnalyzer implements vscode.Disposable {
  private readonly results = new Map<string, DocumentResult>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** package.json files, node_modules and tsconfig read once per folder (refreshed after a few seconds). */
  private readonly packages = new PackageContext();
  /** Registry answers of this session (opt-in only), so each package name is asked about once. */
  private readonly registryAnswers = new Map<string, RegistryAnswer>();
  private readonly baselines = new Baselines((fsPath) => this.reanalyse(fsPath), () => vscode.workspace.isTrusted);
  /** Fires after any document's findings change (the status bar listens). */
  readonly onDidChangeResults = this.changed.event;

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly configs: ConfigStore,
    private readonly scopes: ScopeFiles,
    private readonly log: vscode.LogOutputChannel,
    private readonly annotator?: FindingAnnotator,
  ) {}

  /** Findings for exactly this version of the document, or undefined if they are stale. */
  resultFor(document: vscode.TextDocument): DocumentResult | undefined {
    const result = this.results.get(document.uri.toString());
    return result && result.version === document.version ? result : undefined;
  }

  openFindings(): Finding[] {
    return [...this.results.values()].flatMap((result) => result.findings.filter((finding) => !finding.suppression));
  }

  /** Unsuppressed findings per analysed document, the most recently analysed first (the Scope view lists the newest). */
  openFindingsByDocument(): { uri: vscode.Uri; findings: Finding[] }[] {
    return [...this.results].reverse().map(([key, result]) => ({
      uri: vscode.Uri.parse(key),
      findings: result.findings.filter((finding) => !finding.suppression),
    }));
  }

  schedule(document: vscode.TextDocument): void {
    const settings = readSettings(document.uri);
    if (!settings.scanOnType) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.analyse(document);
    }, settings.debounceMs));
  }

  analyse(document: vscode.TextDocument): void {
    if (document.isClosed) return;
    const key = document.uri.toString();
    // Files on disk are read by their name (scripts, components, configuration files); untitled ones by language.
    const fileName = document.uri.scheme === 'file' ? document.uri.fsPath
      : LANGUAGES.includes(document.languageId) ? `${document.uri.path}${EXTENSION_BY_LANGUAGE[document.languageId]}` : undefined;
    if (fileName === undefined || !isAnalysableFile(fileName)) return;
    if (!readSettings(document.uri).enable) {
      this.forget(document.uri);
      return;
    }
    try {
      const { config, root } = document.uri.scheme === 'file'
        ? this.configs.forFile(document.uri.fsPath, document.uri)
        : { config: this.configs.forUntitled(document.uri), root: undefined };
      if (root !== undefined && isExcluded(root, document.uri.fsPath, config.exclude)) {
        this.forget(document.uri);
        return;
      }
      const text = document.getText();
      if (text.length > config.maxFileSizeKb * 1024) {
        this.results.set(key, { version: document.version, findings: [] });
        this.collection.set(document.uri, [skippedDiagnostic(`Codeward skipped this file: it is larger than maxFileSizeKb (${config.maxFileSizeKb} KB).`)]);
        this.changed.fire();
        return;
      }
      const started = performance.now();
      // Rules see the path relative to the repository, as in the CLI: a checkout under a `tests` folder is not a test file.
      const analysedName = root !== undefined ? relative(root, fileName) : fileName;
      const scope = root !== undefined ? this.scopes.policyFor(root) : undefined;
      const onDisk = document.uri.scheme === 'file';
      const analysed = analyze(text, analysedName, {
        rules: config.rules,
        minConfidence: config.minConfidence,
        scope,
        packages: onDisk ? this.packages.forFile(fileName) : undefined,
        baselineImports: onDisk ? this.baselines.importsFor(fileName, text) : undefined,
      });
      const reviewed = root !== undefined
        ? reviewFindings(analysedName.split('\\').join('/'), analysed.findings, this.configs.policyFor(root))
        : analysed.findings;
      const marked = this.annotator?.mark(document, reviewed) ?? reviewed;
      const result = { ...analysed, findings: applyInsertedCodePolicy(marked, scope) };
      // Re-inserted so the map's order is the order of analysis.
      this.results.delete(key);
      this.results.set(key, { version: document.version, findings: result.findings });
      this.collection.set(document.uri, fileDiagnostics(document.uri, result));
      if (readSettings(document.uri).registryCheck && result.findings.some((finding) => finding.package !== undefined)) {
        void this.addRegistryAnswers(document, result);
      }
      this.log.debug(`${vscode.workspace.asRelativePath(document.uri)} v${document.version}: ${result.findings.length} findings in ${(performance.now() - started).toFixed(1)} ms`);
      this.changed.fire();
    } catch (error) {
      // Never let an analysis problem surface as an extension-host exception.
      this.log.error(`analysis of ${document.uri.toString()} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  /** The opt-in registry check: its answers extend the messages once they arrive, if the document is unchanged. */
  private async addRegistryAnswers(document: vscode.TextDocument, result: ReturnType<typeof analyze>): Promise<void> {
    const version = document.version;
    await addRegistryAnswers(result.findings, { known: this.registryAnswers });
    if (document.isClosed || document.version !== version || this.resultFor(document)?.findings !== result.findings) return;
    this.collection.set(document.uri, fileDiagnostics(document.uri, result));
  }

  /** A package manifest, lockfile or tsconfig changed: the import checks of every open document are redone. */
  packagesChanged(): void {
    this.packages.forget();
    for (const document of vscode.workspace.textDocuments) this.analyse(document);
  }

  /** A file's baseline arrived or changed: its open document is analysed again. */
  private reanalyse(fsPath: string): void {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.scheme === 'file' && candidate.uri.fsPath === fsPath);
    if (document) this.analyse(document);
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    if (uri.scheme === 'file') this.baselines.forget(uri.fsPath);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.collection.delete(uri);
    this.changed.fire();
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.changed.dispose();
  }
}

export function isExcluded(root: string, fsPath: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const path = relative(root, fsPath).split('\\').join('/');
  return path !== '' && !path.startsWith('..') && ignore().add([...patterns]).ignores(path);
}
