// Wires the sensitivity scope into the editor: the Scope view, its commands and the status bar's classification.
import * as vscode from 'vscode';
import type { DocumentAnalyzer } from '../analyzer';
import type { ConfigStore } from '../configs';
import { createScopeStatusItem } from '../statusBar';
import type { WorkspaceScanner } from '../workspaceScan';
import { initScope } from './initScope';
import { ScopeController } from './scopeController';
import type { ScopeFiles } from './scopeFiles';
import { SCOPE_VIEW_ID, ScopeView } from './scopeView';
import { markThreatModelReviewed } from './threatModelReview';

/** Not in the palette: returns what the Scope view shows (its model and the text the webview rendered), for tests. */
export const SNAPSHOT_COMMAND = 'codeward.scopePanelSnapshot';

export function registerScope(
  context: vscode.ExtensionContext,
  parts: { scopes: ScopeFiles; configs: ConfigStore; analyzer: DocumentAnalyzer; scanner: WorkspaceScanner; log: vscode.LogOutputChannel },
): vscode.Disposable[] {
  const { scopes, configs, analyzer, scanner, log } = parts;
  let controller: ScopeController | undefined;
  const view = new ScopeView(context.extensionUri, () => {
    const root = controller?.target()?.root;
    return root === undefined ? undefined : vscode.Uri.file(root);
  }, log, () => void controller?.current());
  controller = new ScopeController(view, scopes, configs, analyzer, scanner, log);
  const scope = controller;
  const root = (): string | undefined => {
    const target = scope.target();
    if (!target) void vscode.window.showInformationMessage('Codeward: open a folder to work with its sensitivity scope.');
    return target?.root;
  };

  return [
    view,
    scope,
    vscode.window.registerWebviewViewProvider(SCOPE_VIEW_ID, view),
    createScopeStatusItem(scope, scopes),
    vscode.commands.registerCommand('codeward.refreshScope', () => {
      scopes.reload();
      return scope.refresh();
    }),
    vscode.commands.registerCommand('codeward.initScope', async (argument?: unknown) => {
      const at = root();
      if (at === undefined) return undefined;
      const written = await initScope(at, await scope.current(), argument);
      if (written) {
        scopes.reload();
        await scope.refresh();
      }
      return written;
    }),
    vscode.commands.registerCommand('codeward.markThreatModelReviewed', async (argument?: unknown) => {
      const at = root();
      if (at === undefined) return undefined;
      const date = await markThreatModelReviewed(scopes.forRoot(at), argument);
      if (date) {
        scopes.reload();
        await scope.refresh();
      }
      return date;
    }),
    vscode.commands.registerCommand(SNAPSHOT_COMMAND, () => view.snapshot()),
  ];
}
