// The suppressions ledger (.codeward/suppressions.json): validation, globs, expiry, unused entries (docs/cli.md).
import { strict as assert } from 'node:assert';
import type * as Sarif from 'sarif';
import { cli, json } from '../helpers/cli';
import { createWorkspace, Workspace } from '../helpers/workspace';
import { validateSarif } from '../helpers/sarif-validator';
import { analyze } from '../../src/core/engine';
import { parseLedger, today } from '../../src/core/review/ledger';
import { reviewFindings } from '../../src/core/review/policy';
import { ConfigError } from '../../src/core/config/model';

const HANDLER = 'app.get("/x", (req, res) => {\n  res.json(eval(req.query.expr));\n});\n';
const FUTURE = '2999-12-31';
const PAST = '2001-01-01';

function entry(overrides: Record<string, string> = {}): Record<string, string> {
  return { path: 'legacy/', rule: 'code-injection', reason: 'sandboxed calculator', approvedBy: 'security@example.com', expires: FUTURE, ...overrides };
}

function ledgerText(...entries: unknown[]): string {
  return `${JSON.stringify({ suppressions: entries }, null, 2)}\n`;
}

describe('suppressions ledger', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  describe('validation', () => {
    const problem = (text: string): string => {
      try {
        parseLedger(text, 'ledger.json');
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return `${error.jsonPath}: ${error.reason}`;
      }
      return 'valid';
    };

    it('names the JSON path and the reason of the first problem', () => {
      assert.equal(problem(ledgerText(entry())), 'valid');
      assert.equal(problem('{ "suppressions": [ }'), '$: not valid JSON (ValueExpected at line 1, column 21)');
      assert.equal(problem('[]'), '$: must be an object with a "suppressions" array');
      assert.equal(problem('{"suppresions": []}'), '$.suppresions: unknown key; expected "suppressions"');
      assert.equal(problem('{"suppressions": {}}'), '$.suppressions: must be an array of entries');
      assert.equal(problem(ledgerText(entry(), 'x')), '$.suppressions[1]: must be an object with path, rule, reason, approvedBy, expires');
      const { approvedBy, ...unapproved } = entry();
      assert.ok(approvedBy);
      assert.equal(problem(ledgerText(unapproved)), '$.suppressions[0].approvedBy: is required');
      assert.equal(problem(ledgerText(entry({ reason: ' ' }))), '$.suppressions[0].reason: must be a non-empty string');
      assert.equal(problem(ledgerText({ ...entry(), owner: 'me' })), '$.suppressions[0].owner: unknown key; expected path, rule, reason, approvedBy, expires');
      assert.equal(problem(ledgerText(entry({ rule: 'code-injektion' }))), "$.suppressions[0].rule: unknown rule id 'code-injektion' (run `codeward rules` for the list)");
      assert.equal(problem(ledgerText(entry({ rule: 'suppression-added' }))), '$.suppressions[0].rule: suppression-added cannot be suppressed');
      assert.equal(problem(ledgerText(entry({ expires: '2026-02-30' }))), "$.suppressions[0].expires: must be a date YYYY-MM-DD (got '2026-02-30')");
      assert.equal(problem(ledgerText(entry({ expires: 'next year' }))), "$.suppressions[0].expires: must be a date YYYY-MM-DD (got 'next year')");
    });

    it('makes the CLI exit 2 with one line', async () => {
      workspace = createWorkspace({ 'a.js': HANDLER, '.codeward/suppressions.json': ledgerText(entry({ expires: '31/12/2026' })) });
      const result = await cli(['scan', workspace.root]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, `codeward: invalid configuration: ${workspace.path('.codeward/suppressions.json')}: $.suppressions[0].expires: must be a date YYYY-MM-DD (got '31/12/2026')\n`);
    });
  });

  describe('matching', () => {
    const [finding] = analyze(HANDLER, 'a.js').findings;
    const ledger = (...entries: Record<string, string>[]) => parseLedger(ledgerText(...entries), '/repo/.codeward/suppressions.json');
    const kindAt = (path: string, ...entries: Record<string, string>[]): string => {
      const [reviewed] = reviewFindings(path, [finding], { root: '/repo', ledger: ledger(...entries), today: '2026-06-01' });
      return reviewed.suppression?.kind ?? 'reported';
    };

    it('matches paths with .gitignore-style globs relative to the root, and the rule exactly', () => {
      assert.equal(kindAt('legacy/calc.js', entry()), 'external');
      assert.equal(kindAt('legacy/deep/calc.js', entry()), 'external');
      assert.equal(kindAt('src/legacy/calc.js', entry({ path: '/legacy/' })), 'reported');
      assert.equal(kindAt('src/legacy/calc.js', entry()), 'external', 'like .gitignore, "legacy/" matches at any depth');
      assert.equal(kindAt('src/calc.gen.js', entry({ path: 'src/**/*.gen.js' })), 'external');
      assert.equal(kindAt('src/calc.js', entry({ path: 'src/**/*.gen.js' })), 'reported');
      assert.equal(kindAt('legacy/calc.js', entry({ rule: 'weak-hash' })), 'reported');
    });

    it('holds through the expiry day, then resurfaces the finding with a note', () => {
      const on = (day: string) => reviewFindings('legacy/a.js', [finding], { root: '/repo', ledger: ledger(entry({ expires: '2026-06-01' })), today: day })[0];
      assert.equal(on('2026-06-01').suppression?.kind, 'external');
      assert.match(on('2026-06-01').suppression?.justification ?? '', /^sandboxed calculator \(approved by security@example\.com, until 2026-06-01; \.codeward\/suppressions\.json\)$/);
      const expired = on('2026-06-02');
      assert.equal(expired.suppression, undefined);
      assert.equal(expired.message, `${finding.message} (Its entry in .codeward/suppressions.json, $.suppressions[0], expired on 2026-06-01: renew it or fix the finding.)`);
      assert.match(today(new Date('2026-03-04T23:59:59Z')), /^2026-03-04$/);
    });

    it('leaves in-source suppressions as they are', () => {
      const [suppressed] = analyze('// codeward-ignore-next-line code-injection -- reviewed\neval(req.query.x);\n', 'legacy/a.js').findings;
      const [reviewed] = reviewFindings('legacy/a.js', [suppressed], { root: '/repo', ledger: ledger(entry()) });
      assert.equal(reviewed.suppression?.kind, 'inSource');
    });
  });

  describe('in the CLI', () => {
    it('reports matched findings as suppressed in every format, and expired ones as findings', async () => {
      workspace = createWorkspace({
        'legacy/calc.js': HANDLER,
        'old/calc.js': HANDLER,
        '.codeward/suppressions.json': ledgerText(entry(), entry({ path: 'old/', expires: PAST })),
      });
      const text = await cli(['scan', workspace.root]);
      assert.equal(text.code, 1, 'the expired entry no longer hides old/calc.js');
      assert.match(text.stdout, /legacy\/calc\.js\n  2:12 +suppressed +code-injection .*\n +suppressed: sandboxed calculator \(approved by security@example\.com, until 2999-12-31; \.codeward\/suppressions\.json\)\n/);
      assert.match(text.stdout, /old\/calc\.js\n  2:12 +error +code-injection .*expired on 2001-01-01: renew it or fix the finding\.\)/);

      const report = await json(['scan', workspace.root]);
      const legacy = report.findings.find((finding) => finding.path === 'legacy/calc.js');
      assert.deepEqual([legacy?.suppressed, legacy?.suppressionKind], [true, 'external']);
      assert.deepEqual(report.summary.findings, { error: 1, warning: 0, info: 0 });
      assert.equal(report.summary.suppressed, 1);

      const sarif = JSON.parse((await cli(['scan', workspace.root, '--format', 'sarif'])).stdout) as Sarif.Log;
      const suppressed = sarif.runs[0].results?.find((result) => result.suppressions);
      assert.deepEqual(suppressed?.suppressions, [{ kind: 'external', justification: legacy?.justification }]);
      const validation = validateSarif(sarif);
      assert.ok(validation.completed, 'the validator ran');
      assert.deepEqual(validation.errors, []);
    });

    it('reports unused entries on the ledger in a scan of the whole project, not in partial or change scans', async () => {
      workspace = createWorkspace({
        'legacy/calc.js': HANDLER,
        '.codeward/suppressions.json': ledgerText(entry(), entry({ rule: 'weak-hash' })),
      });
      const unused = (report: Awaited<ReturnType<typeof json>>) =>
        report.findings.filter((finding) => finding.ruleId === 'unused-suppression').map((finding) => `${finding.path}:${finding.line} ${finding.severity}`);
      const report = await json(['scan', workspace.root]);
      assert.deepEqual(unused(report), ['.codeward/suppressions.json:10 warning']);
      assert.match(report.findings.find((finding) => finding.ruleId === 'unused-suppression')?.message ?? '', /^This entry of the suppressions ledger \(\$\.suppressions\[1\]: weak-hash in 'legacy\/'\) matches no finding; delete it so it cannot hide a future one\.$/);
      assert.equal(report.summary.filesScanned, 2, 'the ledger is a scanned JSON file already, not one more');
      assert.deepEqual(unused(await json(['scan', workspace.path('legacy')])), []);
      assert.deepEqual(unused(await json(['scan', workspace.root, '--rule', 'unused-suppression=off'])), []);
      assert.deepEqual(unused(await json(['scan', workspace.root, '--rule', 'unused-suppression=error'])), ['.codeward/suppressions.json:10 error']);
    });

    it('applies before the baseline: `codeward baseline` leaves ledger-suppressed findings out', async () => {
      workspace = createWorkspace({ 'legacy/calc.js': HANDLER, 'b.js': HANDLER, '.codeward/suppressions.json': ledgerText(entry()) });
      const result = await cli(['baseline', workspace.root]);
      assert.match(result.stdout, /recorded 1 finding in/);
    });
  });
});
