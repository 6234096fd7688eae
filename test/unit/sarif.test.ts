// SARIF 2.1.0 output: accepted by the official validator, and carrying what GitHub code scanning reads.
import { strict as assert } from 'node:assert';
import type * as Sarif from 'sarif';
import { loadConfig } from '../../src/core/config/load';
import { scanPaths } from '../../src/core/scan';
import { toSarif, FINGERPRINT_KEY } from '../../src/core/report/sarif';
import { createWorkspace, Workspace } from '../helpers/workspace';
import { validateSarif } from '../helpers/sarif-validator';

const APP = [
  'import https from "node:https";',
  'app.post("/calc", (req, res) => {',
  '  res.json(eval(req.body.expression));',
  '});',
  'const agent = new https.Agent({ rejectUnauthorized: false });',
  '// codeward-ignore-next-line code-injection -- constant, reviewed',
  'setTimeout("tick(" + n + ")", 5);',
  '// codeward-ignore-next-line tls-verification-disabled',
  'run();',
  '',
].join('\n');

function scan(workspace: Workspace, rules: Record<string, 'info'> = {}): Sarif.Log {
  const { config } = loadConfig(workspace.root);
  return toSarif(scanPaths([workspace.root], { root: workspace.root, config, rules }));
}

describe('SARIF output', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  beforeEach(() => {
    workspace = createWorkspace({ 'src/app.ts': APP, 'src/broken.ts': 'const = ;', 'node_modules/x/index.js': '' });
  });
  afterEach(() => workspace.remove());

  it('is accepted by the official validator without errors or warnings', () => {
    const result = validateSarif(scan(workspace, { 'suppression-without-reason': 'info' }));
    assert.ok(result.completed, 'the validator ran to completion');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
  });

  it('is rejected by the validator when broken (the check can fail)', () => {
    const log = scan(workspace);
    const region = log.runs[0].results?.[0].locations?.[0].physicalLocation?.region;
    if (region) region.startLine = 0;
    const result = validateSarif(log);
    assert.ok(result.errors.some((line) => line.includes('startLine')), result.errors.join('\n'));
  });

  it('describes every rule with docs, CWE tags and a security severity', () => {
    const rules = scan(workspace).runs[0].tool.driver.rules ?? [];
    const codeInjection = rules.find((rule) => rule.id === 'code-injection');
    assert.ok(codeInjection);
    assert.equal(codeInjection.shortDescription?.text, 'Dynamic code evaluation');
    assert.ok(codeInjection.fullDescription?.text);
    assert.ok(codeInjection.help?.markdown?.includes(codeInjection.helpUri ?? '-'));
    assert.match(codeInjection.helpUri ?? '', /\/docs\/rules\/code-injection\.md$/);
    assert.equal(codeInjection.defaultConfiguration?.level, 'error');
    assert.deepEqual(codeInjection.properties?.tags, ['security', 'external/cwe/cwe-95']);
    assert.equal(codeInjection.properties?.['security-severity'], '8.0');
  });

  it('reports results relative to %SRCROOT% with 1-based UTF-16 columns, fingerprints, fixes and suppressions', () => {
    const log = scan(workspace, { 'suppression-without-reason': 'info' });
    const run = log.runs[0];
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds?.['%SRCROOT%'].uri, `file://${workspace.root}/`);
    const results = run.results ?? [];
    assert.deepEqual(results.map((result) => [result.ruleId, result.level]), [
      ['code-injection', 'error'],
      ['tls-verification-disabled', 'error'],
      ['code-injection', 'error'],
      ['suppression-without-reason', 'note'],
    ]);
    const [evalResult, tlsResult, suppressed] = results;
    assert.deepEqual(evalResult.locations?.[0].physicalLocation?.artifactLocation, { uri: 'src/app.ts', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(evalResult.locations?.[0].physicalLocation?.region, { startLine: 3, startColumn: 12, endLine: 3, endColumn: 37 });
    assert.equal(evalResult.relatedLocations?.[0].physicalLocation?.region?.startLine, 3);
    assert.match(evalResult.partialFingerprints?.[FINGERPRINT_KEY] ?? '', /^[0-9a-f]{32}$/);
    assert.equal(tlsResult.fixes?.[0].artifactChanges[0].replacements[0].insertedContent?.text, 'true');
    assert.deepEqual(suppressed.suppressions, [{ kind: 'inSource', justification: 'constant, reviewed' }]);
    const notes = run.invocations?.[0].toolExecutionNotifications ?? [];
    assert.ok(notes.some((note) => note.locations?.[0].physicalLocation?.artifactLocation?.uri === 'src/broken.ts'));
    assert.ok(notes.some((note) => note.message.text === 'Skipped: dependencies'));
  });

  it('keeps fingerprints when code moves and changes them when the flagged line changes', () => {
    const fingerprints = (): string[] =>
      (scan(workspace).runs[0].results ?? []).map((result) => result.partialFingerprints?.[FINGERPRINT_KEY] ?? '');
    const before = fingerprints();
    workspace.write('src/app.ts', `// moved down\n\n${APP}`);
    assert.deepEqual(fingerprints(), before);
    workspace.write('src/app.ts', APP.replace('req.body.expression', 'req.body.formula'));
    const after = fingerprints();
    assert.notEqual(after[0], before[0]);
    assert.equal(after[1], before[1]);
  });
});
