// Owners: the scope file's, else CODEOWNERS (looked up as GitHub does: .github/, the root, docs/), else the owners of
// a Backstage catalog-info.yaml at the root.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SCOPE_FILE, type Owner, type ScopeDeclaration } from './model';

const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
const CATALOG_FILES = ['catalog-info.yaml', 'catalog-info.yml'];

export function findOwners(root: string, declared?: ScopeDeclaration): Owner[] {
  if (declared && declared.owners.length > 0) {
    return declared.owners.map((name) => ({ name, source: 'scope', file: SCOPE_FILE }));
  }
  for (const file of CODEOWNERS_LOCATIONS) {
    const text = readText(join(root, file));
    if (text === undefined) continue;
    const owners = codeOwners(text);
    if (owners.length > 0) return owners.map((name) => ({ name, source: 'CODEOWNERS', file }));
  }
  for (const file of CATALOG_FILES) {
    const text = readText(join(root, file));
    if (text === undefined) continue;
    const owners = catalogOwners(text);
    if (owners.length > 0) return owners.map((name) => ({ name, source: 'catalog-info', file }));
  }
  return [];
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The owners of the catch-all `*` rule when there is one (the repository's owners), else every owner named. */
export function codeOwners(text: string): string[] {
  let fallback: string[] | undefined;
  const all: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('[')) continue;
    const [pattern, ...owners] = line.split(/\s+/);
    const named = owners.filter((owner) => owner.startsWith('@') || owner.includes('@'));
    if (pattern === '*' || pattern === '/*' || pattern === '**') fallback = named;
    for (const owner of named) if (!all.includes(owner)) all.push(owner);
  }
  return fallback && fallback.length > 0 ? fallback : all;
}

/** `spec.owner` of every entity in a Backstage catalog file (several YAML documents are allowed). */
export function catalogOwners(text: string): string[] {
  const owners: string[] = [];
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch {
    return owners;
  }
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    if (document.errors.length > 0) continue;
    const entity = document.toJS() as { spec?: { owner?: unknown } } | null;
    const owner = entity?.spec?.owner;
    if (typeof owner === 'string' && owner.trim() !== '' && !owners.includes(owner)) owners.push(owner);
  }
  return owners;
}
