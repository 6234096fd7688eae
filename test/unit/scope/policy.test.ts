// The sensitivity policy: severity raises by classification and category, restricted paths, one function for the
// engine (editor) and the scan (CLI), and the table in docs/scope.md.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../src/core/engine';
import { scanPaths } from '../../../src/core/scan';
import { DEFAULT_CONFIG } from '../../../src/core/config/model';
import { applyInsertedCodePolicy, applyScopePolicy, policyFor, scopePolicyInput, SCOPE_POLICY } from '../../../src/core/scope/policy';
import type { Classification, ScopePolicyInput } from '../../../src/core/scope/model';
import type { Finding, Severity } from '../../../src/core/types';
import { createWorkspace } from '../../helpers/workspace';
import { policyTable } from './policy-table';

function finding(ruleId: string, severity: Severity): Finding {
  return {
    ruleId, message: 'm.', severity, confidence: 'high', cwe: [], range: [0, 1], start: { line: 1, column: 1 }, end: { line: 1, column: 2 },
    fixes: [], related: [], fingerprint: 'f',
  };
}

function severities(classification: Classification, cases: [string, Severity][], path = 'src/a.ts', restrictedPaths: string[] = []): Severity[] {
  const input: ScopePolicyInput = { classification, restrictedPaths };
  return applyScopePolicy(cases.map(([id, severity]) => finding(id, severity)), path, input).map((result) => result.severity);
}

// One rule per category that matters, at the severity given.
const CASES: [string, Severity][] = [
  ['hardcoded-secret', 'info'], // secrets
  ['weak-hash', 'warning'], // crypto
  ['plaintext-transport', 'info'], // transport
  ['format-string', 'warning'], // injection
  ['csrf-missing', 'info'], // auth-session
  ['regex-dos', 'warning'], // data-handling
  ['postmessage-origin', 'warning'], // xss
  ['dom-xss', 'info'], // xss
  ['suppression-without-reason', 'warning'], // meta
];

describe('scope policy: severity raises', () => {
  it('public keeps rule defaults', () => {
    assert.deepEqual(severities('public', CASES), CASES.map(([, severity]) => severity));
  });

  it('internal makes secrets errors', () => {
    assert.deepEqual(severities('internal', CASES), ['error', 'warning', 'info', 'warning', 'info', 'warning', 'warning', 'info', 'warning']);
  });

  it('confidential makes secrets, crypto, transport and injection errors, auth/session and data handling warnings', () => {
    assert.deepEqual(severities('confidential', CASES), ['error', 'error', 'error', 'error', 'warning', 'warning', 'warning', 'info', 'warning']);
  });

  it('restricted makes every security warning an error; info elsewhere and meta warnings stay', () => {
    assert.deepEqual(severities('restricted', CASES), ['error', 'error', 'error', 'error', 'info', 'error', 'error', 'info', 'warning']);
    assert.equal(policyFor('restricted').dependenciesNeedReview, true);
    assert.equal(policyFor('confidential').dependenciesNeedReview, false);
  });

  it('records what it raised, and leaves unchanged findings as they were', () => {
    const [raised, kept] = applyScopePolicy([finding('weak-hash', 'warning'), finding('dom-xss', 'error')], 'a.ts', { classification: 'confidential', restrictedPaths: [] });
    assert.deepEqual(raised.policy, { raisedFrom: 'warning', classification: 'confidential' });
    assert.equal(raised.message, 'm.');
    assert.equal(kept.policy, undefined);
  });
});

describe('scope policy: restricted paths', () => {
  const input: ScopePolicyInput = { classification: 'public', restrictedPaths: ['src/payments/**', '*.pem.ts', 'keys/*', '!keys/README.ts'] };

  it('flags every finding in a restricted file as a policy violation (error, said in the message)', () => {
    const [result] = applyScopePolicy([finding('regex-dos', 'warning')], 'src/payments/charge.ts', input);
    assert.equal(result.severity, 'error');
    assert.equal(result.message, "m. Policy violation: AI edits are not allowed in 'src/payments/**' (.codeward/scope.json).");
    assert.deepEqual(result.policy, { raisedFrom: 'warning', classification: 'public', restrictedPath: 'src/payments/**' });
  });

  it('matches with .gitignore rules: unanchored names at any depth, negations', () => {
    const flagged = (path: string) => applyScopePolicy([finding('regex-dos', 'warning')], path, input)[0].policy?.restrictedPath;
    assert.equal(flagged('lib/deep/key.pem.ts'), '*.pem.ts');
    assert.equal(flagged('keys/load.ts'), 'keys/*');
    assert.equal(flagged('keys/README.ts'), undefined);
    assert.equal(flagged('src/paymentsx/a.ts'), undefined);
    assert.equal(flagged('src/web/a.ts'), undefined);
  });

  it('matches paths relative to the scope directory when the scan root is above it', () => {
    const nested: ScopePolicyInput = { ...input, root: '/repo/packages/pay', prefix: 'packages/pay' };
    const flagged = (path: string) => applyScopePolicy([finding('regex-dos', 'warning')], path, nested)[0];
    assert.equal(flagged('packages/pay/src/payments/a.ts').policy?.restrictedPath, 'src/payments/**');
    assert.equal(flagged('/repo/packages/pay/src/payments/a.ts').policy?.restrictedPath, 'src/payments/**');
    // Outside the scope's directory nothing changes, not even the classification's raises.
    const outside = applyScopePolicy([finding('weak-hash', 'warning')], 'src/payments/a.ts', { ...nested, classification: 'restricted' })[0];
    assert.equal(outside.severity, 'warning');
    assert.equal(scopePolicyInput({ root: '/repo/packages/pay', declared: undefined }, '/repo'), undefined);
  });
});

describe('scope policy: unreviewed inserted code', () => {
  const inserted = (ruleId: string, severity: Severity): Finding => ({ ...finding(ruleId, severity), insertedCode: true });

  it('makes security warnings in unreviewed inserted code errors when AI changes need review', () => {
    const input: ScopePolicyInput = { classification: 'internal', restrictedPaths: [], reviewRequired: true };
    const [raised, typed, info, meta] = applyInsertedCodePolicy([
      inserted('regex-dos', 'warning'), finding('regex-dos', 'warning'), inserted('dynamic-module-specifier', 'info'), inserted('suppression-without-reason', 'warning'),
    ], input);
    assert.equal(raised.severity, 'error');
    assert.deepEqual(raised.policy, { raisedFrom: 'warning', classification: 'internal', unreviewedInsertedCode: true });
    assert.equal(typed.severity, 'warning', 'code typed by hand is not raised');
    assert.equal(info.severity, 'info', 'informational findings stay informational');
    assert.equal(meta.severity, 'warning', 'suppression hygiene is not a security finding');
  });

  it('changes nothing when the scope does not require review, or there is no scope', () => {
    const findings = [inserted('regex-dos', 'warning')];
    assert.equal(applyInsertedCodePolicy(findings, { classification: 'restricted', restrictedPaths: [] })[0].severity, 'warning');
    assert.equal(applyInsertedCodePolicy(findings, undefined)[0].severity, 'warning');
  });

  it('takes reviewRequired from the declaration', () => {
    const declared = (reviewRequired: boolean) => ({
      root: '/repo',
      declared: { classification: 'internal', aiPolicy: { editsAllowed: true, restrictedPaths: [], reviewRequired, approvedAssistants: [] } },
    }) as unknown as Parameters<typeof scopePolicyInput>[0];
    assert.equal(scopePolicyInput(declared(true))?.reviewRequired, true);
    assert.equal(scopePolicyInput(declared(false))?.reviewRequired, undefined);
  });
});

describe('scope policy: applied by analysis and scans alike', () => {
  const code = "import crypto from 'node:crypto';\nexport const digest = (value) => crypto.createHash('md5').update(value).digest('hex');\n";

  it('analyze() applies AnalyzeOptions.scope, as the editor calls it', () => {
    assert.equal(analyze(code, 'src/a.js').findings[0].severity, 'warning');
    const [result] = analyze(code, 'src/a.js', { scope: { classification: 'confidential', restrictedPaths: [] } }).findings;
    assert.equal(result.ruleId, 'weak-hash');
    assert.equal(result.severity, 'error');
  });

  it('scans apply ScanSettings.scope, as the CLI does, and keep fingerprints', () => {
    const workspace = createWorkspace({ 'src/a.js': code, 'vendor/b.js': code });
    try {
      const config = { ...DEFAULT_CONFIG, rules: {}, exclude: [] };
      const plain = scanPaths([workspace.root], { root: workspace.root, config });
      const scoped = scanPaths([workspace.root], { root: workspace.root, config, scope: { classification: 'confidential', restrictedPaths: ['vendor/'], root: workspace.root } });
      assert.deepEqual(scoped.files.map((file) => [file.path, file.findings[0].severity, file.findings[0].policy]), [
        ['src/a.js', 'error', { raisedFrom: 'warning', classification: 'confidential' }],
        ['vendor/b.js', 'error', { raisedFrom: 'warning', classification: 'confidential', restrictedPath: 'vendor/' }],
      ]);
      assert.deepEqual(scoped.summary.findings, { error: 2, warning: 0, info: 0 });
      assert.deepEqual(scoped.files.map((file) => file.findings[0].fingerprint), plain.files.map((file) => file.findings[0].fingerprint));
    } finally {
      workspace.remove();
    }
  });

  it('a rule turned off stays off', () => {
    const result = analyze(code, 'src/a.js', { rules: { 'weak-hash': 'off' }, scope: { classification: 'restricted', restrictedPaths: ['src/'] } });
    assert.deepEqual(result.findings, []);
  });
});

describe('scope policy: docs/scope.md', () => {
  it('shows the policy table as SCOPE_POLICY defines it', () => {
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'scope.md'), 'utf8');
    assert.ok(docs.includes(policyTable(SCOPE_POLICY)), `docs/scope.md must contain:\n${policyTable(SCOPE_POLICY)}`);
  });
});
