// Quick fixes from the core's fix data, suppression with a reason, the rule's docs, and a safe-only fix-all.
import * as vscode from 'vscode';
import { canSuppressIn, combinedSafeEdits } from '../core';
import type { Finding, TextEdit } from '../core/types';
import type { DocumentAnalyzer } from './analyzer';
import { SOURCE } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('codeward');
export const APPLY_FIX_COMMAND = 'codeward.applyFix';
export const SUPPRESS_COMMAND = 'codeward.suppressFinding';
export const SHOW_DOCS_COMMAND = 'codeward.showRuleDocumentation';

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const { range, text } of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(range[0]), document.positionAt(range[1])), text);
  }
  return edit;
}

function findingFor(document: vscode.TextDocument, findings: readonly Finding[], diagnostic: vscode.Diagnostic): Finding | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return findings.find(
    (finding) =>
      !finding.suppression &&
      finding.ruleId === code &&
      document.offsetAt(diagnostic.range.start) === finding.range[0] &&
      document.offsetAt(diagnostic.range.end) === finding.range[1],
  );
}

export class CodewardCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly analyzer: DocumentAnalyzer) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.analyzer.resultFor(document);
    if (!result) return [];
    if (context.only && FIX_ALL_KIND.contains(context.only) || context.only?.contains(FIX_ALL_KIND)) {
      return this.fixAll(document, result.findings);
    }
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const finding = findingFor(document, result.findings, diagnostic);
      if (!finding) continue;
      for (const fix of finding.fixes) {
        const title = fix.safety === 'review' && !/review/i.test(fix.title) ? `${fix.title} (review)` : fix.title;
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.safety === 'safe';
        action.command = { title, command: APPLY_FIX_COMMAND, arguments: [document.uri, result.version, fix.edits] };
        actions.push(action);
      }
      if (canSuppressIn(document.fileName)) {
        const suppress = new vscode.CodeAction(`Suppress ${finding.ruleId} for this line…`, vscode.CodeActionKind.QuickFix);
        suppress.diagnostics = [diagnostic];
        suppress.command = { title: suppress.title, command: SUPPRESS_COMMAND, arguments: [document.uri, result.version, finding.range, finding.ruleId] };
        actions.push(suppress);
      }
      const docs = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = { title: docs.title, command: SHOW_DOCS_COMMAND, arguments: [finding.ruleId] };
      actions.push(docs);
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument, findings: readonly Finding[]): vscode.CodeAction[] {
    const { edits, fixes } = combinedSafeEdits(findings);
    if (fixes.length === 0) return [];
    const action = new vscode.CodeAction(`Fix all safe Codeward problems (${fixes.length})`, FIX_ALL_KIND);
    action.edit = toWorkspaceEdit(document, edits);
    return [action];
  }
}
