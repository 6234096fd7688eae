// The Scope view's two pure pieces: the check on messages from the webview and the model it renders.
import { strict as assert } from 'node:assert';
import type { Finding, ScopeStatus } from '../../src/core';
import { buildPanelModel } from '../../src/extension/scope/buildPanelModel';
import { parsePanelMessage } from '../../src/extension/scope/messages';

function finding(ruleId: string, severity: Finding['severity'], line: number, policy?: Finding['policy']): Finding {
  return {
    ruleId, message: `${ruleId} message`, severity, confidence: 'high', cwe: [], range: [0, 1],
    start: { line, column: 3 }, end: { line, column: 9 }, fixes: [], related: [], fingerprint: `${ruleId}:${line}`,
    ...(policy ? { policy } : {}),
  };
}

const STATUS: ScopeStatus = {
  root: '/repo',
  file: '/repo/.codeward/scope.json',
  exists: true,
  declared: {
    classification: 'internal',
    dataKinds: ['personal-data'],
    frameworks: ['HIPAA'],
    aiPolicy: {
      editsAllowed: true,
      restrictedPaths: ['src/billing/**'],
      reviewRequired: true,
      approvedAssistants: [{ name: 'Copilot', plan: 'Business', certifications: ['SOC 2'] }],
    },
    threatModel: { document: 'docs/threats.tc.json', lastReviewed: '2025-01-15', reviewIntervalDays: 180 },
    owners: ['@acme/payments'],
  },
  errors: [],
  inferred: {
    classification: 'confidential',
    dataKinds: ['personal-data', 'health'],
    reasons: ['health SDK in package.json'],
    signals: [{ kind: 'sdk', dataKind: 'health', description: 'health SDK fhir-kit-client', evidence: [{ path: 'package.json', line: 12 }] }],
    filesRead: 10,
  },
  effectiveClassification: 'internal',
  understatements: [{ kind: 'classification', declared: 'internal', inferred: 'confidential', reason: 'health data', evidence: [] }],
  policy: { classification: 'internal', raises: [], dependenciesNeedReview: false, summary: 'Hard-coded secrets are errors.' },
  threatModel: {
    state: 'stale',
    document: 'docs/threats.tc.json',
    lastReviewed: '2025-01-15',
    lastReviewedSource: 'declared',
    dueDate: '2025-07-14',
    reasons: ['the review is 130 days overdue'],
    counts: { threats: 4, open: 3, mitigated: 1, other: 0, mitigations: 2 },
    changesSinceReview: [{ kind: 'entry-point', description: "POST /export", path: 'src/routes.ts', line: 7, commit: 'abc', date: '2025-03-01' }],
  },
  assistantProblems: [
    { assistant: 'Copilot (Business)', kind: 'missing-certification', framework: 'HIPAA', reason: 'Copilot (Business): no HIPAA BAA verified.' },
    { assistant: 'Copilot (Enterprise)', kind: 'stale-check', reason: 'Copilot (Enterprise): checked too long ago.' },
  ],
  owners: [{ name: '@acme/payments', source: 'scope', file: '.codeward/scope.json' }, { name: '@acme/core', source: 'CODEOWNERS', file: 'CODEOWNERS' }],
};

describe('Scope view', () => {
  describe('messages from the webview', () => {
    it('accepts the four kinds it knows', () => {
      assert.deepEqual(parsePanelMessage({ type: 'ready' }), { type: 'ready' });
      assert.deepEqual(parsePanelMessage({ type: 'rendered', text: 'x' }), { type: 'rendered', text: 'x' });
      assert.deepEqual(parsePanelMessage({ type: 'command', command: 'scanWorkspace' }), { type: 'command', command: 'scanWorkspace' });
      assert.deepEqual(parsePanelMessage({ type: 'open', location: { path: 'src/a.ts', line: 2, column: 1, extra: true } }),
        { type: 'open', location: { path: 'src/a.ts', line: 2, column: 1 } });
    });

    it('refuses anything else', () => {
      for (const message of [
        undefined, null, 'ready', [], { type: 'eval' },
        { type: 'command', command: 'workbench.action.terminal.new' }, { type: 'command', command: 'toString' },
        { type: 'open', location: { path: '../outside.ts', line: 1, column: 1 } },
        { type: 'open', location: { path: '/etc/passwd', line: 1, column: 1 } },
        { type: 'open', location: { path: 'C:\\x.ts', line: 1, column: 1 } },
        { type: 'open', location: { path: 'src/a.ts', line: 0, column: 1 } },
        { type: 'open', location: { path: 'src/a.ts', line: 1.5, column: 1 } },
        { type: 'rendered', text: 42 },
      ]) {
        assert.equal(parsePanelMessage(message), undefined, JSON.stringify(message));
      }
    });

    it('caps the rendered text', () => {
      const parsed = parsePanelMessage({ type: 'rendered', text: 'x'.repeat(50_000) });
      assert.equal(parsed?.type === 'rendered' && parsed.text.length, 20_000);
    });
  });

  describe('the model', () => {
    const findings = [
      { path: 'src/billing/pay.ts', finding: finding('code-injection', 'error', 4, { restrictedPath: 'src/billing/**' }) },
      { path: 'src/app.ts', finding: finding('weak-hash', 'warning', 9) },
      { path: 'src/app.ts', finding: finding('insecure-random', 'info', 2) },
    ];
    const model = buildPanelModel('repo', STATUS, findings, 'Open files.');

    it('calls out a declaration that understates the code', () => {
      assert.deepEqual(model.classification, {
        declared: 'internal', inferred: 'confidential', understated: true,
        reasons: [{ label: 'health SDK in package.json' }], policy: 'Hard-coded secrets are errors.',
      });
      assert.deepEqual(model.dataKinds.inferred[1], {
        kind: 'health',
        evidence: [{ label: 'health SDK fhir-kit-client (package.json:12)', location: { path: 'package.json', line: 12, column: 1 } }],
      });
      assert.equal(model.scopeFile.path, '.codeward/scope.json');
      assert.equal(model.scopeFile.state, 'valid');
    });

    it('lists assistants with their compliance problems, owners with their source', () => {
      assert.deepEqual(model.aiPolicy?.assistants, [{ name: 'Copilot', plan: 'Business', problems: ['no HIPAA BAA verified.'] }]);
      assert.deepEqual(model.owners, ['@acme/payments', '@acme/core (CODEOWNERS)']);
    });

    it('gives the threat model state, counts and what changed, with locations', () => {
      assert.equal(model.threatModel.state, 'stale');
      assert.deepEqual(model.threatModel.threats, { open: 3, mitigated: 1 });
      assert.deepEqual(model.threatModel.changes, [{
        label: 'New entry point: POST /export (src/routes.ts:7, 2025-03-01)', location: { path: 'src/routes.ts', line: 7, column: 1 },
      }]);
    });

    it('counts findings by severity and category, policy violations, newest first as given', () => {
      assert.deepEqual(model.findings.bySeverity, { error: 1, warning: 1, info: 1 });
      assert.equal(model.findings.total, 3);
      assert.equal(model.findings.policyViolations, 1);
      assert.deepEqual(model.findings.byCategory.map((entry) => entry.category), ['crypto', 'injection']);
      assert.deepEqual(model.findings.newest[0], {
        ruleId: 'code-injection', message: 'code-injection message', severity: 'error', location: { path: 'src/billing/pay.ts', line: 4, column: 3 },
      });
    });

    it('shows each configured agent with its settings as written and its violations, located', () => {
      const agents = buildPanelModel('repo', STATUS, [], 'Open files.', [{
        agent: 'codex', name: 'OpenAI Codex', files: ['.codex/config.toml'],
        sandbox: [{ path: '.codex/config.toml', key: 'sandbox_mode', value: '"danger-full-access"', line: 3 }],
        approval: [], network: [],
        violations: [{ path: '.codex/config.toml', ruleId: 'agent-sandbox-disabled', severity: 'error', message: 'sandbox off', line: 3, column: 16 }],
      }]).agentAccess;
      assert.deepEqual(agents, [{
        name: 'OpenAI Codex', files: ['.codex/config.toml'],
        sandbox: [{ label: 'sandbox_mode = "danger-full-access"', location: { path: '.codex/config.toml', line: 3, column: 1 } }],
        approval: [], network: [],
        violations: [{ ruleId: 'agent-sandbox-disabled', message: 'sandbox off', severity: 'error', location: { path: '.codex/config.toml', line: 3, column: 16 } }],
      }]);
      assert.deepEqual(model.agentAccess, [], 'no agents configured, none shown');
    });

    it('names each problem of an invalid file and declares nothing', () => {
      const invalid = buildPanelModel('repo', {
        ...STATUS, declared: undefined, understatements: [],
        errors: [{ file: '/repo/.codeward/scope.json', jsonPath: '$.classification', reason: 'must be one of public, internal', line: 2, column: 21 }],
      }, [], 'Open files.');
      assert.equal(invalid.scopeFile.state, 'invalid');
      assert.deepEqual(invalid.scopeFile.problems, ['$.classification (line 2): must be one of public, internal']);
      assert.equal(invalid.classification.declared, undefined);
      assert.equal(invalid.aiPolicy, undefined);
    });
  });
});
