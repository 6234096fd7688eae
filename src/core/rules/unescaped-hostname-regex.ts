// unescaped-hostname-regex: a hostname in a regular expression with an unescaped `.`, which matches any character.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node, TextEdit } from '../types';
import type { Rule, RuleContext } from '../rule';
import { propertyName, staticString, unwrap } from '../ast';

const REGEXP_CONSTRUCTORS = new Set(['RegExp', 'globalThis.RegExp', 'window.RegExp']);
/** String methods that rewrite or split text with the pattern rather than check it. */
const TRANSFORMS = new Set(['replace', 'replaceAll', 'split']);
/** Test assertions: a pattern there gates nothing (`expect(url).toMatch(/accounts.google.com/)`). */
const ASSERTIONS = new Set(['toMatch', 'toThrow', 'toThrowError', 'toHaveURL', 'doesNotMatch', 'throws', 'rejects', 'regex']);
/** Objects whose `.match(re)` is an assertion: `assert.match`, chai's `expect(x).to.match`. */
const ASSERTING_OBJECTS = new Set(['assert', 'to', 'be', 'that', 'and']);
/**
 * Top-level domains that end a hostname. Left out on purpose: those that are also file extensions or property
 * names (md, py, sh, rs, pl, so, zip, mov, cc, in, id, is, to, it, be, me, name, info, email, link, map...).
 */
const TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'co', 'ai', 'dev', 'app', 'cloud', 'xyz', 'tech', 'us',
  'uk', 'de', 'fr', 'jp', 'cn', 'ru', 'ca', 'au', 'nl', 'eu', 'ch', 'se', 'dk', 'fi', 'ie', 'nz', 'kr', 'tw', 'hk',
  'sg', 'br', 'es', 'pt', 'mx', 'za', 'il', 'ua', 'cz', 'gg', 'ly', 'tv', 'fm',
]);
const LABEL_CHAR = /[A-Za-z0-9-]/;

/** What the hostname scan needs to know about a pattern: labels, dots, and everything else. */
type Item =
  | { kind: 'label'; text: string; start: number; end: number; quantified: boolean }
  | { kind: 'dot'; escaped: boolean; start: number; end: number; quantified: boolean }
  | { kind: 'other'; text: string; start: number; end: number };

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

/** Splits a pattern into labels (runs of [A-Za-z0-9-]), dots and other atoms; character classes are opaque. */
function items(pattern: string): Item[] {
  const result: Item[] = [];
  let index = 0;
  const quantifiedAt = (at: number): number => QUANTIFIER.exec(pattern.slice(at))?.[0].length ?? 0;
  while (index < pattern.length) {
    const start = index;
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      const long = /^(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>)/.exec(pattern.slice(index + 1));
      index += 1 + (long ? long[0].length : Math.max(next.length, 1));
      if (next === '.') {
        const quantifier = quantifiedAt(index);
        result.push({ kind: 'dot', escaped: true, start, end: index, quantified: quantifier > 0 });
        index += quantifier;
      } else result.push({ kind: 'other', text: pattern.slice(start, index), start, end: index });
    } else if (char === '[') {
      index = classEnd(pattern, index);
      result.push({ kind: 'other', text: pattern.slice(start, index), start, end: index });
    } else if (char === '.') {
      index++;
      const quantifier = quantifiedAt(index);
      result.push({ kind: 'dot', escaped: false, start, end: index, quantified: quantifier > 0 });
      index += quantifier;
    } else if (LABEL_CHAR.test(char)) {
      while (index < pattern.length && LABEL_CHAR.test(pattern[index])) index++;
      // A quantifier binds to the last character only, so `ab+` is not the label `ab`.
      const quantifier = quantifiedAt(index);
      result.push({ kind: 'label', text: pattern.slice(start, index), start, end: index, quantified: quantifier > 0 });
      index += quantifier;
    } else {
      index++;
      result.push({ kind: 'other', text: char, start, end: index });
    }
  }
  return result;
}

/** The index after a character class starting at `start` (nested classes of the v flag included). */
function classEnd(pattern: string, start: number): number {
  let depth = 0;
  for (let index = start; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return index + 1;
  }
  return pattern.length;
}

interface Hostname {
  /** The hostname as the pattern means it: `api.example.com`. */
  name: string;
  /** Offsets in the pattern of the dots written without a backslash. */
  dots: number[];
  /** Whether an unescaped dot lets a registrable domain through (not only `example-com`). */
  registrable: boolean;
  /** The hostname with its first loose dot replaced: `api-example.com`. */
  lookalike: string;
}

/** After the hostname: more host can follow (end of pattern, `.*`, `\b`), so `example-com.net` passes too. */
function openEnded(item: Item | undefined): boolean {
  if (!item) return true;
  if (item.kind === 'dot') return item.quantified && !item.escaped;
  return item.kind === 'other' && item.text === '\\b';
}

/** A label class repeated at least once (`[a-z0-9-]+`, `\w+`): what it matches, as a sample character. */
function labelClassBefore(list: Item[], plus: number): string | undefined {
  const quantifier = list[plus];
  const atom = list[plus - 1];
  if (quantifier?.kind !== 'other' || quantifier.text !== '+' || atom?.kind !== 'other') return undefined;
  if (atom.text === '\\w') return 'a';
  if (atom.text === '\\d') return '1';
  if (!/^\[(?:[A-Za-z0-9_.]|\\[-.wd]|-)+\]$/.test(atom.text)) return undefined;
  return ['a', '1', 'A'].find((sample) => new RegExp(atom.text).test(sample));
}

/** A group of plain label alternatives ending at `close`: `(www|app)`, `(?:api|api\.eu)`; its first alternative. */
function labelGroupBefore(list: Item[], close: number): string | undefined {
  const end = list[close];
  if (end?.kind !== 'other' || end.text !== ')') return undefined;
  let first = '';
  let index = close - 1;
  for (; index >= 0; index--) {
    const item = list[index];
    if (item.kind === 'label' && !item.quantified) first = item.text + first;
    else if (item.kind === 'dot' && item.escaped && !item.quantified) first = '.' + first;
    else if (item.kind === 'other' && item.text === '|') first = '';
    else break;
  }
  const open = list[index];
  const opener = open?.kind === 'other' && open.text === ':' && list[index - 1]?.kind === 'other' && (list[index - 1] as { text: string }).text === '?' ? index - 2 : index;
  const paren = list[opener];
  return paren?.kind === 'other' && paren.text === '(' && first !== '' ? first : undefined;
}

/** Hostnames in a pattern whose labels are joined by at least one unescaped dot and that end in a known TLD. */
export function looseHostnames(pattern: string): Hostname[] {
  const list = items(pattern);
  const found: Hostname[] = [];
  let index = 0;
  while (index < list.length) {
    const first = list[index];
    const before = list[index - 1];
    if (first.kind !== 'label' || first.quantified || (before?.kind === 'other' && before.text === '_')) {
      index++;
      continue;
    }
    const labels = [first];
    const dots: Extract<Item, { kind: 'dot' }>[] = [];
    let next = index + 1;
    for (;;) {
      const dot = list[next];
      const label = list[next + 1];
      if (dot?.kind !== 'dot' || dot.quantified || label?.kind !== 'label' || label.quantified) break;
      dots.push(dot);
      labels.push(label);
      next += 2;
    }
    const start = index;
    index = next;
    const after = list[next];
    const tld = labels[labels.length - 1].text.toLowerCase();
    if (labels.length < 2 || !TLDS.has(tld)) continue;
    // `example.com\w`, `example.com[a-z]`: the host goes on, so `com` was not its last label.
    if (after?.kind === 'other' && (after.text === '_' || after.text.startsWith('[') || /^\\[wdWDsS]$/.test(after.text))) continue;
    // `(www|app).example.com`, `[a-z0-9-]+.example.com`: the dot after a subdomain that cannot be empty.
    const leading = before?.kind === 'dot' && !before.escaped && !before.quantified ? before : undefined;
    const group = leading ? labelGroupBefore(list, start - 2) : undefined;
    const sample = leading && !group ? labelClassBefore(list, start - 2) : undefined;
    const subdomain = group ?? sample;
    const loose = [...(subdomain ? [leading!] : []), ...dots.filter((dot) => !dot.escaped)];
    if (loose.length === 0) continue;
    const lastDot = dots[dots.length - 1];
    const inner = loose.filter((dot) => dot !== lastDot);
    // Only the dot before the TLD is loose and the host ends there: `example-com` is not a domain anyone can register.
    const registrable = inner.length > 0 || openEnded(after);
    const shown = inner[0] ?? loose[0];
    const prefix = subdomain ? `${subdomain}${shown === leading ? '-' : '.'}` : '';
    const host = labels.map((label, position) => (position === 0 ? '' : dots[position - 1] === shown ? '-' : '.') + label.text).join('');
    const lookalike = prefix + host + (inner.length === 0 && registrable ? '.net' : '');
    const name = (group ? `${group}.` : sample ? '*.' : '') + labels.map((label) => label.text).join('.');
    found.push({ name, dots: loose.map((dot) => dot.start), registrable, lookalike });
  }
  return found;
}

/** For each character of a string literal's value, its offset in the literal's source (between the quotes). */
function sourceOffsets(raw: string): number[] | undefined {
  const offsets: number[] = [];
  for (let index = 0; index < raw.length; ) {
    if (raw[index] !== '\\') {
      offsets.push(index);
      index++;
      continue;
    }
    const escape = /^\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|\r\n|[\s\S])/.exec(raw.slice(index));
    if (!escape) return undefined;
    // A backslash before a line break continues the line and adds nothing to the value.
    if (!/^\\(?:\r\n|[\n\r\u2028\u2029])$/.test(escape[0])) offsets.push(index);
    index += escape[0].length;
  }
  return offsets;
}

/** `\` before each loose dot of a regex literal, `\\` in a string (whose value is the pattern). */
function escapeEdits(node: Node, pattern: string, dots: number[], context: RuleContext): TextEdit[] | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Literal' && 'regex' in inner && inner.regex) {
    return dots.map((dot) => ({ range: [inner.range[0] + 1 + dot, inner.range[0] + 2 + dot], text: '\\.' }));
  }
  const rawStart = inner.range[0] + 1;
  const raw = context.text.slice(rawStart, inner.range[1] - 1);
  const offsets = sourceOffsets(raw);
  if (!offsets || offsets.length !== pattern.length) return undefined;
  const edits: TextEdit[] = [];
  for (const dot of dots) {
    const at = offsets[dot];
    if (raw[at] !== '.') return undefined;
    edits.push({ range: [rawStart + at, rawStart + at + 1], text: '\\\\.' });
  }
  return edits;
}

/**
 * `text.replace(/cdn.example.com/g, ...)` rewrites text, and a test assertion gates nothing: neither decides
 * whether a host is trusted.
 */
function checksNothing(pattern: Node): boolean {
  const call = pattern.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(pattern as TSESTree.CallExpressionArgument)) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee) ?? '';
  if (ASSERTIONS.has(method)) return true;
  if (method === 'match') {
    const object = unwrap(callee.object);
    const name = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? propertyName(object) : undefined;
    if (name !== undefined && ASSERTING_OBJECTS.has(name)) return true;
  }
  return call.arguments[0] === pattern && TRANSFORMS.has(method);
}

function check(node: Node, pattern: string, reported: Node, context: RuleContext): void {
  const hosts = looseHostnames(pattern);
  if (hosts.length === 0 || checksNothing(reported)) return;
  const dots = hosts.flatMap((host) => host.dots);
  const registrable = hosts.find((host) => host.registrable);
  const host = registrable ?? hosts[0];
  const confidence: Confidence = registrable ? 'high' : 'low';
  const consequence = registrable
    ? `so \`${host.lookalike}\`, a domain anyone can register, passes too`
    : `so it also accepts \`${host.lookalike}\``;
  const edits = escapeEdits(node, pattern, dots, context);
  const names = [...new Set(hosts.map((entry) => `\`${entry.name}\``))].join(', ');
  const fixes: Fix[] = edits
    ? [{ title: `Escape the dots in ${names} (safe: a dot between hostname labels means a dot; only other hosts stop matching)`, safety: 'safe', edits }]
    : [];
  context.report({
    node: reported,
    message: `The \`.\` in the hostname \`${host.name}\` matches any character, not just a dot, ${consequence}; escape it as \`\\.\`.`,
    confidence,
    fixes,
  });
}

function checkLiteral(node: TSESTree.Literal, context: RuleContext): void {
  if (!('regex' in node) || !node.regex || !node.regex.pattern.includes('.')) return;
  check(node, node.regex.pattern, node, context);
}

function checkConstructor(node: TSESTree.NewExpression | TSESTree.CallExpression, context: RuleContext): void {
  const [source] = node.arguments;
  if (!source || source.type === 'SpreadElement') return;
  const pattern = staticString(source);
  if (pattern === undefined || !pattern.includes('.')) return;
  const name = context.qualifiedName(node.callee);
  if (name === undefined || !REGEXP_CONSTRUCTORS.has(name)) return;
  check(source, pattern, node, context);
}

export const unescapedHostnameRegex: Rule = {
  meta: {
    id: 'unescaped-hostname-regex',
    category: 'request-forgery',
    title: 'Unescaped dot in a hostname pattern',
    description: 'A `.` between hostname labels in a regular expression matches any character, so allow-lists of hosts, origins and URLs also accept look-alike domains such as api-example.com.',
    severity: 'warning',
    cwe: [20],
    fixable: true,
  },
  visitors: {
    Literal: checkLiteral,
    NewExpression: checkConstructor,
    CallExpression: checkConstructor,
  },
};
