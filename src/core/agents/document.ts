// One tree for JSON/JSONC, TOML and YAML agent files, with the offsets of every key and value, so rules can point
// inside the file and fixes can edit it whatever the format.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Range } from '../types';
import type { AgentFileEntry } from './catalog';
import { locateToml } from './toml-locations';

export type ValueType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface ConfigNode {
  type: ValueType;
  /** Scalars only. */
  value?: string | number | boolean | null;
  /** The value's text in the file. */
  range: Range;
  /** Objects. */
  properties?: ConfigProperty[];
  /** Arrays. */
  items?: ConfigNode[];
}

export interface ConfigProperty {
  key: string;
  keyRange: Range;
  value: ConfigNode;
}

export interface AgentFile {
  /** As given to analyze (relative to the scan root in the CLI). */
  path: string;
  entry: AgentFileEntry;
  text: string;
  /** Undefined for Markdown and for files that do not parse. */
  root?: ConfigNode;
}

export type ParseOutcome = { ok: true; root?: ConfigNode } | { ok: false; message: string; offset: number };

export function parseAgentFile(text: string, entry: AgentFileEntry): ParseOutcome {
  switch (entry.format) {
    case 'json':
    case 'jsonc':
      return parseJson(text);
    case 'toml':
      return parseTomlFile(text);
    case 'yaml':
      return parseYaml(text);
    default:
      return { ok: true };
  }
}

function parseJson(text: string): ParseOutcome {
  const errors: ParseError[] = [];
  // Comments and trailing commas: VS Code's files allow both, and a stray one must not hide the rest of the file.
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!tree) return errors.length > 0 ? { ok: false, message: printParseErrorCode(errors[0].error), offset: errors[0].offset } : { ok: true };
  if (errors.length > 0) return { ok: false, message: printParseErrorCode(errors[0].error), offset: errors[0].offset };
  return { ok: true, root: fromJson(tree) };
}

function fromJson(node: JsonNode): ConfigNode {
  const range: Range = [node.offset, node.offset + node.length];
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        range,
        properties: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value) return [];
          return [{ key: String(key.value), keyRange: [key.offset, key.offset + key.length] as Range, value: fromJson(value) }];
        }),
      };
    case 'array':
      return { type: 'array', range, items: (node.children ?? []).map(fromJson) };
    default:
      return { type: node.type === 'property' ? 'null' : node.type, value: node.value as ConfigNode['value'], range };
  }
}

function parseTomlFile(text: string): ParseOutcome {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    const line = (error as { line?: number }).line;
    const column = (error as { column?: number }).column;
    const message = String((error as Error).message ?? error).split('\n')[0];
    return { ok: false, message, offset: line !== undefined ? offsetOf(text, line, column ?? 1) : 0 };
  }
  const locations = locateToml(text);
  return { ok: true, root: fromToml(data, [], locations, [0, 0]) };
}

function fromToml(value: unknown, path: string[], locations: ReturnType<typeof locateToml>, fallback: Range): ConfigNode {
  const id = path.join('\0');
  const located = locations.values.get(id);
  const range = located?.value ?? locations.tables.get(id) ?? fallback;
  if (Array.isArray(value)) {
    return { type: 'array', range, items: value.map((item, index) => fromToml(item, [...path, String(index)], locations, located?.items?.[index] ?? range)) };
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return {
      type: 'object',
      range,
      properties: Object.entries(value as Record<string, unknown>).map(([key, child]) => {
        const childPath = [...path, key];
        const childLocation = locations.values.get(childPath.join('\0'));
        const keyRange = childLocation?.key ?? locations.tables.get(childPath.join('\0')) ?? range;
        return { key, keyRange, value: fromToml(child, childPath, locations, keyRange) };
      }),
    };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { type: typeof value as ValueType, value, range };
  if (typeof value === 'bigint') return { type: 'number', value: Number(value), range };
  return { type: 'string', value: String(value), range };
}

function parseYaml(text: string): ParseOutcome {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) return { ok: false, message: document.errors[0].message.split('\n')[0], offset: document.errors[0].pos[0] };
  return { ok: true, root: document.contents ? fromYaml(document.contents as YamlNode) : undefined };
}

function fromYaml(node: YamlNode): ConfigNode {
  const range: Range = node.range ? [node.range[0], node.range[1]] : [0, 0];
  if (isMap(node)) {
    return {
      type: 'object',
      range,
      properties: node.items.flatMap((pair) => {
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        if (!key || !isScalar(key)) return [];
        const keyRange: Range = key.range ? [key.range[0], key.range[1]] : range;
        const child: ConfigNode = value ? fromYaml(value) : { type: 'null', value: null, range: [keyRange[1], keyRange[1]] };
        return [{ key: String(key.value), keyRange, value: child }];
      }),
    };
  }
  if (isSeq(node)) return { type: 'array', range, items: node.items.map((item) => fromYaml(item as YamlNode)) };
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return { type: 'null', value: null, range };
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { type: typeof value as ValueType, value, range };
    return { type: 'string', value: String(value), range };
  }
  return { type: 'null', value: null, range };
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + column - 1, text.length);
}

// Reading the tree.

/** The property `key` of an object node. */
export function property(node: ConfigNode | undefined, key: string): ConfigProperty | undefined {
  return node?.properties?.find((candidate) => candidate.key === key);
}

/** The value at a dotted path (keys only). */
export function valueAt(node: ConfigNode | undefined, path: string): ConfigNode | undefined {
  let current = node;
  for (const key of path.split('.')) current = property(current, key)?.value;
  return current;
}

/** The property at a dotted path. */
export function propertyAt(node: ConfigNode | undefined, path: string): ConfigProperty | undefined {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  return property(keys.length > 0 ? valueAt(node, keys.join('.')) : node, last);
}

export function stringValue(node: ConfigNode | undefined): string | undefined {
  return node?.type === 'string' ? String(node.value) : undefined;
}

/** Every string in a subtree, in document order. */
export function strings(node: ConfigNode | undefined): ConfigNode[] {
  if (!node) return [];
  if (node.type === 'string') return [node];
  if (node.properties) return node.properties.flatMap((entry) => strings(entry.value));
  if (node.items) return node.items.flatMap(strings);
  return [];
}
