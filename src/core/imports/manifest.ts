// The dependencies a package.json declares, with the offsets of their lines, for checks of added dependencies.
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import type { Range } from '../types';

export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
export type DependencyField = (typeof DEPENDENCY_FIELDS)[number];

export interface DependencyRecord {
  name: string;
  /** The version range or location as written. */
  spec: string;
  field: DependencyField;
  /** The quoted name. */
  nameRange: Range;
  /** The quoted spec. */
  specRange: Range;
}

export function isManifestPath(filePath: string): boolean {
  return /(?:^|[/\\])package\.json$/.test(filePath);
}

/** Every dependency entry with a string spec; a file that is not a JSON object declares none. */
export function readDependencies(text: string): DependencyRecord[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return [];
  const records: DependencyRecord[] = [];
  for (const field of DEPENDENCY_FIELDS) {
    const section = findNodeAtLocation(root, [field]);
    if (section?.type !== 'object') continue;
    for (const property of section.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key?.type !== 'string' || value?.type !== 'string') continue;
      records.push({
        name: key.value as string,
        spec: value.value as string,
        field,
        nameRange: [key.offset, key.offset + key.length],
        specRange: [value.offset, value.offset + value.length],
      });
    }
  }
  return records;
}
