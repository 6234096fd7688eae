// What the import rules share: the key an import is compared by against a baseline, the "new" wording, and the
// fixes that remove an import or declare a dependency.
import { modify } from 'jsonc-parser';
import type { Fix, ImportRecord, TextEdit } from '../types';
import { parseSpecifier, Specifier } from './specifier';
import type { Manifest } from './packages';

/** What "the same import" means across versions of a file: the package, the built-in, or the specifier as written. */
export function importKey(specifier: string): string {
  const parsed = parseSpecifier(specifier);
  if (parsed.kind === 'package') return parsed.name;
  if (parsed.kind === 'builtin') return `node:${parsed.name}`;
  return specifier;
}

/** The specifier of a runtime import, parsed; undefined for type-only and non-constant imports. */
export function runtimeSpecifier(record: ImportRecord): Specifier | undefined {
  return record.specifier === undefined || record.typeOnly ? undefined : parseSpecifier(record.specifier);
}

/** "New import of 'x'" when the file did not import it at the baseline, else "Import of 'x'" (or a plain lead). */
export function importLead(isNew: boolean | undefined, what: string): string {
  return isNew ? `New import of ${what}` : `Import of ${what}`;
}

/** Removes the statement that only imports, with its line break; undefined when the import sits in an expression. */
export function removeImportFix(record: ImportRecord, text: string): Fix | undefined {
  if (!record.statement) return undefined;
  let [start, end] = record.statement;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const aloneOnLine = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd < 0 ? text.length : lineEnd).trim() === '';
  if (aloneOnLine) {
    start = lineStart;
    end = lineEnd < 0 ? text.length : lineEnd + 1;
  }
  return { title: 'Remove this import', safety: 'review', edits: [{ range: [start, end], text: '' }] };
}

/**
 * Declares an installed package in package.json with the installed version (`^1.2.3`); an edit in that file.
 * `lockedByNpm`: npm's lockfile already installs that version at the top level, so `npm ci` accepts the new range
 * and installs the same packages as before.
 */
export function declareDependencyFix(manifest: Manifest, name: string, version: string, field: 'dependencies' | 'devDependencies', lockedByNpm: boolean): Fix | undefined {
  if (manifest.text === undefined) return undefined;
  const indent = /\n([ \t]+)"/.exec(manifest.text)?.[1] ?? '  ';
  const edits = modify(manifest.text, [field, name], `^${version}`, {
    formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: manifest.text.includes('\r\n') ? '\r\n' : '\n' },
    getInsertionIndex: (properties) => {
      const index = properties.findIndex((property) => property.localeCompare(name) > 0);
      return index < 0 ? properties.length : index;
    },
  });
  if (edits.length === 0) return undefined;
  const textEdits: TextEdit[] = edits.map((edit) => ({ range: [edit.offset, edit.offset + edit.length], text: edit.content, path: manifest.path }));
  const title = `Add ${name}@^${version} to package.json ${field}`;
  if (lockedByNpm) return { title: `${title} (safe: package-lock.json already installs ${version}, npm ci installs the same packages)`, safety: 'safe', edits: textEdits };
  return { title, safety: 'review', edits: textEdits };
}
