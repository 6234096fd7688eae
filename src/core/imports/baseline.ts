// What a file imported at its baseline, as the keys the engine compares new imports with.
import type { ImportRecord } from '../types';
import { collectImports } from './collect';
import { importKey } from './checks';
import { isManifestPath, readDependencies } from './manifest';

/** The keys of the imports a file made at its baseline (type-only ones too: they still name the package). */
export function baselineKeys(records: readonly ImportRecord[]): string[] {
  return [...new Set(records.flatMap((record) => (record.specifier === undefined ? [] : [importKey(record.specifier)])))];
}

/**
 * The baseline imports of a file from its earlier content; no content (a new or untracked file) means none, so
 * every import is new. Earlier content that no longer parses also counts as none: better to call an import new
 * than to miss it.
 */
export function baselineImportsOf(content: Uint8Array | string | undefined, filePath: string): string[] {
  if (content === undefined) return [];
  const raw = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // A package.json "imports" what it declares: its baseline is the set of dependency names.
  if (isManifestPath(filePath)) return [...new Set(readDependencies(text).map((dependency) => dependency.name))];
  return baselineKeys(collectImports(text, filePath) ?? []);
}
