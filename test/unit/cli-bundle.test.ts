// The built CLI (dist/cli.js, as users run it) on the bundled example: every rule family found, valid SARIF, exit codes.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { RULES } from '../../src/core/rules';
import { validateSarif } from '../helpers/sarif-validator';
import { createWorkspace } from '../helpers/workspace';
import { scanPaths } from '../../src/core/scan';
import { loadConfig } from '../../src/core/config/load';
import { toJson } from '../../src/core/report/json';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLE = join(ROOT, 'examples', 'ai-api');
/** Rules about the tool's own comments rather than about code an assistant writes (suppression-added: change scans only). */
const META_RULES = new Set(['suppression-without-reason', 'suppression-added', 'unused-suppression']);
/** Rules about new imports: they need a baseline, so test/unit/imports.test.ts finds them with `scan --diff`. */
const BASELINE_RULES = new Set(['deprecated-package', 'install-script-package', 'new-capability-import', 'dependency-not-locked', 'risky-dependency-spec']);

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
}

describe('built CLI on the example workspace', function () {
  this.timeout(60_000);
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)'));

  it('finds every rule family, emits valid SARIF and exits 1', () => {
    const run = cli('scan', EXAMPLE, '--format', 'sarif');
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const found = new Set((log.runs[0].results ?? []).map((result) => result.ruleId));
    const missing = RULES.map((rule) => rule.meta.id).filter((id) => !META_RULES.has(id) && !BASELINE_RULES.has(id) && !found.has(id));
    assert.deepEqual(missing, [], 'rules with no finding in examples/ai-api');
    const validation = validateSarif(log);
    assert.ok(validation.completed);
    assert.deepEqual(validation.errors, []);
  });

  it('exits 0 on the clean control file', () => {
    const run = cli('scan', join(EXAMPLE, 'src', 'lib', 'format.ts'));
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0, run.stdout);
  });

  it('exits 2 with one line on a missing path', () => {
    const run = cli('scan', join(EXAMPLE, 'missing'));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^codeward: cannot read .*missing: no such file or directory\n$/);
  });

  it('prints the findings of the demo and exits 0 with --fail-on none', () => {
    const run = cli('scan', EXAMPLE, '--fail-on', 'none');
    assert.equal(run.status, 0);
    assert.match(run.stdout, /examples\/ai-api\/src\/routes\/reports\.ts\n/);
    assert.match(run.stdout, /\d+ findings \(\d+ errors/);
  });
});

describe('built CLI worker pool', function () {
  this.timeout(120_000);

  it('gives the same report on worker threads as the in-process scan', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) {
      files[`src/route${i}.js`] = i % 3 === 0
        ? `app.get('/r${i}', (req, res) => {\n  res.json(eval(req.query.e${i}));\n});\n`
        : `export const value${i} = ${i};\n`;
    }
    files['src/broken.ts'] = 'const = ;';
    const workspace = createWorkspace(files);
    try {
      const run = cli('scan', workspace.root, '--format', 'json');
      assert.equal(run.status, 1, run.stderr);
      const pooled = JSON.parse(run.stdout);
      const inProcess = toJson(scanPaths([workspace.root], { root: workspace.root, config: loadConfig(workspace.root).config }));
      assert.equal(pooled.summary.filesScanned, 61);
      assert.deepEqual(pooled.findings, inProcess.findings);
      assert.deepEqual(pooled.notes, inProcess.notes);
      assert.equal(pooled.findings.length, 20);
    } finally {
      workspace.remove();
    }
  });
});
