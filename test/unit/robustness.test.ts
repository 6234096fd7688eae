// Analysis never throws: half-typed code, random bytes, deep nesting and odd encodings become notes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/core/engine';
import { decodeSource } from '../../src/core/scan';

const EXAMPLE = readFileSync(join(__dirname, '..', '..', 'examples', 'ai-api', 'src', 'routes', 'reports.ts'), 'utf8');

/** A small deterministic generator so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('robustness', () => {
  it('analyses every prefix of a real file without throwing', () => {
    for (let end = 0; end <= EXAMPLE.length; end += 7) {
      const result = analyze(EXAMPLE.slice(0, end), 'reports.ts');
      assert.ok(Array.isArray(result.findings));
    }
  });

  it('survives deleted and duplicated spans and random bytes', () => {
    const next = random(42);
    for (let i = 0; i < 300; i++) {
      const start = Math.floor(next() * EXAMPLE.length);
      const length = Math.floor(next() * 40);
      const mutated =
        i % 3 === 0 ? EXAMPLE.slice(0, start) + EXAMPLE.slice(start + length)
          : i % 3 === 1 ? EXAMPLE.slice(0, start) + EXAMPLE.slice(start, start + length).repeat(2) + EXAMPLE.slice(start)
            : EXAMPLE.slice(0, start) + String.fromCharCode(...Array.from({ length }, () => Math.floor(next() * 0xffff))) + EXAMPLE.slice(start);
      analyze(mutated, i % 2 ? 'x.tsx' : 'x.js');
    }
  });

  it('reports half-typed code as a parse note with its position', () => {
    const result = analyze('app.get("/", (req, res) => {\n  res.send(eval(req.query.', 'app.js');
    assert.deepEqual(result.findings, []);
    assert.equal(result.notes.length, 1);
    assert.equal(result.notes[0].kind, 'parse-error');
    assert.equal(result.notes[0].start?.line, 2);
  });

  for (const [name, text] of [
    ['5,000 nested parentheses', `const x = ${'('.repeat(5000)}1${')'.repeat(5000)};`],
    ['5,000 terms of a + a', `const x = ${Array(5000).fill('a').join(' + ')};`],
    ['5,000 nested JSX elements', `const x = ${'<div>'.repeat(5000)}${'</div>'.repeat(5000)};`],
    ['5,000 nested arrays', `const x = ${'['.repeat(5000)}${']'.repeat(5000)};`],
  ] as const) {
    it(`turns ${name} into a note, not a stack overflow`, () => {
      const result = analyze(text, 'deep.jsx');
      assert.deepEqual(result.findings, []);
      assert.ok(result.notes.length <= 1);
      if (result.notes.length === 1) assert.match(result.notes[0].kind, /too-deep|parse-error/);
    });
  }

  it('reports binary content, and decodes BOM and CRLF files with the positions an editor shows', () => {
    assert.equal(analyze('\0\0\0ELF', 'x.js').notes[0].kind, 'binary');
    const decoded = decodeSource(new TextEncoder().encode('\uFEFFconst a = 1;\r\neval(process.argv[2]);\r\n'));
    assert.ok('text' in decoded);
    const result = analyze(decoded.text, 'x.js');
    assert.deepEqual([result.findings[0].start.line, result.findings[0].start.column], [2, 1]);
  });

  it('handles empty files and a single very long line', () => {
    assert.deepEqual(analyze('', 'empty.ts'), { findings: [], notes: [] });
    const long = `const data = [${Array.from({ length: 50_000 }, (_, i) => i).join(',')}];`;
    assert.deepEqual(analyze(long, 'long.js').findings, []);
  });
});

describe('names inherited from Object.prototype', () => {
  // Rules look callees and options up in tables; a lookup must never find Object.prototype's members.
  const names = ['toString', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];
  const code = names
    .map((name) => `const a_${name} = ${name}(input);\nconst b_${name} = lib.${name}(input, { ${name}: true });\nconst c_${name} = require('${name}')(input);\nobj.${name} = value;`)
    .join('\n');

  it('make no findings when used as callees, modules, options and properties', () => {
    const result = analyze(code, 'names.js');
    assert.deepEqual(result.notes, []);
    assert.deepEqual(result.findings.map((finding) => `${finding.start.line}: ${finding.ruleId} ${finding.message}`), []);
  });
});
