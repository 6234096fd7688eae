// Where each key and value of a TOML file is: smol-toml gives the values, this walk gives their offsets (tables,
// dotted keys, arrays and inline tables, multi-line strings). It assumes a file smol-toml has already accepted.
import type { Range } from '../types';

export interface TomlLocation {
  key: Range;
  value: Range;
  /** Arrays: each item's range. */
  items?: Range[];
}

export interface TomlLocations {
  /** By path joined with NUL: "sandbox_workspace_write\0network_access". */
  values: Map<string, TomlLocation>;
  /** Table headers by path. */
  tables: Map<string, Range>;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

export function locateToml(text: string): TomlLocations {
  const locations: TomlLocations = { values: new Map(), tables: new Map() };
  const arrayTableCounts = new Map<string, number>();
  let table: string[] = [];
  let position = 0;
  while (position < text.length) {
    position = skipBlank(text, position, true);
    if (position >= text.length) break;
    const char = text[position];
    if (char === '[') {
      const start = position;
      const isArrayTable = text[position + 1] === '[';
      position += isArrayTable ? 2 : 1;
      const keys = readKey(text, position);
      position = skipBlank(text, keys.end, false) + (isArrayTable ? 2 : 1);
      let path = keys.path;
      if (isArrayTable) {
        const id = path.join('\0');
        const index = arrayTableCounts.get(id) ?? 0;
        arrayTableCounts.set(id, index + 1);
        path = [...path, String(index)];
      }
      table = path;
      locations.tables.set(path.join('\0'), [start, position]);
      position = skipToLineEnd(text, position);
      continue;
    }
    position = readKeyValue(text, position, table, locations);
    position = skipToLineEnd(text, position);
  }
  return locations;
}

function readKeyValue(text: string, start: number, prefix: string[], locations: TomlLocations): number {
  const keys = readKey(text, start);
  const keyRange: Range = [start, keys.keyEnd];
  let position = skipBlank(text, keys.end, false);
  if (text[position] !== '=') return position;
  position = skipBlank(text, position + 1, false);
  return readValue(text, position, [...prefix, ...keys.path], keyRange, locations);
}

/** Records the value at `path` and everything inside it; returns the offset after it. */
function readValue(text: string, start: number, path: string[], keyRange: Range, locations: TomlLocations): number {
  const char = text[start];
  let end: number;
  let items: Range[] | undefined;
  if (char === '[') {
    items = [];
    let position = skipBlank(text, start + 1, true);
    let index = 0;
    while (position < text.length && text[position] !== ']') {
      const itemStart = position;
      const itemEnd = readValue(text, position, [...path, String(index)], [itemStart, itemStart], locations);
      items.push([itemStart, itemEnd]);
      index++;
      position = skipBlank(text, itemEnd, true);
      if (text[position] === ',') position = skipBlank(text, position + 1, true);
    }
    end = Math.min(position + 1, text.length);
  } else if (char === '{') {
    let position = skipBlank(text, start + 1, false);
    while (position < text.length && text[position] !== '}') {
      position = readKeyValue(text, position, path, locations);
      position = skipBlank(text, position, false);
      if (text[position] === ',') position = skipBlank(text, position + 1, false);
    }
    end = Math.min(position + 1, text.length);
  } else if (char === '"' || char === "'") {
    end = stringEnd(text, start);
  } else {
    let position = start;
    while (position < text.length && !/[\s,\]}#]/.test(text[position])) position++;
    end = position;
  }
  locations.values.set(path.join('\0'), { key: keyRange, value: [start, end], items });
  return end;
}

/** A key, bare or quoted, possibly dotted. */
function readKey(text: string, start: number): { path: string[]; keyEnd: number; end: number } {
  const path: string[] = [];
  let position = skipBlank(text, start, false);
  let keyEnd = position;
  for (;;) {
    const char = text[position];
    if (char === '"' || char === "'") {
      const end = stringEnd(text, position);
      const raw = text.slice(position + 1, end - 1);
      path.push(char === '"' ? raw.replace(/\\(.)/g, '$1') : raw);
      position = end;
    } else {
      const begin = position;
      while (position < text.length && BARE_KEY.test(text[position])) position++;
      if (position === begin) break;
      path.push(text.slice(begin, position));
    }
    keyEnd = position;
    const next = skipBlank(text, position, false);
    if (text[next] !== '.') return { path, keyEnd, end: next };
    position = skipBlank(text, next + 1, false);
  }
  return { path, keyEnd, end: position };
}

function stringEnd(text: string, start: number): number {
  const quote = text[start];
  if (text.startsWith(quote.repeat(3), start)) {
    const close = text.indexOf(quote.repeat(3), start + 3);
    if (close < 0) return text.length;
    let end = close + 3;
    // """a"""" is a string ending in a quote: the closing run may be up to five quotes long.
    while (text[end] === quote && end - close < 5) end++;
    return end;
  }
  let position = start + 1;
  while (position < text.length && text[position] !== quote && text[position] !== '\n') {
    if (quote === '"' && text[position] === '\\') position++;
    position++;
  }
  return Math.min(position + 1, text.length);
}

/** Skips spaces and comments; with `newlines`, line breaks too. */
function skipBlank(text: string, start: number, newlines: boolean): number {
  let position = start;
  while (position < text.length) {
    const char = text[position];
    if (char === ' ' || char === '\t' || (newlines && (char === '\n' || char === '\r'))) position++;
    else if (char === '#' && newlines) position = skipToLineEnd(text, position);
    else break;
  }
  return position;
}

function skipToLineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end + 1;
}
