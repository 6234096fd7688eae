// A shield with the number of open findings; click opens the Problems view.
import * as vscode from 'vscode';
import type { DocumentAnalyzer } from './analyzer';

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
