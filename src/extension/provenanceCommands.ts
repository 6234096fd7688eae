// "Mark Inserted Code Reviewed" (one file) and "Mark All Inserted Code Reviewed": the findings inside lose the mark.
import * as vscode from 'vscode';
import type { DocumentAnalyzer } from './analyzer';
import type { InsertedCodeTracker } from './provenance';

/** Clears the regions of `uri` (the active editor's file when omitted), or of every file when `all`. */
export function markInsertedCodeReviewed(tracker: InsertedCodeTracker, analyzer: DocumentAnalyzer, target: { uri?: vscode.Uri } | 'all'): void {
  const uri = target === 'all' ? undefined : target.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (target !== 'all' && uri === undefined) {
    void vscode.window.showInformationMessage('Codeward: open a file to mark its inserted code reviewed.');
    return;
  }
  tracker.clear(uri);
  // Diagnostics carry the mark in their message: analyse again so it goes.
  vscode.workspace.textDocuments
    .filter((document) => uri === undefined || document.uri.toString() === uri.toString())
    .forEach((document) => analyzer.analyse(document));
}
