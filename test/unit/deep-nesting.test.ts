// Code nested deeper than the default stack parses on a worker with a larger one (the built core bundle starts it).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/core/engine';
import type * as Core from '../../src/core';
import { createWorkspace, Workspace } from '../helpers/workspace';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'core.js');
const OPTIONS = { rules: {}, minConfidence: 'low' as const };

const route = (inner: string): string => `app.get('/x', (req, res) => {\n  res.send(${inner});\n});\n`;
/** Deep but with line breaks, so the scan does not take it for a minified bundle. */
const nested = (open: string, inner: string, close: string, depth: number): string => route(`\n${open.repeat(depth)}${inner}${close.repeat(depth)}\n`);

describe('deeply nested code', function () {
  this.timeout(120_000);
  let core: typeof Core;
  let workspace: Workspace;
  before(() => {
    assert.ok(existsSync(BUNDLE), 'dist/core.js is missing: run `npm run build` (npm test does)');
    core = require(BUNDLE) as typeof Core;
  });
  afterEach(() => workspace?.remove());

  const scan = (name: string, text: string) => {
    workspace = createWorkspace({ [name]: text });
    return core.scanFile(workspace.path(name), workspace.root, OPTIONS) as Core.FileReport;
  };

  it('checks the imports of a file re-analysed on the large stack against its own project', () => {
    const text = `const widget = require('left-padd-utils');\n${nested('(', 'widget(req.query.x)', ')', 1500)}`;
    workspace = createWorkspace({ 'package.json': '{"name":"app","dependencies":{}}\n', 'deep.js': text });
    const report = core.scanFile(workspace.path('deep.js'), workspace.root, OPTIONS) as Core.FileReport;
    assert.deepEqual(report.notes, []);
    assert.deepEqual(report.findings.map((finding) => [finding.ruleId, finding.start.line]), [['hallucinated-package', 1]]);
  });

  it('finds eval(req.query.x) 1,500 parentheses deep, which the default stack cannot parse', () => {
    const text = nested('(', 'eval(req.query.x)', ')', 1500);
    assert.deepEqual(analyze(text, 'deep.js').notes.map((note) => note.kind), ['too-deep']);
    const report = scan('deep.js', text);
    assert.deepEqual(report.notes, []);
    assert.deepEqual(report.findings.map((finding) => [finding.ruleId, finding.start.line]), [['code-injection', 3]]);
  });

  for (const [name, file, text] of [
    ['parentheses', 'parens.js', nested('(\n', 'eval(req.query.x)', ')\n', 5000)],
    ['a + a terms', 'plus.js', route(`eval(${Array(5000).fill('req.query.a').join(' +\n')})`)],
    ['JSX elements', 'deep.jsx', nested('<div>\n', '{eval(req.query.x)}', '</div>\n', 5000)],
    ['arrays', 'arrays.ts', nested('[\n', 'eval(req.query.x)', ']\n', 5000)],
  ] as const) {
    it(`reports the finding inside 5,000 nested ${name}, or a single note`, () => {
      const report = scan(file, text);
      const outcome = report.notes.length === 1 ? report.notes[0].kind : report.findings.map((finding) => finding.ruleId).join();
      assert.match(outcome, /^(?:code-injection|too-deep)$/);
    });
  }

  it('keeps one note when even the larger stack is not enough', () => {
    const report = scan('deeper.js', nested('(\n', 'eval(req.query.x)', ')\n', 200_000));
    assert.deepEqual(report.notes.map((note) => note.kind), ['too-deep']);
    assert.deepEqual(report.findings, []);
  });

  it('the built CLI reports the finding, and no stack trace', () => {
    workspace = createWorkspace({ 'deep.js': nested('(', 'eval(req.query.x)', ')', 1500) });
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'scan', workspace.root, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 1);
    assert.deepEqual(JSON.parse(run.stdout).findings.map((finding: { ruleId: string }) => finding.ruleId), ['code-injection']);
  });
});
