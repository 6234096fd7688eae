// A shield with the number of open findings (click opens the Problems view) and the repository's classification.
import * as vscode from 'vscode';
import type { DocumentAnalyzer } from './analyzer';
import type { ScopeController } from './scope/scopeController';
import type { ScopeFiles } from './scope/scopeFiles';

export function createStatusBar(analyzer: DocumentAnalyzer): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('codeward.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Codeward';
  item.command = 'workbench.actions.view.problems';
  const update = (): void => {
    const findings = analyzer.openFindings();
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    item.text = `$(shield) ${findings.length}`;
    item.tooltip = findings.length === 0
      ? 'Codeward: no findings in open files'
      : `Codeward: ${findings.length} findings in open files (${errors} errors). Click to open the Problems view.`;
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  update();
  item.show();
  const subscription = analyzer.onDidChangeResults(update);
  return vscode.Disposable.from(item, subscription);
}

/**
 * The sensitivity classification beside the count: declared in .codeward/scope.json, else what the code suggests once
 * the Scope view has inferred it. Click opens the Scope view.
 */
export function createScopeStatusItem(controller: ScopeController, scopes: ScopeFiles): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('codeward.scopeStatus', vscode.StatusBarAlignment.Left, 9.9);
  item.name = 'Codeward Scope';
  item.command = 'codeward.scope.focus';
  const update = (): void => {
    const target = controller.target();
    if (!target) {
      item.hide();
      return;
    }
    const loaded = scopes.forRoot(target.root);
    const inferred = controller.lastStatus()?.inferred.classification;
    item.backgroundColor = undefined;
    if (loaded.declared) {
      item.text = `$(lock) ${loaded.declared.classification}`;
      item.tooltip = `Codeward: this repository is declared ${loaded.declared.classification} (.codeward/scope.json)${
        inferred && inferred !== loaded.declared.classification ? `; the code suggests ${inferred}` : ''}. Click to open the Scope view.`;
    } else if (loaded.errors.length > 0) {
      item.text = '$(warning) scope invalid';
      item.tooltip = `Codeward: .codeward/scope.json is invalid (${loaded.errors[0].jsonPath}: ${loaded.errors[0].reason}). Click to open the Scope view.`;
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      item.text = `$(unlock) ${inferred ? `${inferred}?` : 'no scope'}`;
      item.tooltip = `Codeward: no .codeward/scope.json${inferred ? `; the code suggests ${inferred}` : ''}. Click to open the Scope view and initialise one.`;
    }
    item.show();
  };
  update();
  return vscode.Disposable.from(item, controller.onDidChange(update), scopes.onDidChange(update));
}
