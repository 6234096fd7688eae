// Mutation fuzzing of `analyze`: inputs derived from real files, each a pure function of (seed, index) so any
// failure reproduces. Used by scripts/fuzz.ts (the long budget) and test/unit/fuzz.test.ts (a sample).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ts from 'typescript';
import { analyze } from '../src/core/engine';

const ROOT = join(__dirname, '..');
const SEED_DIRS = ['examples', 'test/corpus'];
const SCRIPT = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface SeedFile {
  path: string;
  text: string;
  /** Offsets where a token ends (and the next may start). */
  boundaries: number[];
  /** [start, end) of every token. */
  tokens: [number, number][];
}

export interface FuzzInput {
  index: number;
  kind: string;
  path: string;
  text: string;
}

export interface Failure {
  input: FuzzInput;
  reason: string;
}

export interface FuzzSummary {
  inputs: number;
  bytes: number;
  elapsedMs: number;
  kinds: Record<string, number>;
  notes: Record<string, number>;
  slowest: { ms: number; input: FuzzInput }[];
  failures: Failure[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? (name === 'node_modules' ? [] : walk(path)) : SCRIPT.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function tokenize(text: string, path: string): Pick<SeedFile, 'boundaries' | 'tokens'> {
  const variant = /x$/.test(extname(path)) || /\.[cm]?js$/.test(path) ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  const tokens: [number, number][] = [];
  while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) tokens.push([scanner.getTokenStart(), scanner.getTokenEnd()]);
  return { tokens, boundaries: [0, ...tokens.map(([, end]) => end)] };
}

/** The real files the mutations start from: the example workspace and the labelled corpus. */
export function loadSeeds(): SeedFile[] {
  return SEED_DIRS.flatMap((dir) => walk(join(ROOT, dir))).sort().map((file) => {
    const text = readFileSync(file, 'utf8');
    return { path: relative(ROOT, file), text, ...tokenize(text, file) };
  });
}

/** mulberry32: small, fast, good enough to spread mutations. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = { next: () => number; int: (below: number) => number; pick: <T>(items: readonly T[]) => T };

function random(seed: number, index: number): Random {
  const next = generator(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const int = (below: number): number => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)] };
}

const BRACKETS = ['(', ')', '[', ']', '{', '}', '<', '>', '${', '`', '"', "'", '/*', '*/', '</div>', '<div>'];
const NESTINGS: [string, string][] = [['(', ')'], ['[', ']'], ['{a:', '}'], ['<div>', '</div>'], ['f(', ')'], ['`${', '}`'], ['!', ''], ['a+', ''], ['(x)=>', '']];

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function randomText(r: Random, length: number): string {
  switch (r.int(3)) {
    case 0: return String.fromCharCode(...Array.from({ length }, () => r.int(0x10000)));
    case 1: return String.fromCharCode(...Array.from({ length }, () => r.int(0x80)));
    default: return Buffer.from(Array.from({ length }, () => r.int(256))).toString('latin1');
  }
}

const MUTATIONS: Record<string, (seed: SeedFile, r: Random, seeds: readonly SeedFile[]) => string> = {
  'delete-tokens': (seed, r) => {
    if (seed.tokens.length === 0) return seed.text;
    const first = r.int(seed.tokens.length);
    const last = Math.min(seed.tokens.length - 1, first + r.int(4));
    return splice(seed.text, seed.tokens[first][0], seed.tokens[last][1], '');
  },
  'duplicate-tokens': (seed, r) => {
    if (seed.tokens.length === 0) return seed.text;
    const first = r.int(seed.tokens.length);
    const last = Math.min(seed.tokens.length - 1, first + r.int(6));
    const span = seed.text.slice(seed.tokens[first][0], seed.tokens[last][1]);
    return splice(seed.text, seed.tokens[last][1], seed.tokens[last][1], span.repeat(1 + r.int(3)));
  },
  'swap-tokens': (seed, r) => {
    if (seed.tokens.length < 2) return seed.text;
    const i = r.int(seed.tokens.length - 1);
    const [a, b] = [seed.tokens[i], seed.tokens[i + 1]];
    return seed.text.slice(0, a[0]) + seed.text.slice(b[0], b[1]) + seed.text.slice(a[1], b[0]) + seed.text.slice(a[0], a[1]) + seed.text.slice(b[1]);
  },
  'foreign-tokens': (seed, r, seeds) => {
    const other = r.pick(seeds);
    if (other.tokens.length === 0) return seed.text;
    const first = r.int(other.tokens.length);
    const last = Math.min(other.tokens.length - 1, first + r.int(30));
    const at = r.pick(seed.boundaries);
    return splice(seed.text, at, at, other.text.slice(other.tokens[first][0], other.tokens[last][1]));
  },
  'random-bytes': (seed, r) => {
    const at = r.int(seed.text.length + 1);
    return splice(seed.text, at, at + (r.next() < 0.5 ? r.int(20) : 0), randomText(r, 1 + r.int(40)));
  },
  'unbalanced-brackets': (seed, r) => {
    let text = seed.text;
    for (let n = 1 + r.int(3); n > 0; n--) {
      const at = r.pick(seed.boundaries);
      text = r.next() < 0.5 ? splice(text, at, at, r.pick(BRACKETS)) : text.replace(r.pick(['(', ')', '{', '}', '[', ']', '`']), '');
    }
    return text;
  },
  'deep-nesting': (seed, r) => {
    if (seed.tokens.length === 0) return seed.text;
    const [open, close] = r.pick(NESTINGS);
    const depth = 50 + r.int(r.next() < 0.2 ? 6000 : 1200);
    const [start, end] = r.pick(seed.tokens);
    return seed.text.slice(0, start) + open.repeat(depth) + seed.text.slice(start, end) + close.repeat(depth) + seed.text.slice(end);
  },
};
const MUTATION_KINDS = Object.keys(MUTATIONS);

/**
 * The i-th input: the first half of the budget truncates files at token boundaries (all of them when the budget
 * allows, else evenly spread), the rest applies a random mutation to a random file.
 */
export function inputAt(seeds: readonly SeedFile[], seed: number, count: number, index: number): FuzzInput {
  const boundaries = seeds.reduce((sum, file) => sum + file.boundaries.length, 0);
  const truncations = Math.min(boundaries, Math.floor(count / 2));
  if (index < truncations) {
    let target = Math.floor((index * boundaries) / truncations);
    for (const file of seeds) {
      if (target < file.boundaries.length) return { index, kind: 'truncate', path: file.path, text: file.text.slice(0, file.boundaries[target]) };
      target -= file.boundaries.length;
    }
  }
  const r = random(seed, index);
  const file = r.pick(seeds);
  const kind = MUTATION_KINDS[index % MUTATION_KINDS.length];
  return { index, kind, path: file.path, text: MUTATIONS[kind](file, r, seeds) };
}

/** What is wrong with one analysis, if anything. */
function check(input: FuzzInput, limitMs: number): { ms: number; notes: string[]; reason?: string } {
  const start = performance.now();
  try {
    const result = analyze(input.text, input.path);
    const ms = performance.now() - start;
    const notes = result.notes.map((note) => note.kind);
    if (!Array.isArray(result.findings) || !Array.isArray(result.notes)) return { ms, notes, reason: 'malformed result' };
    const internal = result.notes.find((note) => note.kind === 'internal-error');
    if (internal) return { ms, notes, reason: internal.message };
    if (ms > limitMs) return { ms, notes, reason: `took ${ms.toFixed(0)} ms (limit ${limitMs} ms)` };
    return { ms, notes };
  } catch (error) {
    return { ms: performance.now() - start, notes: [], reason: `threw ${(error as Error)?.stack ?? String(error)}` };
  }
}

export function fuzz(options: { count: number; seed: number; limitMs: number; onProgress?: (done: number) => void }): FuzzSummary {
  const seeds = loadSeeds();
  const summary: FuzzSummary = { inputs: 0, bytes: 0, elapsedMs: 0, kinds: {}, notes: {}, slowest: [], failures: [] };
  const started = performance.now();
  for (let index = 0; index < options.count; index++) {
    const input = inputAt(seeds, options.seed, options.count, index);
    const { ms, notes, reason } = check(input, options.limitMs);
    summary.inputs++;
    summary.bytes += input.text.length;
    summary.kinds[input.kind] = (summary.kinds[input.kind] ?? 0) + 1;
    for (const note of notes) summary.notes[note] = (summary.notes[note] ?? 0) + 1;
    if (reason) summary.failures.push({ input, reason });
    if (summary.slowest.length < 5 || ms > summary.slowest[summary.slowest.length - 1].ms) {
      summary.slowest = [...summary.slowest, { ms, input }].sort((a, b) => b.ms - a.ms).slice(0, 5);
    }
    if (index % 1000 === 999) options.onProgress?.(index + 1);
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}
