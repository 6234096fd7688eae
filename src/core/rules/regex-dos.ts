// regex-dos: regular expressions built from request input, and patterns with catastrophic backtracking.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Value } from '../bindings';
import { propertyName, staticString, unwrap } from '../ast';

const REGEXP_CONSTRUCTORS = new Set(['RegExp', 'globalThis.RegExp', 'window.RegExp']);
/** String methods that run a regular expression over the string they are called on. */
const STRING_MATCHERS = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'split', 'search']);
const ESCAPE_TEXT = '.replace(/[.*+?^${}()|[\\]\\\\]/g, \'\\\\$&\')';
/** Names that say a value was escaped for use in a pattern. */
const ESCAPED_NAME = /escap|sanitiz|safe|quoted|literal/i;

// ---------- a small parser for JavaScript patterns ----------

/**
 * Character sets are kept as bit masks over a sample alphabet: ASCII plus a few characters that stand for the
 * classes beyond it (a non-breaking space, a Latin letter, a line separator, a CJK ideograph).
 */
const ALPHABET: number[] = [...Array.from({ length: 128 }, (_, code) => code), 0xa0, 0xe9, 0x2028, 0x4e2d];
const ALL = (1n << BigInt(ALPHABET.length)) - 1n;

function setOf(test: (code: number) => boolean): bigint {
  let set = 0n;
  ALPHABET.forEach((code, index) => {
    if (test(code)) set |= 1n << BigInt(index);
  });
  return set;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isWord = (code: number): boolean => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isSpace = (code: number): boolean => (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x2028;
const isSpaceCode = (code: number): boolean => code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
const isLineBreak = (code: number): boolean => code === 10 || code === 13 || code === 0x2028;
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 0xe9 || code === 0x4e2d;
const DIGITS = setOf(isDigit);
const WORD = setOf(isWord);
const SPACE = setOf(isSpace);
const LETTERS = setOf(isLetter);

interface Quantifier {
  min: number;
  max: number;
}

type Term =
  | { kind: 'chars'; set: bigint; start: number; end: number; quant?: Quantifier }
  | { kind: 'group'; alts: Term[][]; look: boolean; start: number; end: number; quant?: Quantifier }
  | { kind: 'assert'; start: number; end: number; quant?: Quantifier }
  | { kind: 'backref'; start: number; end: number; quant?: Quantifier };

class PatternError extends Error {}

class Parser {
  private index = 0;

  constructor(private readonly pattern: string, private readonly flags: string) {}

  parse(): Term[][] {
    if (this.flags.includes('v')) throw new PatternError('set notation');
    const alts = this.alternation();
    if (this.index < this.pattern.length) throw new PatternError('unbalanced )');
    return alts;
  }

  private alternation(): Term[][] {
    const alts: Term[][] = [[]];
    while (this.index < this.pattern.length) {
      const char = this.pattern[this.index];
      if (char === ')') break;
      if (char === '|') {
        this.index++;
        alts.push([]);
        continue;
      }
      alts[alts.length - 1].push(this.term());
    }
    return alts;
  }

  private term(): Term {
    const start = this.index;
    const char = this.pattern[this.index++];
    let term: Term;
    if (char === '^' || char === '$') term = { kind: 'assert', start, end: this.index };
    else if (char === '.') term = this.chars(this.flags.includes('s') ? ALL : setOf((code) => !isLineBreak(code) && code !== 0x2029), start);
    else if (char === '[') term = this.chars(this.charClass(), start);
    else if (char === '(') term = this.group(start);
    else if (char === '\\') term = this.escape(start);
    else if (char === '*' || char === '+' || char === '?') throw new PatternError('nothing to repeat');
    else {
      const code = this.pattern.codePointAt(start) ?? 0;
      if (code > 0xffff) this.index++;
      term = this.chars(this.literal(code), start);
    }
    const quant = this.quantifier();
    if (quant) {
      if (term.kind === 'assert') throw new PatternError('quantified assertion');
      term.quant = quant;
      term.end = this.index;
    }
    return term;
  }

  private chars(set: bigint, start: number): Term {
    return { kind: 'chars', set: this.fold(set), start, end: this.index };
  }

  /** Under the i flag a set also holds the other case of its ASCII letters. */
  private fold(set: bigint): bigint {
    if (!this.flags.includes('i')) return set;
    let folded = set;
    for (let code = 65; code <= 90; code++) {
      const upper = 1n << BigInt(code);
      const lower = 1n << BigInt(code + 32);
      if (set & (upper | lower)) folded |= upper | lower;
    }
    return folded;
  }

  /** A character outside the sample alphabet stands in as its nearest sample (a space or a non-ASCII letter). */
  private literal(code: number): bigint {
    const sample = code < 128 || ALPHABET.includes(code) ? code : code === 0x2029 ? 0x2028 : isSpaceCode(code) ? 0xa0 : 0xe9;
    return setOf((candidate) => candidate === sample);
  }

  private group(start: number): Term {
    let look = false;
    if (this.pattern.startsWith('?:', this.index)) this.index += 2;
    else if (this.pattern.startsWith('?=', this.index) || this.pattern.startsWith('?!', this.index)) {
      this.index += 2;
      look = true;
    } else if (this.pattern.startsWith('?<=', this.index) || this.pattern.startsWith('?<!', this.index)) {
      this.index += 3;
      look = true;
    } else if (this.pattern.startsWith('?<', this.index)) {
      const close = this.pattern.indexOf('>', this.index);
      if (close < 0) throw new PatternError('group name');
      this.index = close + 1;
    } else if (this.pattern[this.index] === '?') throw new PatternError('group modifier');
    const alts = this.alternation();
    if (this.pattern[this.index] !== ')') throw new PatternError('unclosed group');
    this.index++;
    return { kind: 'group', alts, look, start, end: this.index };
  }

  private escape(start: number): Term {
    const char = this.pattern[this.index++];
    if (char === undefined) throw new PatternError('trailing backslash');
    if (char === 'b' || char === 'B') return { kind: 'assert', start, end: this.index };
    if (/[1-9]/.test(char)) {
      while (/\d/.test(this.pattern[this.index] ?? '')) this.index++;
      return { kind: 'backref', start, end: this.index };
    }
    if (char === 'k' && this.pattern[this.index] === '<') {
      const close = this.pattern.indexOf('>', this.index);
      this.index = close < 0 ? this.pattern.length : close + 1;
      return { kind: 'backref', start, end: this.index };
    }
    return this.chars(this.escapedSet(char), start);
  }

  /** The set of an escape whose first character (after the backslash) was already read. */
  private escapedSet(char: string): bigint {
    switch (char) {
      case 'd': return DIGITS;
      case 'D': return ALL & ~DIGITS;
      case 'w': return WORD;
      case 'W': return ALL & ~WORD;
      case 's': return SPACE;
      case 'S': return ALL & ~SPACE;
      case 'n': return this.literal(10);
      case 'r': return this.literal(13);
      case 't': return this.literal(9);
      case 'f': return this.literal(12);
      case 'v': return this.literal(11);
      case '0': return this.literal(0);
      case 'c': {
        const letter = this.pattern.charCodeAt(this.index);
        if (/[a-z]/i.test(this.pattern[this.index] ?? '')) {
          this.index++;
          return this.literal(letter % 32);
        }
        return this.literal(92);
      }
      case 'x': {
        const hex = /^[0-9a-f]{2}/i.exec(this.pattern.slice(this.index));
        if (!hex) return this.literal(120);
        this.index += 2;
        return this.literal(parseInt(hex[0], 16));
      }
      case 'u': {
        const braced = /^\{([0-9a-f]+)\}/i.exec(this.pattern.slice(this.index));
        if (braced && (this.flags.includes('u'))) {
          this.index += braced[0].length;
          return this.literal(parseInt(braced[1], 16));
        }
        const hex = /^[0-9a-f]{4}/i.exec(this.pattern.slice(this.index));
        if (!hex) return this.literal(117);
        this.index += 4;
        return this.literal(parseInt(hex[0], 16));
      }
      case 'p':
      case 'P': {
        const property = /^\{([^}]*)\}/.exec(this.pattern.slice(this.index));
        if (!property || !this.flags.includes('u')) return this.literal(char.charCodeAt(0));
        this.index += property[0].length;
        const name = property[1].replace(/^(?:General_Category|gc)=/, '');
        const set = /^(?:L|Letter|Alphabetic|Alpha|L[lut])$/.test(name) ? LETTERS : /^(?:N|Nd|Number|Decimal_Number|digit)$/.test(name) ? DIGITS : ALL;
        return char === 'P' ? ALL & ~set : set;
      }
      default:
        return this.literal(char.codePointAt(0) ?? 0);
    }
  }

  private charClass(): bigint {
    let negated = false;
    if (this.pattern[this.index] === '^') {
      negated = true;
      this.index++;
    }
    let set = 0n;
    while (this.index < this.pattern.length && this.pattern[this.index] !== ']') {
      const low = this.classAtom();
      if (this.pattern[this.index] === '-' && this.pattern[this.index + 1] !== ']' && this.index + 1 < this.pattern.length && low.code !== undefined) {
        const save = this.index;
        this.index++;
        const high = this.classAtom();
        if (high.code !== undefined) {
          const [from, to] = [low.code, high.code];
          set |= setOf((code) => code >= from && code <= to);
          continue;
        }
        this.index = save;
      }
      set |= low.set;
    }
    if (this.pattern[this.index] !== ']') throw new PatternError('unclosed class');
    this.index++;
    return negated ? ALL & ~set : set;
  }

  /** One member of a class: a character (with its code, so it can start a range) or a class escape. */
  private classAtom(): { set: bigint; code?: number } {
    const char = this.pattern[this.index++];
    if (char !== '\\') {
      const code = this.pattern.codePointAt(this.index - 1) ?? 0;
      if (code > 0xffff) this.index++;
      return { set: this.literal(code), code };
    }
    const next = this.pattern[this.index];
    if (next === 'b') {
      this.index++;
      return { set: this.literal(8), code: 8 };
    }
    if (next === '-') {
      this.index++;
      return { set: this.literal(45), code: 45 };
    }
    this.index++;
    const set = this.escapedSet(next ?? '\\');
    const single = ALPHABET.filter((_, index) => (set >> BigInt(index)) & 1n);
    return /[dDwWsSpP]/.test(next ?? '') || single.length !== 1 ? { set } : { set, code: single[0] };
  }

  private quantifier(): Quantifier | undefined {
    const char = this.pattern[this.index];
    let quant: Quantifier | undefined;
    if (char === '*') quant = { min: 0, max: Infinity };
    else if (char === '+') quant = { min: 1, max: Infinity };
    else if (char === '?') quant = { min: 0, max: 1 };
    else if (char === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.index));
      if (!braces) return undefined;
      const min = Number(braces[1]);
      const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
      this.index += braces[0].length - 1;
      quant = { min, max };
    }
    if (!quant) return undefined;
    this.index++;
    if (this.pattern[this.index] === '?') this.index++;
    return quant;
  }
}

// ---------- ambiguity ----------

function nullable(term: Term): boolean {
  if (term.quant && term.quant.min === 0) return true;
  if (term.kind === 'assert' || term.kind === 'backref') return true;
  if (term.kind === 'group') return term.look || term.alts.some((alt) => alt.every(nullable));
  return false;
}

function charset(term: Term): bigint {
  if (term.kind === 'chars') return term.set;
  if (term.kind === 'backref') return ALL;
  if (term.kind === 'assert' || term.look) return 0n;
  let set = 0n;
  for (const alt of term.alts) for (const inner of alt) set |= charset(inner);
  return set;
}

/** Repeated often enough that ambiguity inside blows up: `*`, `+`, `{n,}` or at least ten times. */
function repeating(term: Term): boolean {
  return term.quant !== undefined && term.quant.max >= 10;
}

/** Matches texts of different lengths, two characters or more: `\w+`, `.*`, `[a-z]{1,8}`. */
function variable(term: Term): boolean {
  return term.quant !== undefined && term.quant.max >= 2 && term.quant.min < term.quant.max;
}

/** Inlines plain groups: `(?:a(b+))` reads as `a`, `b+`. */
function flatten(seq: Term[]): Term[] {
  const terms: Term[] = [];
  for (const term of seq) {
    if (term.kind === 'group' && !term.look && !term.quant && term.alts.length === 1) terms.push(...flatten(term.alts[0]));
    else terms.push(term);
  }
  return terms;
}

function hasAssertion(term: Term): boolean {
  if (term.kind === 'assert' || term.kind === 'backref') return true;
  return term.kind === 'group' && (term.look || term.alts.some((alt) => alt.some(hasAssertion)));
}

/** A group that matches one character per pass, like a class: `(?:a|[b-d])`. */
function isClassLike(term: Extract<Term, { kind: 'group' }>): boolean {
  return term.alts.every((alt) => {
    const terms = flatten(alt);
    return terms.length === 1 && terms[0].kind === 'chars' && !terms[0].quant;
  });
}

/** Whether a term after a repeated group can make the match fail (and so make the engine try every split): 1 or 0. */
function failing(term: Term): number {
  if (term.kind === 'assert' || (term.kind === 'group' && term.look)) return 1;
  return nullable(term) ? 0 : 1;
}

/** Why one pass of a repeated group can be split into passes in many ways, if it can. */
function ambiguity(group: Extract<Term, { kind: 'group' }>, pattern: string): string | undefined {
  for (const alt of group.alts) {
    const terms = flatten(alt);
    if (terms.some((term) => term.kind === 'assert' || term.kind === 'backref' || (term.kind === 'group' && term.look))) continue;
    for (const candidate of terms) {
      if (!variable(candidate)) continue;
      const set = charset(candidate);
      if (set === 0n) continue;
      const others = terms.filter((term) => term !== candidate && !nullable(term));
      // Inside a group of sequences (`(?:[^\\]|\\.)*`) the character set over-states what it can absorb.
      if (candidate.kind === 'group' && (hasAssertion(candidate) || (others.length > 0 && !isClassLike(candidate)))) continue;
      const fits = others.every((term) => {
        const inner = charset(term);
        // A single character class only has to share a character; anything larger has to fit inside.
        const simple = term.kind === 'chars';
        return simple ? (inner & set) !== 0n : (inner & ~set) === 0n;
      });
      if (!fits || (others.length > 0 && candidate.quant?.max !== Infinity)) continue;
      return `\`${pattern.slice(candidate.start, candidate.end)}\` repeats inside the repeated group`;
    }
  }
  const singles = group.alts.map((alt) => {
    const terms = flatten(alt);
    return terms.length === 1 && terms[0].kind === 'chars' && !terms[0].quant ? terms[0] : undefined;
  });
  for (let i = 0; i < group.alts.length; i++) {
    for (let j = i + 1; j < group.alts.length; j++) {
      const a = group.alts[i];
      const b = group.alts[j];
      const textA = a.length ? pattern.slice(a[0].start, a[a.length - 1].end) : '';
      const textB = b.length ? pattern.slice(b[0].start, b[b.length - 1].end) : '';
      const first = singles[i];
      const second = singles[j];
      if ((textA !== '' && textA === textB) || (first && second && (first.set & second.set) !== 0n)) {
        return `its alternatives \`${textA}\` and \`${textB}\` match the same characters`;
      }
    }
  }
  return undefined;
}

interface Problem {
  group: string;
  reason: string;
  /** Where the group is in the pattern, quantifier included. */
  start: number;
  end: number;
  /** The same group written as one repetition, when that matches exactly the same strings. */
  flat?: Flattening;
}

interface Flattening {
  text: string;
  /** Whether the group captures, so flattening drops a capture (fine only where no capture is read). */
  capturing: boolean;
}

/**
 * `(?:X+)+` is `X+`, and `(?:X+)*`, `(?:X*)+`, `(?:X*)*` are `X*`, for X one character, escape or class: both
 * sides match any run of X's of the lengths allowed. With both quantifiers greedy they also try the same end
 * positions in the same order (longest first), so exec and replace find the same matches. Checked exhaustively on
 * short strings in the rule's tests.
 */
function flattening(group: Extract<Term, { kind: 'group' }>, pattern: string, flags: string): Flattening | undefined {
  if (group.look || group.alts.length !== 1 || group.alts[0].length !== 1) return undefined;
  const [inner] = group.alts[0];
  if (inner.kind !== 'chars' || !inner.quant || !group.quant) return undefined;
  const outerQuantifier = pattern[group.end - 1];
  const innerQuantifier = pattern[inner.end - 1];
  // Greedy `+` or `*` both (a lazy one ends in `?`, `{1,}` in `}`).
  if (!/[+*]/.test(outerQuantifier) || !/[+*]/.test(innerQuantifier) || pattern[group.end - 2] !== ')') return undefined;
  const atom = pattern.slice(inner.start, inner.end - 1);
  // Without the u flag an astral character is two code units, and a quantifier repeats only the second.
  if (!flags.includes('u') && /[\uD800-\uDFFF]/.test(atom)) return undefined;
  const quantifier = outerQuantifier === '+' && innerQuantifier === '+' ? '+' : '*';
  return { text: atom + quantifier, capturing: !pattern.startsWith('(?:', group.start) };
}

/** The first repeated group whose passes can split the same text in many ways, with something after it that can fail. */
export function catastrophic(pattern: string, flags: string): Problem | undefined {
  let alts: Term[][];
  try {
    alts = new Parser(pattern, flags).parse();
  } catch {
    return undefined;
  }
  let found: Problem | undefined;
  const walkSeq = (seq: Term[], failsAfter: number): void => {
    // Whether a later term can fail, computed right to left in one pass: per term it was quadratic in the pattern.
    const fails: number[] = [];
    for (let index = seq.length - 1, later = failsAfter; index >= 0; index--) {
      fails[index] = later;
      later = Math.max(later, failing(seq[index]));
    }
    seq.forEach((term, index) => {
      if (found) return;
      const after = fails[index];
      if (term.kind !== 'group') return;
      const canFail = after > 0;
      // `(.*a){20}` fails on its own when it cannot reach its minimum count.
      if (repeating(term) && (canFail || (term.quant?.min ?? 0) >= 2) && !term.look) {
        const reason = ambiguity(term, pattern);
        if (reason) {
          found = { group: pattern.slice(term.start, term.end), reason, start: term.start, end: term.end, flat: flattening(term, pattern, flags) };
          return;
        }
      }
      for (const alt of term.alts) walkSeq(alt, term.look ? 0 : after);
    });
  };
  for (const alt of alts) walkSeq(alt, 0);
  return found;
}

// ---------- the rule ----------

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** High when the regex is applied right here to request input: `/re/.test(req.body.x)`, `req.query.q.match(/re/)`. */
function appliedToInput(node: Node, context: RuleContext): boolean {
  const parent = node.parent;
  if (parent?.type === 'MemberExpression' && parent.object === node) {
    const call = parent.parent;
    const method = propertyName(parent);
    if (call?.type === 'CallExpression' && call.callee === parent && (method === 'test' || method === 'exec')) {
      return readsInput(call.arguments[0], context);
    }
  }
  if (parent?.type === 'CallExpression' && parent.arguments[0] === node) {
    const callee = unwrap(parent.callee);
    if (callee.type === 'MemberExpression' && STRING_MATCHERS.has(propertyName(callee) ?? '')) {
      return readsInput(callee.object, context);
    }
  }
  return false;
}

/**
 * Request input read right here. The shared model treats a value tested against a pattern as validated, so for
 * `/re/.test(req.body.name)` the object the property is read from is asked instead.
 */
function readsInput(node: Node | undefined, context: RuleContext): boolean {
  if (!node || node.type === 'SpreadElement') return false;
  if (isRequestInput(context.evaluate(node))) return true;
  const inner = unwrap(node);
  if (inner.type !== 'MemberExpression') return false;
  const object = context.evaluate(inner.object);
  const property = propertyName(inner);
  if (object.kind === 'source') return property !== undefined && object.source.inputs.has(property);
  return isRequestInput(object);
}

function isRequestInput(value: Value): boolean {
  if (value.kind === 'source') return true;
  return value.kind === 'tainted' && !/^process\.argv|^IPC/.test(value.label);
}

function reportPattern(node: Node, pattern: string, flags: string, context: RuleContext): void {
  const problem = catastrophic(pattern, flags);
  if (!problem) return;
  const confidence: Confidence = appliedToInput(node, context) ? 'high' : 'medium';
  const fix = flatteningFix(node, pattern, problem, context);
  context.report({
    node,
    message: `The group \`${shorten(problem.group)}\` backtracks catastrophically (${problem.reason}); a crafted string of a few dozen characters blocks the event loop for seconds or more (ReDoS).`,
    confidence,
    fixes: fix ? [fix] : [],
  });
}

/** Legacy statics that read the last match's groups: `RegExp.$1`, `RegExp.lastParen`, `RegExp['$&']`. */
const LEGACY_CAPTURES = /\bRegExp\s*(?:\.\s*(?:\$|lastParen|lastMatch|leftContext|rightContext|input)|\[)/;

/** A pattern literal (regex, or a string without escapes) whose catastrophic group has a flat equivalent. */
function flatteningFix(node: Node, pattern: string, problem: Problem, context: RuleContext): Fix | undefined {
  const flat = problem.flat;
  // The pattern must sit in the source as written (after the `/` or quote) for offsets into it to hold.
  if (!flat || node.type !== 'Literal' || context.text.slice(node.range[0] + 1, node.range[0] + 1 + pattern.length) !== pattern) return undefined;
  // Dropping a capture renumbers the groups after it; it is unobservable only when the literal is just tested.
  if (flat.capturing && (!onlyTested(node) || /\\(?:[1-9]|k<)/.test(pattern) || context.mentions(LEGACY_CAPTURES))) return undefined;
  const start = node.range[0] + 1 + problem.start;
  const why = flat.capturing ? 'the regex is only tested, so its capture is never read' : 'it matches exactly the same strings, the same way';
  return {
    title: `Rewrite \`${shorten(problem.group)}\` as \`${flat.text}\` (safe: ${why}, without nested repetition)`,
    safety: 'safe',
    edits: [{ range: [start, node.range[0] + 1 + problem.end], text: flat.text }],
  };
}

/** `/re/.test(x)`: the result is a boolean, whatever the groups capture. */
function onlyTested(node: Node): boolean {
  const member = node.parent;
  return member?.type === 'MemberExpression' && member.object === node && propertyName(member) === 'test' &&
    member.parent?.type === 'CallExpression' && member.parent.callee === member;
}

/** A replace that escapes pattern syntax: `.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`. */
function isEscapingReplace(node: TSESTree.CallExpression): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || !/^replace(?:All)?$/.test(propertyName(callee) ?? '')) return false;
  const replacement = staticString(node.arguments[1]);
  if (replacement !== undefined && /\\\$[&1]/.test(replacement)) return true;
  const search = node.arguments[0] && unwrap(node.arguments[0]);
  if (search?.type === 'Literal' && 'regex' in search && search.regex) {
    const metas = ['*', '+', '?', '(', '|'].filter((meta) => search.regex.pattern.includes(meta));
    return metas.length >= 4;
  }
  return false;
}

/** Whether an input value was escaped on its way into the pattern (directly or where its variable was set). */
function isEscaped(node: Node, context: RuleContext, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 4) return false;
  if (inner.type === 'CallExpression') {
    if (isEscapingReplace(inner)) return true;
    const callee = unwrap(inner.callee);
    if (callee.type === 'MemberExpression' && /^(?:trim|toLowerCase|toUpperCase|slice|substring|normalize|toString)$/.test(propertyName(callee) ?? '')) {
      return isEscaped(callee.object, context, depth + 1);
    }
    return false;
  }
  if (inner.type === 'Identifier') {
    if (ESCAPED_NAME.test(inner.name)) return true;
    const declaration = context.declaration(inner.name);
    const init = declaration?.pieces.length === 1 ? declaration.pieces[0] : undefined;
    return init !== undefined && init !== inner && isEscaped(init, context, depth + 1);
  }
  if (inner.type === 'TemplateLiteral' || (inner.type === 'BinaryExpression' && inner.operator === '+')) {
    return taintedPieces(inner, context).every((piece) => isEscaped(piece, context, depth + 1));
  }
  return false;
}

/** The pieces of a template or concatenation that carry input. */
function taintedPieces(node: Node, context: RuleContext): Node[] {
  const inner = unwrap(node);
  if (inner.type === 'TemplateLiteral') return inner.expressions.flatMap((expression) => taintedPieces(expression, context));
  if (inner.type === 'BinaryExpression' && inner.operator === '+') return [...taintedPieces(inner.left as Node, context), ...taintedPieces(inner.right, context)];
  const value = context.evaluate(inner);
  return value.kind === 'tainted' || value.kind === 'source' ? [inner] : [];
}

function escapeFix(argument: Node, context: RuleContext): Fix {
  const inner = unwrap(argument);
  const pieces = inner.type === 'TemplateLiteral' || inner.type === 'BinaryExpression' ? taintedPieces(inner, context) : [argument];
  return {
    title: 'Escape the input so it is matched as plain text (review: users can no longer search with regular-expression syntax)',
    safety: 'review',
    edits: pieces.map((piece) => ({ range: [piece.range[0], piece.range[1]] as [number, number], text: `String(${context.source(piece)})${ESCAPE_TEXT}` })),
  };
}

function reportInput(node: Node, argument: Node, what: string, context: RuleContext): boolean {
  const value = context.evaluate(argument);
  if (!isRequestInput(value) || isEscaped(argument, context)) return false;
  const evidence = sinkEvidence(value, undefined);
  if (!evidence) return false;
  const page = value.kind === 'tainted' && /^(?:window|document|location)/.test(value.label);
  context.report({
    node,
    message: `${what} turns user input into a regular expression; a pattern such as \`(a+)+$\` hangs the process (ReDoS), and any pattern changes what matches.`,
    confidence: page ? 'medium' : evidence.confidence,
    related: evidence.related,
    fixes: [escapeFix(argument, context)],
  });
  return true;
}

function checkConstructor(node: TSESTree.NewExpression | TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined || !REGEXP_CONSTRUCTORS.has(name)) return;
  const [source, flagsNode] = node.arguments;
  if (!source || source.type === 'SpreadElement') return;
  if (reportInput(node, source, node.type === 'NewExpression' ? 'new RegExp()' : 'RegExp()', context)) return;
  const value = context.evaluate(source);
  const pattern = staticString(source) ?? (value.kind === 'constant' ? value.text : undefined);
  if (pattern === undefined) return;
  const flags = flagsNode ? staticString(flagsNode) ?? '' : '';
  reportPattern(source, pattern, flags, context);
}

function checkLiteral(node: TSESTree.Literal, context: RuleContext): void {
  if (!('regex' in node) || !node.regex) return;
  reportPattern(node, node.regex.pattern, node.regex.flags, context);
}

/** MongoDB `{ $regex: req.query.q }`: the database compiles the input as a pattern. */
function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  if (propertyName(node) !== '$regex' || node.parent?.type !== 'ObjectExpression') return;
  reportInput(node, node.value, 'The $regex query', context);
}

export const regexDos: Rule = {
  meta: {
    id: 'regex-dos',
    category: 'data-handling',
    title: 'Regular expression denial of service',
    description: 'Patterns built from user input, and patterns whose nested repetition backtracks exponentially, let one request hang the process.',
    severity: 'warning',
    cwe: [1333],
    fixable: true,
  },
  visitors: {
    NewExpression: checkConstructor,
    CallExpression: checkConstructor,
    Literal: checkLiteral,
    Property: checkProperty,
  },
};
