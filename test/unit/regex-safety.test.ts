// Every regular expression in src/core is free of catastrophic backtracking: rules run them over whole files, so one
// bad pattern would let a crafted file hang the editor or CI. Checked twice: statically with the regex-dos rule's
// own detector (exponential blow-up), and by timing each pattern on long pumped strings (polynomial blow-up).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { catastrophic } from '../../src/core/rules/regex-dos';

const CORE = join(__dirname, '..', '..', 'src', 'core');
const PUMP_LENGTH = 20_000;
/** A linear pattern scans 20,000 characters in about a millisecond; a quadratic one takes a third of a second or more. */
const LIMIT_MS = 100;
const PUMPS = [' ', '\t', '\n', 'a', 'A', 'z', '0', '_', '-', '.', ',', ':', ';', '/', '\\', '"', "'", '`', '=', '*', '+', '<', '>', '(', '[', '{', '$', '@', '#', '%', '&', '|', '!', '?', 'é',
  'a ', 'a.', 'a-', 'a=', 'a:', 'a/', 'a,', 'a\n', '0.', '\\\\', '//', '/*', '${', 'a(', 'a[', '. ', '-a', '_a', 'aA0', 'req.', '"a":'];
const PREFIXES = ['', '{', 'req.query.'];
const SUFFIXES = ['', '\0', '!\n', '/', '\u2028'];

interface Found {
  where: string;
  pattern: string;
  flags: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function staticText(node: TSESTree.Node | undefined): string | undefined {
  if (node?.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** RegExp literals and `new RegExp(<constant>)` / `RegExp(<constant>)` in src/core. */
function collectRegexes(): Found[] {
  const found: Found[] = [];
  for (const file of sources(CORE)) {
    const text = readFileSync(file, 'utf8');
    const program = parse(text, { range: true, loc: true, filePath: file });
    simpleTraverse(program, {
      enter(node) {
        const where = `${relative(CORE, file)}:${node.loc.start.line}`;
        if (node.type === 'Literal' && 'regex' in node && node.regex) found.push({ where, ...node.regex });
        if ((node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp') {
          const pattern = staticText(node.arguments[0]);
          if (pattern !== undefined) found.push({ where, pattern, flags: staticText(node.arguments[1]) ?? '' });
        }
      },
    });
  }
  return found;
}

function timed(regex: RegExp, input: string): number {
  const start = performance.now();
  regex.exec(input);
  return performance.now() - start;
}

/** The slowest run (a slow one is retimed up to three times, against noise) of the pattern over pumped strings (stopping at the first over the limit), and its input. */
function slowestRun(pattern: string, flags: string): { ms: number; input: string } {
  const regex = new RegExp(pattern, flags.replace(/[gy]/g, ''));
  let slowest = { ms: 0, input: '' };
  for (const prefix of PREFIXES) {
    for (const pump of PUMPS) {
      for (const suffix of SUFFIXES) {
        const input = prefix + pump.repeat(Math.ceil(PUMP_LENGTH / pump.length)) + suffix;
        // A pause (GC, a busy CI core) can make one run slow; polynomial backtracking is slow every time.
        let ms = timed(regex, input);
        for (let retry = 0; retry < 3 && ms > LIMIT_MS; retry++) ms = Math.min(ms, timed(regex, input));
        if (ms > slowest.ms) slowest = { ms, input: `${JSON.stringify(prefix)} + ${JSON.stringify(pump)} x ${Math.ceil(PUMP_LENGTH / pump.length)} + ${JSON.stringify(suffix)}` };
        if (ms > LIMIT_MS) return slowest;
      }
    }
  }
  return slowest;
}

describe('regular expressions in src/core', function () {
  this.timeout(60_000);
  const regexes = collectRegexes();

  it('are all found (literals and constant RegExp constructions)', () => {
    assert.ok(regexes.length > 200, `only ${regexes.length} found`);
    assert.ok(regexes.some((found) => found.where.startsWith('engine.ts')));
    assert.ok(regexes.some((found) => found.where.startsWith('rules/')));
  });

  it('the checks catch known-bad patterns (so a pass means something)', () => {
    assert.ok(catastrophic('^(a+)+$', ''));
    assert.ok(catastrophic('(\\w+\\s?)*$', ''));
    assert.ok(slowestRun('\\s*=', '').ms > LIMIT_MS, 'a quadratic pattern must exceed the time limit');
  });

  it('have no exponential backtracking (the regex-dos detector)', () => {
    const bad = regexes.flatMap(({ where, pattern, flags }) => {
      const problem = catastrophic(pattern, flags);
      return problem ? [`${where} /${pattern}/${flags}: ${problem.reason}`] : [];
    });
    assert.deepEqual(bad, []);
  });

  it(`scan ${PUMP_LENGTH.toLocaleString('en')} pumped characters within ${LIMIT_MS} ms (no polynomial backtracking)`, () => {
    const slow = regexes.flatMap(({ where, pattern, flags }) => {
      const { ms, input } = slowestRun(pattern, flags);
      return ms > LIMIT_MS ? [`${where} /${pattern}/${flags}: ${ms.toFixed(0)} ms on ${input}`] : [];
    });
    assert.deepEqual(slow, []);
  });
});
