// Unreviewed inserted code as offset ranges of a document's current text, carried through later edits.
import type { Range } from '../types';

/** One edit as the editor reports it: `rangeLength` characters at `rangeOffset` replaced by `text`. */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * Where `region` lies after `change`. Typing inside inserted code keeps it one region (it is still unreviewed);
 * replacing or deleting part of it drops that part; text added exactly at its edges stays outside.
 */
export function followChange(region: Range, change: ContentChange): Range | undefined {
  const [start, end] = region;
  const editStart = change.rangeOffset;
  const editEnd = change.rangeOffset + change.rangeLength;
  const delta = change.text.length - change.rangeLength;
  if (editEnd <= start) return [start + delta, end + delta];
  if (editStart >= end) return region;
  if (editStart <= start && editEnd >= end) return undefined;
  if (editStart >= start && editEnd <= end) return nonEmpty([start, end + delta]);
  if (editStart < start) return nonEmpty([editStart + change.text.length, end + delta]);
  return nonEmpty([start, editStart]);
}

function nonEmpty(region: Range): Range | undefined {
  return region[1] > region[0] ? region : undefined;
}

/** Applies the changes of one editor event in their order (each offset is relative to the text the previous left). */
export function followChanges(regions: readonly Range[], changes: readonly ContentChange[]): Range[] {
  let current = [...regions];
  for (const change of changes) {
    current = current.flatMap((region) => {
      const followed = followChange(region, change);
      return followed ? [followed] : [];
    });
  }
  return normalise(current);
}

/** Sorted, with overlapping or touching regions merged. */
export function normalise(regions: readonly Range[]): Range[] {
  const sorted = regions.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

export function addRegion(regions: readonly Range[], region: Range): Range[] {
  return normalise([...regions, region]);
}

/** Whether [start, end) touches a region; an empty range counts when it sits inside one. */
export function inRegions(regions: readonly Range[], [start, end]: Range): boolean {
  return regions.some(([regionStart, regionEnd]) =>
    end > start ? start < regionEnd && end > regionStart : start >= regionStart && start < regionEnd);
}
