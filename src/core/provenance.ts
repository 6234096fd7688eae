// Inserted-code provenance for the editor: regions of a document that arrived in one block (a completion accepted,
// an agent's edit, a paste, a file rewritten on disk) rather than typed, kept in step with later edits. Pure offsets.
import type { Finding, Range } from './types';

/** One edit: `deleted` characters at `start` replaced by `text` (VS Code's contentChanges, in offsets). */
export interface TextChange {
  start: number;
  deleted: number;
  text: string;
}

export const INSERTED_NOTE = 'This line is in unreviewed inserted code (added in one block, not typed); review it before merging.';

/** Whether a change brings in at least `minLines` lines at once. */
export function isBulkInsertion(change: TextChange, minLines: number): boolean {
  let lines = 1;
  for (let i = 0; i < change.text.length && lines < minLines; i++) if (change.text.charCodeAt(i) === 10) lines++;
  return lines >= minLines && change.text.trim().length > 0;
}

/**
 * Regions after a change: those before it stay, those after it shift, an edit inside a region keeps the region
 * whole (it grows or shrinks with the edit), and the parts of a region that a change deletes are dropped.
 */
export function adjustRegions(regions: readonly Range[], change: TextChange): Range[] {
  const end = change.start + change.deleted;
  const delta = change.text.length - change.deleted;
  const adjusted: Range[] = [];
  for (const [a, b] of regions) {
    if (b <= change.start) adjusted.push([a, b]);
    else if (a >= end) adjusted.push([a + delta, b + delta]);
    else if (a <= change.start && end <= b) adjusted.push([a, b + delta]);
    else {
      if (a < change.start) adjusted.push([a, change.start]);
      if (b > end) adjusted.push([change.start + change.text.length, b + delta]);
    }
  }
  return merge(adjusted.filter(([a, b]) => b > a));
}

/** What else is known about a change when it happens. */
export interface ChangeContext {
  /** Lines a change must bring at once to count as inserted (the `codeward.insertedCode.minLines` setting). */
  minLines: number;
  /** Undo or redo: text that was there before, not new code. */
  undoing: boolean;
  /** HEAD or the index moved just before (checkout, pull, merge, stash): git's work, not an assistant's. */
  byGit: boolean;
  /** The document was reloaded from disk: another process (an agent) rewrote the file. */
  reloaded: boolean;
}

/**
 * The region a change adds to the inserted code, if any. A reload counts blocks of two lines or more, whatever the
 * setting: one changed line of a clean document also results from retyping what was saved.
 */
export function insertedRegion(change: TextChange, context: ChangeContext): Range | undefined {
  if (context.undoing || context.byGit) return undefined;
  const minLines = context.reloaded ? Math.min(2, context.minLines) : context.minLines;
  return isBulkInsertion(change, minLines) ? [change.start, change.start + change.text.length] : undefined;
}

/** Adds a region, merging it with those it touches. */
export function addRegion(regions: readonly Range[], region: Range): Range[] {
  return merge([...regions, region]);
}

/** Findings that start inside a region get the note appended to their message. */
export function markInsertedCode(findings: readonly Finding[], regions: readonly Range[]): Finding[] {
  if (regions.length === 0) return [...findings];
  return findings.map((finding) =>
    regions.some(([a, b]) => finding.range[0] >= a && finding.range[0] < b) ? { ...finding, message: `${finding.message} ${INSERTED_NOTE}` } : finding,
  );
}

function merge(regions: Range[]): Range[] {
  const sorted = [...regions].sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}
