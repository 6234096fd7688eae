// Command handlers: apply a fix, suppress with a reason, rule docs, file and workspace scans, SARIF export.
import * as vscode from 'vscode';
import { RULES, suppressionEdit } from '../core';
import type { Range, TextEdit } from '../core/types';
import type { DocumentAnalyzer } from './analyzer';
import { toWorkspaceEdit } from './codeActions';
import type { WorkspaceScanner } from './workspaceScan';

export class Commands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly analyzer: DocumentAnalyzer,
    private readonly scanner: WorkspaceScanner,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Fixes apply only to the text they were computed for; anything else could corrupt the file. */
  async applyFix(uri: vscode.Uri, version: number, edits: TextEdit[]): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.version !== version) {
      void vscode.window.showWarningMessage('Codeward: the document changed after this fix was computed; try the fix again.');
      return false;
    }
    const own = edits.filter((edit) => edit.path === undefined);
    const edit = toWorkspaceEdit(document, own);
    // Edits of another file (a dependency added to package.json) were computed from that file on disk.
    const others = [...new Set(edits.flatMap((other) => (other.path === undefined ? [] : [other.path])))];
    const touched: vscode.TextDocument[] = [];
    for (const path of others) {
      const other = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
      if (other.isDirty) {
        void vscode.window.showWarningMessage(`Codeward: ${vscode.workspace.asRelativePath(other.uri)} has unsaved changes; save it and try the fix again.`);
        return false;
      }
      for (const { range, text } of edits.filter((candidate) => candidate.path === path)) {
        edit.replace(other.uri, new vscode.Range(other.positionAt(range[0]), other.positionAt(range[1])), text);
      }
      touched.push(other);
    }
    const applied = await vscode.workspace.applyEdit(edit);
    // The other file was clean: keep it so, so the next analysis reads what the fix wrote.
    if (applied) for (const other of touched) await other.save();
    return applied;
  }

  /** Asks for a reason (required) and inserts `// codeward-ignore-next-line <rule> -- <reason>` above the finding. */
  async suppress(uri: vscode.Uri, version: number, range: Range, ruleId: string, reason?: string): Promise<boolean> {
    const document = await vscode.workspace.openTextDocument(uri);
    const finding = this.analyzer.resultFor(document)?.findings.find(
      (candidate) => candidate.ruleId === ruleId && candidate.range[0] === range[0] && candidate.range[1] === range[1],
    );
    if (document.version !== version || !finding) {
      void vscode.window.showWarningMessage('Codeward: the document changed; run the suppression again on the current finding.');
      return false;
    }
    const given = reason ?? (await vscode.window.showInputBox({
      title: `Suppress ${ruleId} for this line`,
      prompt: 'Why is this safe? The reason is kept in the code and in reports.',
      placeHolder: 'e.g. the value is a constant from our own config',
      validateInput: (value) => (value.trim().length === 0 ? 'A suppression needs a reason.' : undefined),
    }));
    if (!given || given.trim().length === 0) return false;
    if (document.version !== version) return false;
    const edit = suppressionEdit(document.getText(), finding, given, document.fileName);
    return edit !== undefined && vscode.workspace.applyEdit(toWorkspaceEdit(document, [edit]));
  }

  /** Opens the bundled docs page in the markdown preview: offline, no browser. */
  async showRuleDocumentation(ruleId?: string): Promise<void> {
    const id = ruleId ?? (await vscode.window.showQuickPick(
      RULES.map((rule) => ({ label: rule.meta.id, description: rule.meta.title, detail: rule.meta.description })),
      { title: 'Codeward: rule documentation', matchOnDescription: true },
    ))?.label;
    if (!id) return;
    const uri = vscode.Uri.joinPath(this.context.extensionUri, 'docs', 'rules', `${id}.md`);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  }

  scanCurrentFile(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Codeward: open a JavaScript or TypeScript file to scan it.');
      return;
    }
    this.analyzer.analyse(document);
  }

  async scanWorkspace(): Promise<void> {
    await this.scanner.scanWithProgress();
  }

  /** Writes the same SARIF as `codeward scan --format sarif`; a target can be passed for automation. */
  async exportSarif(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('Codeward: open a folder to export a SARIF report.');
      return undefined;
    }
    const destination = target ?? (await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder.uri, 'codeward.sarif'),
      filters: { SARIF: ['sarif', 'json'] },
      title: 'Export Codeward SARIF report',
    }));
    if (!destination) return undefined;
    const sarif = await this.scanner.sarifFor(folder);
    if (!sarif) return undefined;
    await vscode.workspace.fs.writeFile(destination, Buffer.from(`${JSON.stringify(sarif, null, 2)}\n`, 'utf8'));
    this.log.info(`SARIF written to ${destination.fsPath}`);
    void vscode.window.showInformationMessage(`Codeward: SARIF report written to ${vscode.workspace.asRelativePath(destination)}.`);
    return destination;
  }

}
