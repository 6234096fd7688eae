// Core findings -> VS Code diagnostics: rule id as code linked to its docs, confidence in the message.
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core';
import type { Finding, Note, Position, Severity } from '../core/types';
import type { FileReport } from '../core/scan';

export const SOURCE = 'codeward';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Core positions are 1-based lines and UTF-16 columns, exactly VS Code's positions plus one. */
function toRange(start: Position, end: Position): vscode.Range {
  return new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
}

export function toDiagnostic(uri: vscode.Uri, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toRange(finding.start, finding.end),
    `${finding.message} (${finding.confidence} confidence)`,
    SEVERITY[finding.severity],
  );
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocsUrl(finding.ruleId)) };
  diagnostic.relatedInformation = finding.related.map(
    (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(related.start, related.end)), related.message),
  );
  return diagnostic;
}

/** A file Codeward could not analyse gets one informational diagnostic so the gap is visible. */
export function noteDiagnostic(note: Note): vscode.Diagnostic {
  const line = Math.max((note.start?.line ?? 1) - 1, 0);
  const column = Math.max((note.start?.column ?? 1) - 1, 0);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, column, line, column), note.message, vscode.DiagnosticSeverity.Information);
  diagnostic.source = SOURCE;
  return diagnostic;
}

export function skippedDiagnostic(message: string): vscode.Diagnostic {
  return noteDiagnostic({ kind: 'skipped', message });
}

/** Unsuppressed findings and notes of a file, as the Problems panel shows them. */
export function fileDiagnostics(uri: vscode.Uri, file: Pick<FileReport, 'findings' | 'notes'>): vscode.Diagnostic[] {
  return [
    ...file.findings.filter((finding) => !finding.suppression).map((finding) => toDiagnostic(uri, finding)),
    ...file.notes.map(noteDiagnostic),
  ];
}
