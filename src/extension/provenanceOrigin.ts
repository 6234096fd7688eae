// Why an open document's text changed: the user's editor, another process writing the file, git, or undo/redo/revert.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { findGitRoot, gitDirectory, readGitState, writtenByGit } from '../core';
import type { ChangeOrigin } from '../core';

function modifiedAt(fsPath: string): number | undefined {
  try {
    return statSync(fsPath).mtimeMs;
  } catch {
    return undefined;
  }
}

export class ChangeOrigins {
  /** The file's modification time when the editor last read or wrote it: a later one means another writer. */
  private readonly known = new Map<string, number>();

  /** Call when a document is opened or saved. */
  remember(document: vscode.TextDocument): void {
    const at = document.uri.scheme === 'file' ? modifiedAt(document.uri.fsPath) : undefined;
    if (at !== undefined) this.known.set(document.uri.toString(), at);
  }

  forget(document: vscode.TextDocument): void {
    this.known.delete(document.uri.toString());
  }

  of(event: vscode.TextDocumentChangeEvent): ChangeOrigin {
    if (event.reason === vscode.TextDocumentChangeReason.Undo || event.reason === vscode.TextDocumentChangeReason.Redo) return 'restored';
    const { document } = event;
    // A reload from disk leaves the document clean and equal to the file; the file is read only then (and on the
    // first keystroke after a save), never while the user types in a modified document.
    if (document.uri.scheme !== 'file' || document.isDirty || !matchesFile(document)) return 'editor';
    const key = document.uri.toString();
    const writtenAt = modifiedAt(document.uri.fsPath);
    const knownAt = this.known.get(key);
    if (writtenAt !== undefined) this.known.set(key, writtenAt);
    // Revert File reloads what the editor itself last saw on disk: nothing new.
    if (writtenAt !== undefined && knownAt !== undefined && writtenAt <= knownAt) return 'restored';
    return writtenAt !== undefined && writtenByGitOperation(document.uri.fsPath, writtenAt) ? 'git' : 'disk';
  }
}

function matchesFile(document: vscode.TextDocument): boolean {
  try {
    return readFileSync(document.uri.fsPath, 'utf8').replace(/^\uFEFF/, '') === document.getText();
  } catch {
    return false;
  }
}

function writtenByGitOperation(fsPath: string, writtenAt: number): boolean {
  const root = findGitRoot(dirname(fsPath));
  const gitDir = root === undefined ? undefined : gitDirectory(root);
  return gitDir !== undefined && writtenByGit(writtenAt, readGitState(gitDir));
}
