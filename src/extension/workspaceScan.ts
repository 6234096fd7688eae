// Scan Workspace: every JS/TS file and agent settings file the repository would scan (.gitignore, excludes) and VS
// Code shows (files.exclude), with progress, cancellation and a summary; results for files that are not open go to
// the Problems panel.
import * as vscode from 'vscode';
import { AGENT_FILE_GLOB, analysisOptions, buildReport, displayPath, isFileReport, reportScope, reviewReport, ScanReport, scanSelectedFiles, selectFiles, SkippedPath, toSarif } from '../core';
import type * as Sarif from 'sarif';
import type { CacheReport } from '../core';
import type { ConfigStore } from './configs';
import type { ScopeFiles } from './scope/scopeFiles';
import { fileDiagnostics } from './diagnostics';
import { readSettings } from './settings';

const SCRIPT_GLOB = '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';
const PROGRESS_STEP = 10;

export class WorkspaceScanner implements vscode.Disposable {
  private latest: ScanReport[] = [];
  private readonly scanned = new vscode.EventEmitter<void>();
  /** Fires after Scan Workspace published its results (the Scope view listens). */
  readonly onDidScan = this.scanned.event;

  constructor(
    /** dist/core.js: pool workers load it to scan on every core. */
    private readonly workerScript: string,
    private readonly configs: ConfigStore,
    private readonly scopes: ScopeFiles,
    private readonly workspaceCollection: vscode.DiagnosticCollection,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async scanWithProgress(): Promise<ScanReport[] | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Codeward: open a folder to scan its files.');
      return undefined;
    }
    const started = performance.now();
    const reports = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Codeward: scanning workspace', cancellable: true },
      async (progress, token) => {
        const done: ScanReport[] = [];
        for (const folder of folders) {
          const report = await this.scanFolder(folder, token, progress);
          if (!report) return undefined;
          done.push(report);
        }
        return done;
      },
    );
    if (!reports) {
      void vscode.window.showInformationMessage('Codeward: workspace scan cancelled.');
      return undefined;
    }
    this.publish(reports);
    const files = reports.reduce((sum, report) => sum + report.summary.filesScanned, 0);
    const skipped = reports.reduce((sum, report) => sum + report.summary.filesSkipped, 0);
    const counts = reports.reduce(
      (sum, report) => ({ error: sum.error + report.summary.findings.error, warning: sum.warning + report.summary.findings.warning, info: sum.info + report.summary.findings.info }),
      { error: 0, warning: 0, info: 0 },
    );
    const withFindings = reports.reduce((sum, report) => sum + report.files.filter((file) => file.findings.some((finding) => !finding.suppression)).length, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = `Codeward: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info in ${withFindings} of ${files} files (${skipped} skipped) in ${seconds} s.`;
    this.log.info(summary);
    void vscode.window.showInformationMessage(summary);
    return reports;
  }

  async sarifFor(folder: vscode.WorkspaceFolder): Promise<Sarif.Log | undefined> {
    const report = await this.scanFolder(folder, new vscode.CancellationTokenSource().token);
    return report && toSarif(report);
  }

  private async scanFolder(
    folder: vscode.WorkspaceFolder,
    token: vscode.CancellationToken,
    progress?: vscode.Progress<{ message?: string; increment?: number }>,
  ): Promise<ScanReport | undefined> {
    const { root, config } = this.configs.forDirectory(folder.uri.fsPath, folder.uri);
    const selection = selectFiles([folder.uri.fsPath], { root, exclude: config.exclude, maxFileSizeKb: config.maxFileSizeKb });
    // findFiles with no exclude argument applies the user's files.exclude.
    const found = await Promise.all([SCRIPT_GLOB, AGENT_FILE_GLOB].map((glob) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), undefined, undefined, token)));
    const visible = new Set(found.flat().map((uri) => uri.fsPath));
    const files = selection.files.filter((file) => visible.has(file));
    let reported = 0;
    const results = await scanSelectedFiles(files, root, analysisOptions({ root, config, scope: this.scopes.policyFor(root) }), {
      workerScript: this.workerScript,
      cache: readSettings(folder.uri).cache ? { onReport: (cache) => this.logCache(folder, cache) } : undefined,
      isCancelled: () => token.isCancellationRequested,
      onFileDone: (done, total) => {
        if (done - reported < PROGRESS_STEP && done !== total) return;
        progress?.report({ message: `${done} of ${total} files`, increment: ((done - reported) / Math.max(total, 1)) * 100 });
        reported = done;
      },
    });
    if (!results || token.isCancellationRequested) return undefined;
    const reports = results.filter(isFileReport);
    const skipped: SkippedPath[] = [
      ...selection.skipped.map((entry) => ({ path: displayPath(root, entry.path), reason: entry.reason })),
      ...results.filter((entry): entry is SkippedPath => !isFileReport(entry)),
    ];
    const report = buildReport(root, reports, skipped, selection.ignoredCount + (selection.files.length - files.length));
    // As `codeward scan`: the SARIF run carries the declared scope its policy applied.
    report.scope = reportScope(this.scopes.forRoot(root), root);
    return reviewReport(report, { ...this.configs.policyFor(root), rules: config.rules }, { complete: folder.uri.fsPath === root });
  }

  /** The reports of the last completed Scan Workspace (empty before the first). */
  lastReports(): readonly ScanReport[] {
    return this.latest;
  }

  dispose(): void {
    this.scanned.dispose();
  }

  private logCache(folder: vscode.WorkspaceFolder, cache: CacheReport): void {
    this.log.info(`${folder.name}: ${cache.hits} files unchanged since the last scan (cache ${cache.file}), ${cache.misses} analysed`);
    // A cache that cannot be used costs speed only: the output channel says why, no pop-up.
    for (const problem of cache.problems) this.log.warn(problem);
  }

  /** Open documents keep their live results; the scan fills in every other file. */
  private publish(reports: ScanReport[]): void {
    this.latest = reports;
    this.workspaceCollection.clear();
    const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
    for (const report of reports) {
      for (const file of report.files) {
        const uri = vscode.Uri.file(file.absolutePath);
        if (open.has(uri.toString())) continue;
        const diagnostics = fileDiagnostics(uri, file);
        if (diagnostics.length > 0) this.workspaceCollection.set(uri, diagnostics);
      }
    }
    this.scanned.fire();
  }
}
