// Shows unreviewed inserted code: a bar in the gutter and a mark in the overview ruler on its lines, and a distinct
// gutter icon on the lines of findings inside it.
import * as vscode from 'vscode';
import type { DocumentAnalyzer } from './analyzer';
import type { InsertedCodeTracker } from './provenance';

function gutterIcons(extensionUri: vscode.Uri, name: string): Pick<vscode.DecorationRenderOptions, 'light' | 'dark'> {
  const icon = (theme: string): vscode.Uri => vscode.Uri.joinPath(extensionUri, 'media', `${name}-${theme}.svg`);
  return { light: { gutterIconPath: icon('light') }, dark: { gutterIconPath: icon('dark') } };
}

export class InsertedCodeDecorations implements vscode.Disposable {
  private readonly regionLines: vscode.TextEditorDecorationType;
  private readonly findingLines: vscode.TextEditorDecorationType;
  private readonly subscriptions: vscode.Disposable[];

  constructor(extensionUri: vscode.Uri, private readonly tracker: InsertedCodeTracker, private readonly analyzer: DocumentAnalyzer) {
    const shared: vscode.DecorationRenderOptions = {
      isWholeLine: true,
      gutterIconSize: 'contain',
      overviewRulerColor: new vscode.ThemeColor('codeward.insertedCodeRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    };
    this.regionLines = vscode.window.createTextEditorDecorationType({ ...shared, ...gutterIcons(extensionUri, 'inserted-code') });
    this.findingLines = vscode.window.createTextEditorDecorationType({ ...shared, ...gutterIcons(extensionUri, 'inserted-code-finding') });
    this.subscriptions = [
      tracker.onDidChangeRegions((uri) => this.refresh(uri)),
      analyzer.onDidChangeResults(() => this.refresh()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('codeward.insertedCode')) this.refresh();
      }),
    ];
    this.refresh();
  }

  private refresh(uri?: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (uri === undefined || editor.document.uri.toString() === uri.toString()) this.render(editor);
    }
  }

  private render(editor: vscode.TextEditor): void {
    const { document } = editor;
    const regions = this.tracker.regionsFor(document);
    // Findings describe one version; on a stale version the icons wait for the next analysis.
    const findingLines = new Set((this.analyzer.resultFor(document)?.findings ?? [])
      .filter((finding) => finding.insertedCode && !finding.suppression)
      .map((finding) => finding.start.line - 1));
    const plain: vscode.Range[] = [];
    const withFindings: vscode.Range[] = [];
    for (const [start, end] of regions) {
      const first = document.positionAt(start).line;
      const last = document.positionAt(end).line;
      let spanStart = first;
      // Split the region's lines into runs so the two gutter icons never share a line.
      for (let line = first; line <= last + 1; line += 1) {
        if (line <= last && !findingLines.has(line)) continue;
        if (line > spanStart) plain.push(new vscode.Range(spanStart, 0, line - 1, 0));
        if (line <= last) withFindings.push(new vscode.Range(line, 0, line, 0));
        spanStart = line + 1;
      }
    }
    editor.setDecorations(this.regionLines, plain);
    editor.setDecorations(this.findingLines, withFindings);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.regionLines.dispose();
    this.findingLines.dispose();
  }
}
