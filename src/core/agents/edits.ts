// Fix edits for agent files, in the file's own format: replace a value, remove an array item or a JSON property.
import type { Fix, TextEdit } from '../types';
import type { AgentFile, ConfigNode, ConfigProperty } from './document';

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

/** The object and property holding `value`. */
function parentOf(root: ConfigNode, value: ConfigNode): { object: ConfigNode; property: ConfigProperty } | undefined {
  for (const entry of root.properties ?? []) {
    if (entry.value === value) return { object: root, property: entry };
    const found = parentOf(entry.value, value);
    if (found) return found;
  }
  for (const item of root.items ?? []) {
    const found = parentOf(item, value);
    if (found) return found;
  }
  return undefined;
}

/** Removes the JSON property whose value is `value`, with its separator, keeping the other properties' layout. */
export function removeJsonProperty(file: AgentFile, value: ConfigNode): TextEdit[] {
  const parent = file.root && parentOf(file.root, value);
  if (!parent) return [];
  const properties = parent.object.properties ?? [];
  const index = properties.indexOf(parent.property);
  const start = parent.property.keyRange[0];
  if (index < properties.length - 1) return [{ range: [start, properties[index + 1].keyRange[0]], text: '' }];
  if (index > 0) return [{ range: [properties[index - 1].value.range[1], value.range[1]], text: '' }];
  return [{ range: [start, value.range[1]], text: '' }];
}

export function reviewFix(title: string, edits: TextEdit[]): Fix[] {
  return edits.length > 0 ? [{ title, safety: 'review', edits }] : [];
}
