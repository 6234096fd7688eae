// Codeward: Mark Threat Model Reviewed: records today's date (and an optional note) in .codeward/scope.json through
// the core's recordThreatModelReview, as an editor edit so it can be undone, then saves the file.
import * as vscode from 'vscode';
import { recordThreatModelReview, SCOPE_FILE } from '../../core';
import type { LoadedScope } from '../../core';

/** Given as the command's argument by tests and automation: skips the note prompt. */
export interface ReviewArgument {
  note?: string;
  /** YYYY-MM-DD; today when absent. */
  date?: string;
}

/** Today in the local calendar, YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Returns the date recorded, or undefined when nothing was written. */
export async function markThreatModelReviewed(loaded: LoadedScope, argument?: unknown): Promise<string | undefined> {
  if (!loaded.exists) {
    const choice = await vscode.window.showInformationMessage(`Codeward: there is no ${SCOPE_FILE} yet to record the review in.`, 'Initialise Scope File');
    if (choice) await vscode.commands.executeCommand('codeward.initScope');
    return undefined;
  }
  const given = typeof argument === 'object' && argument !== null ? (argument as ReviewArgument) : undefined;
  if (given && ((given.note !== undefined && typeof given.note !== 'string') || (given.date !== undefined && typeof given.date !== 'string'))) {
    void vscode.window.showErrorMessage('Codeward: Mark Threat Model Reviewed takes { note?: string, date?: "YYYY-MM-DD" }.');
    return undefined;
  }
  const note = given ? given.note : await vscode.window.showInputBox({
    title: 'Codeward: threat model reviewed',
    prompt: 'A note for the record (optional): what was reviewed, decisions taken',
    placeHolder: 'e.g. covered the new /export route',
    ignoreFocusOut: true,
  });
  if (note === undefined && !given) return undefined;
  const date = given?.date ?? today();
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(loaded.file));
  let updated: string;
  try {
    updated = recordThreatModelReview(document.getText(), date, note);
  } catch (error) {
    void vscode.window.showErrorMessage(`Codeward: could not record the review: ${(error as Error).message}.`);
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), updated);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
    void vscode.window.showErrorMessage(`Codeward: could not update ${SCOPE_FILE}.`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Codeward: threat model review recorded (${date}).`);
  return date;
}
