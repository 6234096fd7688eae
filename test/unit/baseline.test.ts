// Baselines: `codeward baseline` records today's findings; `scan --baseline FILE` reports only new ones (docs/cli.md).
import { strict as assert } from 'node:assert';
import { readFileSync, renameSync } from 'node:fs';
import type * as Sarif from 'sarif';
import { cli, json } from '../helpers/cli';
import { createWorkspace, Workspace } from '../helpers/workspace';
import { validateSarif } from '../helpers/sarif-validator';
import { analyze } from '../../src/core/engine';
import { createBaseline, parseBaseline, splitByBaseline } from '../../src/core/review/baseline';
import { reviewFindings } from '../../src/core/review/policy';

const HANDLER = 'app.get("/x", (req, res) => {\n  res.json(eval(req.query.expr));\n});\n';
const OTHER = 'app.get("/y", (req, res) => {\n  res.json(eval(req.query.other));\n});\n';

describe('baselines', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  const baselinePath = (): string => workspace.path('.codeward/baseline.json');
  const record = async (): Promise<void> => {
    const result = await cli(['baseline', workspace.root]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^codeward: recorded \d+ findings? in .*baseline\.json; `codeward scan --baseline .*` now reports only new ones\n$/);
  };
  const newFindings = async (): Promise<string[]> =>
    (await json(['scan', workspace.root, '--baseline', baselinePath()])).findings.map((finding) => `${finding.path}:${finding.line}`);

  it('writes .codeward/baseline.json at the root, keyed by fingerprint with counts per path', async () => {
    workspace = createWorkspace({ 'src/a.js': HANDLER, 'b.js': HANDLER });
    await record();
    const baseline = parseBaseline(readFileSync(baselinePath(), 'utf8'), 'baseline.json');
    const fingerprints = (await json(['scan', workspace.root])).findings.map((finding) => finding.fingerprint);
    assert.equal(new Set(fingerprints).size, 1, 'the same line in two files has one fingerprint');
    assert.deepEqual(baseline.findings[fingerprints[0]], { ruleId: 'code-injection', paths: { 'b.js': 1, 'src/a.js': 1 } });
  });

  it('keeps findings known when code moves or is re-indented, and reports an edited line as new', async () => {
    workspace = createWorkspace({ 'a.js': HANDLER + OTHER });
    await record();
    workspace.write('a.js', `// a header\n\n${OTHER.replace('  res', '      res')}\n${HANDLER}`);
    assert.deepEqual(await newFindings(), []);
    const scan = await cli(['scan', workspace.root, '--baseline', baselinePath()]);
    assert.equal(scan.code, 0, 'the exit code counts new findings only');
    // .codeward/baseline.json is a JSON file and gets the secret scan like any other.
    assert.match(scan.stdout, /^0 findings \(0 errors, 0 warnings, 0 info\), 0 suppressed, 2 in the baseline, 2 files scanned, 0 skipped\n$/);

    workspace.write('a.js', HANDLER + OTHER.replace('req.query.other', 'req.query.changed'));
    assert.deepEqual(await newFindings(), ['a.js:5']);
    assert.equal((await cli(['scan', workspace.root, '--baseline', baselinePath()])).code, 1);
  });

  it('reports a copied finding as new, but not a renamed file\'s', async () => {
    workspace = createWorkspace({ 'a.js': HANDLER });
    await record();
    workspace.write('copy.js', HANDLER);
    assert.deepEqual(await newFindings(), ['copy.js:2']);
    renameSync(workspace.path('a.js'), workspace.path('renamed.js'));
    assert.equal((await newFindings()).length, 1, 'the vanished a.js lends its count to one of the two files');
    workspace.write('copy.js', '');
    assert.deepEqual(await newFindings(), []);
  });

  it('counts duplicates per fingerprint', () => {
    const [finding] = analyze(HANDLER, 'a.js').findings;
    const baseline = createBaseline([{ path: 'a.js', findings: [finding] }]);
    const twin = { ...finding };
    const [split] = splitByBaseline(baseline, [{ path: 'a.js', findings: [finding, twin] }], () => true);
    assert.deepEqual([split.known, split.fresh], [[finding], [twin]]);
    const [moved, copied] = splitByBaseline(baseline, [{ path: 'b.js', findings: [finding] }, { path: 'c.js', findings: [twin] }], () => false);
    assert.deepEqual([moved.known.length, copied.known.length], [1, 0], 'a vanished path lends its count once');
    assert.deepEqual(reviewFindings('a.js', [finding, twin], { root: '/nowhere', baseline }), [twin]);
  });

  it('marks SARIF results new or unchanged and counts baselined findings in JSON', async () => {
    workspace = createWorkspace({ 'a.js': HANDLER });
    await record();
    workspace.write('a.js', HANDLER + OTHER);
    const sarif = JSON.parse((await cli(['scan', workspace.root, '--baseline', baselinePath(), '--format', 'sarif'])).stdout) as Sarif.Log;
    assert.deepEqual(sarif.runs[0].results?.map((result) => [result.locations?.[0].physicalLocation?.region?.startLine, result.baselineState]), [[5, 'new'], [2, 'unchanged']]);
    const validation = validateSarif(sarif);
    assert.ok(validation.completed, 'the validator ran');
    assert.deepEqual(validation.errors, []);
    const report = await json(['scan', workspace.root, '--baseline', baselinePath()]);
    assert.deepEqual([report.summary.findings.error, report.summary.baselined], [1, 1]);
    const plain = JSON.parse((await cli(['scan', workspace.root, '--format', 'sarif'])).stdout) as Sarif.Log;
    assert.equal(plain.runs[0].results?.some((result) => 'baselineState' in result), false, 'no baseline, no baselineState');
    const markdown = (await cli(['scan', workspace.root, '--baseline', baselinePath(), '--format', 'markdown'])).stdout;
    assert.match(markdown, /Scanned · 2 files · 0 suppressed · 1 in the baseline · 0 notes/);
  });

  it('exits 2 with one line on a missing or corrupt baseline', async () => {
    workspace = createWorkspace({ 'a.js': HANDLER, 'bad.json': '{"version": 1, "findings": [', 'old.json': '{"version": 7, "findings": {}}' });
    const cases: [string, RegExp][] = [
      [workspace.path('none.json'), /^codeward: cannot read baseline .*none\.json: no such file\n$/],
      [workspace.path('bad.json'), /^codeward: invalid baseline .*bad\.json: not valid JSON \(.*\)\n$/],
      [workspace.path('old.json'), /^codeward: invalid baseline .*old\.json: \$\.version: must be 1 \(write it with `codeward baseline`\)\n$/],
    ];
    for (const [file, expected] of cases) {
      const result = await cli(['scan', workspace.root, '--baseline', file]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, expected);
      assert.equal(result.stdout, '');
    }
  });
});
