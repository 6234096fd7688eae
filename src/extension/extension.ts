// The editor shell: wires the core's analysis into diagnostics, code actions, commands and the status bar.
import * as vscode from 'vscode';
import { ConfigStore } from './configs';
import { DocumentAnalyzer, LANGUAGES } from './analyzer';
import { APPLY_FIX_COMMAND, CodewardCodeActions, SHOW_DOCS_COMMAND, SUPPRESS_COMMAND } from './codeActions';
import { Commands } from './commands';
import { WorkspaceScanner } from './workspaceScan';
import { createStatusBar } from './statusBar';
import { InsertedCodeTracker } from './provenance';
import { InsertedCodeDecorations } from './provenanceDecorations';
import { markInsertedCodeReviewed } from './provenanceCommands';
import { registerScope } from './scope/register';
import { ScopeFiles } from './scope/scopeFiles';
import { ReviewChanges, ReviewOptions } from './review';

const PACKAGE_INPUTS_GLOB = '**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,tsconfig.json,jsconfig.json,.pnp.cjs}';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Codeward', { log: true });
  const live = vscode.languages.createDiagnosticCollection('codeward');
  const scanned = vscode.languages.createDiagnosticCollection('codeward-workspace');
  const configs = new ConfigStore(log);
  const scopes = new ScopeFiles(log);
  const insertedCode = new InsertedCodeTracker(context.workspaceState);
  const analyzer = new DocumentAnalyzer(live, configs, scopes, log, insertedCode);
  const scanner = new WorkspaceScanner(vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath, configs, scopes, scanned, log);
  const commands = new Commands(context, analyzer, scanner, log);
  const review = new ReviewChanges(context, configs, vscode.Uri.joinPath(context.extensionUri, 'dist', 'core.js').fsPath);
  const selector = [{ scheme: 'file' }, ...LANGUAGES.map((language) => ({ language, scheme: 'untitled' }))];
  const reanalyseOpen = (): void => vscode.workspace.textDocuments.forEach((document) => analyzer.analyse(document));
  // What the import checks read besides the file: a change there (a fix that declares a dependency, an install)
  // changes what is declared or installed.
  const manifests = vscode.workspace.createFileSystemWatcher(PACKAGE_INPUTS_GLOB);
  const packagesChanged = (): void => analyzer.packagesChanged();

  context.subscriptions.push(
    log,
    live,
    scanned,
    configs,
    scopes,
    analyzer,
    scanner,
    createStatusBar(analyzer),
    insertedCode,
    new InsertedCodeDecorations(context.extensionUri, insertedCode, analyzer),
    ...registerScope(context, { scopes, configs, analyzer, scanner, log }),
    review,
    manifests,
    manifests.onDidChange(packagesChanged),
    manifests.onDidCreate(packagesChanged),
    manifests.onDidDelete(packagesChanged),
    vscode.languages.registerCodeActionsProvider(selector, new CodewardCodeActions(analyzer), CodewardCodeActions.metadata),
    vscode.workspace.onDidOpenTextDocument((document) => {
      scanned.delete(document.uri);
      analyzer.analyse(document);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) analyzer.schedule(event.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => analyzer.analyse(document)),
    vscode.workspace.onDidCloseTextDocument((document) => analyzer.forget(document.uri)),
    vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => {
      analyzer.forget(uri);
      scanned.delete(uri);
    })),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('codeward')) reanalyseOpen();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(reanalyseOpen),
    configs.onDidChange(reanalyseOpen),
    scopes.onDidChange(reanalyseOpen),
    vscode.commands.registerCommand('codeward.scanFile', () => commands.scanCurrentFile()),
    vscode.commands.registerCommand('codeward.scanWorkspace', () => commands.scanWorkspace()),
    vscode.commands.registerCommand('codeward.exportSarif', (target?: vscode.Uri) => commands.exportSarif(target)),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, (ruleId?: string) => commands.showRuleDocumentation(ruleId)),
    vscode.commands.registerCommand('codeward.showOutput', () => log.show()),
    vscode.commands.registerCommand('codeward.markInsertedCodeReviewed', (uri?: vscode.Uri) => markInsertedCodeReviewed(insertedCode, analyzer, { uri })),
    vscode.commands.registerCommand('codeward.markAllInsertedCodeReviewed', () => markInsertedCodeReviewed(insertedCode, analyzer, 'all')),
    vscode.commands.registerCommand('codeward.reviewChanges', (options?: ReviewOptions) => review.review(options)),
    vscode.commands.registerCommand('codeward.reviewChangesSince', () => review.chooseBase()),
    vscode.commands.registerCommand('codeward.markReviewed', (target: Parameters<ReviewChanges['markReviewed']>[0]) => review.markReviewed(target)),
    vscode.commands.registerCommand(APPLY_FIX_COMMAND, (uri: vscode.Uri, version: number, edits) => commands.applyFix(uri, version, edits)),
    vscode.commands.registerCommand(SUPPRESS_COMMAND, (uri: vscode.Uri, version: number, range, ruleId: string, reason?: string) =>
      commands.suppress(uri, version, range, ruleId, reason)),
  );
  reanalyseOpen();
  log.info(`Codeward activated in ${vscode.workspace.isTrusted ? 'a trusted' : 'an untrusted'} workspace`);
}

export function deactivate(): void {}
