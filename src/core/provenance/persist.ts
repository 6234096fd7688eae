// Regions saved across window reloads, valid only for the exact text they were computed on.
import { createHash } from 'node:crypto';
import type { Range } from '../types';
import { normalise } from './regions';

export interface StoredRegions {
  /** sha256 of the document's text when the regions were stored. */
  contentHash: string;
  regions: Range[];
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function storeRegions(text: string, regions: readonly Range[]): StoredRegions {
  return { contentHash: contentHash(text), regions: regions.map(([start, end]) => [start, end]) };
}

/** The stored regions when `text` is what they were stored for; none when it changed (or the data is malformed). */
export function restoreRegions(text: string, stored: unknown): Range[] {
  if (!isStoredRegions(stored) || stored.contentHash !== contentHash(text)) return [];
  return normalise(stored.regions.filter(([start, end]) => start >= 0 && end <= text.length));
}

function isStoredRegions(value: unknown): value is StoredRegions {
  const candidate = value as Partial<StoredRegions> | null;
  return typeof candidate?.contentHash === 'string' && Array.isArray(candidate.regions) && candidate.regions.every(
    (region) => Array.isArray(region) && region.length === 2 && region.every((offset) => Number.isInteger(offset)),
  );
}
