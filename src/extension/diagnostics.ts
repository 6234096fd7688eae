// Core findings -> VS Code diagnostics: rule id as code linked to its docs, confidence in the message.
import * as vscode from 'vscode';
import type { Finding, Note, Severity } from '../core/types';
import { ruleDocsUrl } from '../core/docs';

export const SOURCE = 'codeward';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toRange(document: vscode.TextDocument, range: [number, number]): vscode.Range {
  return new vscode.Range(document.positionAt(range[0]), document.positionAt(range[1]));
}

export function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(document, finding.range),
    `${finding.message} (${finding.confidence} confidence)`,
    SEVERITY[finding.severity],
  );
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  diagnostic.relatedInformation = finding.related.map(
    (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, related.range)), related.message),
  );
  return diagnostic;
}

/** A file Codeward could not analyse gets one informational diagnostic so the gap is visible. */
export function noteDiagnostic(document: vscode.TextDocument, note: Note): vscode.Diagnostic {
  const line = Math.min((note.start?.line ?? 1) - 1, document.lineCount - 1);
  const diagnostic = new vscode.Diagnostic(document.lineAt(Math.max(line, 0)).range, note.message, vscode.DiagnosticSeverity.Information);
  diagnostic.source = SOURCE;
  return diagnostic;
}
