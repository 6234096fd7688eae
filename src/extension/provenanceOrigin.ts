// Why an open document's text changed: the user's editor, another process writing the file, git, or undo/redo.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { findGitRoot, gitDirectory, readGitState, writtenByGit } from '../core';
import type { ChangeOrigin } from '../core';

export function changeOrigin(event: vscode.TextDocumentChangeEvent): ChangeOrigin {
  if (event.reason === vscode.TextDocumentChangeReason.Undo || event.reason === vscode.TextDocumentChangeReason.Redo) return 'undo-redo';
  const { document } = event;
  // A reload from disk leaves the document clean and equal to the file; reading the file happens only then (and on
  // the first keystroke after a save), never while the user types in a dirty document.
  if (event.reason !== undefined || document.uri.scheme !== 'file' || document.isDirty || !matchesFile(document)) return 'editor';
  return writtenByGitOperation(document.uri.fsPath) ? 'git' : 'disk';
}

function matchesFile(document: vscode.TextDocument): boolean {
  try {
    return readFileSync(document.uri.fsPath, 'utf8').replace(/^\uFEFF/, '') === document.getText();
  } catch {
    return false;
  }
}

function writtenByGitOperation(fsPath: string): boolean {
  const root = findGitRoot(dirname(fsPath));
  const gitDir = root === undefined ? undefined : gitDirectory(root);
  if (gitDir === undefined) return false;
  try {
    return writtenByGit(statSync(fsPath).mtimeMs, readGitState(gitDir));
  } catch {
    return false;
  }
}
