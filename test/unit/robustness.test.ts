// Analysis never throws: half-typed code, random bytes, deep nesting and odd encodings become notes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../../src/core/engine';
import { DEFAULT_CONFIG } from '../../src/core/config/model';
import { decodeSource, FileReport, scanFile, scanPaths } from '../../src/core/scan';
import { createWorkspace, Workspace } from '../helpers/workspace';

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

describe('pathological files', function () {
  this.timeout(30_000);
  let workspace: Workspace;
  afterEach(() => workspace?.remove());
  const options = { rules: {}, minConfidence: 'low' as const };

  /** A 10 MB webpack-style bundle: a few enormous lines, an eval in it. */
  function bundle(): string {
    const module = 'function(e,t,n){"use strict";var r=n(12),o=n(7);t.run=function(i){return eval(i.query.x)||r(o,i)}},';
    return `!function(modules){${module.repeat(Math.ceil(10_000_000 / module.length))}}([]);\n`;
  }

  it('skips a 10 MB minified bundle with a note, quickly, in a directory scan and when named', () => {
    workspace = createWorkspace({ 'dist-like/app.bundle.js': bundle(), 'src/ok.js': 'export const a = 1;\n' });
    let start = performance.now();
    const report = scanPaths([workspace.root], { root: workspace.root, config: { ...DEFAULT_CONFIG, rules: {}, exclude: [] } });
    assert.ok(performance.now() - start < 5000);
    assert.deepEqual(report.skipped, [{ path: 'dist-like/app.bundle.js', reason: 'larger than maxFileSizeKb (9766 KB > 1024 KB)' }]);
    assert.equal(report.summary.filesScanned, 1);
    start = performance.now();
    assert.deepEqual(scanFile(workspace.path('dist-like/app.bundle.js'), workspace.root, options), { path: 'dist-like/app.bundle.js', reason: 'minified (very long lines)' });
    assert.ok(performance.now() - start < 2000);
  });

  it('analyses one 200 KB line within a bound and reports the column of a finding at its end', () => {
    const line = `${'a();'.repeat(50_000)}eval(process.argv[2]);`;
    const start = performance.now();
    const result = analyze(line, 'one-line.js');
    assert.ok(performance.now() - start < 5000);
    assert.deepEqual(result.findings.map((finding) => [finding.ruleId, finding.start.line, finding.start.column]), [['code-injection', 1, 200_001]]);
  });

  it('notes non-UTF-8 encodings: UTF-16 (NUL bytes), CESU-8 surrogates, overlong forms, Latin-1 after ASCII', () => {
    const kind = (bytes: number[]): string | undefined => {
      const decoded = decodeSource(new Uint8Array(bytes));
      return 'note' in decoded ? decoded.note.kind : undefined;
    };
    const ascii = [...Buffer.from('const a = 1; // ')];
    assert.equal(kind([0xff, 0xfe, ...[...Buffer.from('eval(x)')].flatMap((byte) => [byte, 0])]), 'binary');
    assert.equal(kind([...ascii, 0xed, 0xa0, 0x80]), 'skipped');
    assert.equal(kind([...ascii, 0xc0, 0xaf]), 'skipped');
    assert.equal(kind([...ascii, 0xe9, 0x0a]), 'skipped');
    assert.equal(kind([...ascii, 0xc3, 0xa9, 0x0a]), undefined);
  });

  it('reports lines as an editor counts them with CR-only and mixed line endings', () => {
    for (const [name, text] of [['CR', 'a();\rb();\reval(process.argv[2]);\r'], ['mixed', 'a();\r\nb();\neval(process.argv[2]);\r\n']]) {
      const finding = analyze(text, 'x.js').findings[0];
      assert.deepEqual([finding?.start.line, finding?.start.column], [3, 1], name);
    }
  });

  it('scans empty, white-space-only and BOM-only files as clean files', () => {
    workspace = createWorkspace({ 'empty.ts': '', 'blank.js': ' \n\t\r\n', 'bom.ts': new Uint8Array([0xef, 0xbb, 0xbf]) });
    for (const file of ['empty.ts', 'blank.js', 'bom.ts']) {
      const report = scanFile(workspace.path(file), workspace.root, options) as FileReport;
      assert.deepEqual([report.findings, report.notes], [[], []], file);
    }
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
