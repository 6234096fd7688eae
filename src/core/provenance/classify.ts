// Which edits count as inserted code: one edit that adds several lines at once, or a file rewritten on disk.
import type { Range } from '../types';
import { addRegion, followChanges } from './regions';
import type { ContentChange } from './regions';

/**
 * What caused a change: the user's editor (typing, paste, completion accept, an extension's edit), another process
 * writing the open file on disk, a git operation doing so, or text the document held before coming back (undo, redo,
 * revert to the saved file).
 */
export type ChangeOrigin = 'editor' | 'disk' | 'git' | 'restored';

export const DEFAULT_MIN_LINES = 3;

/** Lines holding code: pressing Enter (a newline plus indentation) inserts none. */
export function codeLineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length;
}

/**
 * The region a change inserts when it counts as inserted code, trimmed to its first and last non-blank character;
 * otherwise undefined. Writes by another process count at any size: nobody typed them in this editor.
 */
export function insertedRegion(change: ContentChange, origin: ChangeOrigin, minLines: number): Range | undefined {
  if (origin === 'git' || origin === 'restored') return undefined;
  const lines = codeLineCount(change.text);
  if (lines === 0 || (origin === 'editor' && lines < Math.max(1, minLines))) return undefined;
  const leading = change.text.length - change.text.trimStart().length;
  const trailing = change.text.length - change.text.trimEnd().length;
  return [change.rangeOffset + leading, change.rangeOffset + change.text.length - trailing];
}

/** Regions after one editor event: each change moves the regions so far, then may add its own. */
export function trackChanges(regions: readonly Range[], changes: readonly ContentChange[], origin: ChangeOrigin, minLines: number): Range[] {
  let current = [...regions];
  for (const change of changes) {
    current = followChanges(current, [change]);
    const inserted = insertedRegion(change, origin, minLines);
    if (inserted) current = addRegion(current, inserted);
  }
  return current;
}
