// Fix edits for agent files, in the file's own format: replace a value, remove an array item or a JSON property.
import { modify, type FormattingOptions } from 'jsonc-parser';
import type { Fix, TextEdit } from '../types';
import type { AgentFile, ConfigNode } from './document';

/** The literal for a new scalar value, as the file's format writes it. */
function literal(file: AgentFile, value: string | boolean): string {
  if (file.entry.format === 'yaml') return typeof value === 'boolean' || /^[\w.-]+$/.test(value) ? String(value) : JSON.stringify(value);
  return JSON.stringify(value);
}

export function replaceValue(file: AgentFile, node: ConfigNode, value: string | boolean): TextEdit {
  return { range: [node.range[0], node.range[1]], text: literal(file, value) };
}

/** Removes one item of an array with its separator, keeping the other items' layout. */
export function removeArrayItem(array: ConfigNode, item: ConfigNode): TextEdit {
  const items = array.items ?? [];
  const index = items.indexOf(item);
  if (index < items.length - 1) return { range: [item.range[0], items[index + 1].range[0]], text: '' };
  if (index > 0) return { range: [items[index - 1].range[1], item.range[1]], text: '' };
  return { range: [item.range[0], item.range[1]], text: '' };
}

/** Path of keys and indexes from the root to `target`, for jsonc-parser's modify. */
function pathTo(root: ConfigNode, target: ConfigNode): (string | number)[] | undefined {
  if (root === target) return [];
  for (const entry of root.properties ?? []) {
    const rest = pathTo(entry.value, target);
    if (rest) return [entry.key, ...rest];
  }
  for (const [index, item] of (root.items ?? []).entries()) {
    const rest = pathTo(item, target);
    if (rest) return [index, ...rest];
  }
  return undefined;
}

function formatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Removes the JSON property whose value is `value` (with its comma), as jsonc-parser formats it. */
export function removeJsonProperty(file: AgentFile, value: ConfigNode): TextEdit[] {
  const path = file.root && pathTo(file.root, value);
  if (!path || path.length === 0) return [];
  return modify(file.text, path, undefined, { formattingOptions: formatting(file.text) })
    .map((edit) => ({ range: [edit.offset, edit.offset + edit.length], text: edit.content }));
}

export function reviewFix(title: string, edits: TextEdit[]): Fix[] {
  return edits.length > 0 ? [{ title, safety: 'review', edits }] : [];
}
