// The scope file: defaults, precise errors (JSON path, reason, position), lookup, and the schema kept in step.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScope, loadScopeFor, parseScope, scopeFileFor } from '../../../src/core/scope/load';
import { CERTIFICATIONS, CLASSIFICATIONS, DATA_KINDS, FRAMEWORKS } from '../../../src/core/scope/model';
import { createWorkspace } from '../../helpers/workspace';

const FILE = '/repo/.codeward/scope.json';

function errorsOf(text: string) {
  return parseScope(text, FILE).errors.map(({ jsonPath, reason, line, column }) => ({ jsonPath, reason, line, column }));
}

describe('scope file: parseScope', () => {
  it('fills defaults for a minimal file', () => {
    assert.deepEqual(parseScope('{ "classification": "internal" }', FILE), {
      declared: {
        classification: 'internal',
        dataKinds: [],
        frameworks: [],
        aiPolicy: { editsAllowed: true, restrictedPaths: [], reviewRequired: false, approvedAssistants: [] },
        owners: [],
      },
      errors: [],
    });
  });

  it('reads a complete file, with comments and trailing commas as VS Code allows', () => {
    const text = `{
  // regulated
  "classification": "restricted",
  "dataKinds": ["health", "personal-data"],
  "frameworks": ["HIPAA"],
  "aiPolicy": {
    "editsAllowed": true,
    "restrictedPaths": ["src/phi/**"],
    "reviewRequired": true,
    "approvedAssistants": [{ "name": "Assistant", "plan": "Enterprise", "retention": "none", "residency": "US", "certifications": ["HIPAA BAA"], "checked": "2026-02-28" }],
  },
  "threatModel": { "document": "docs/tm.json", "owner": "@sec", "lastReviewed": "2026-01-31", "reviewIntervalDays": 90, "note": "ok" },
  "owners": ["@org/health"],
}`;
    const { declared, errors } = parseScope(text, FILE);
    assert.deepEqual(errors, []);
    assert.equal(declared?.classification, 'restricted');
    assert.deepEqual(declared?.aiPolicy.approvedAssistants, [
      { name: 'Assistant', plan: 'Enterprise', retention: 'none', residency: 'US', certifications: ['HIPAA BAA'], checked: '2026-02-28' },
    ]);
    assert.deepEqual(declared?.threatModel, { document: 'docs/tm.json', owner: '@sec', lastReviewed: '2026-01-31', reviewIntervalDays: 90, note: 'ok' });
  });

  it('defaults the review interval to 180 days', () => {
    assert.equal(parseScope('{ "classification": "public", "threatModel": { "document": "tm.md" } }', FILE).declared?.threatModel?.reviewIntervalDays, 180);
  });

  it('reports every problem with its JSON path, reason and the position of the key', () => {
    const text = [
      '{',
      '  "classification": "secret",',
      '  "dataKinds": ["health", "dna", "health"],',
      '  "aiPolicy": {',
      '    "restrictedPaths": "src/**",',
      '    "approvedAssistants": [{ "plan": "Pro", "checked": "2025-02-30", "certifications": ["BAA"] }],',
      '    "reviewRequired": "yes"',
      '  },',
      '  "threatModel": { "reviewIntervalDays": 0, "document": "" },',
      '  "colour": "red"',
      '}',
    ].join('\n');
    assert.deepEqual(errorsOf(text), [
      { jsonPath: '$.colour', reason: 'unknown property; expected one of classification, dataKinds, frameworks, aiPolicy, threatModel, owners', line: 10, column: 3 },
      { jsonPath: '$.classification', reason: "must be one of public, internal, confidential, restricted (got 'secret')", line: 2, column: 3 },
      { jsonPath: '$.dataKinds[1]', reason: "must be one of personal-data, health, payment-card, credentials, trade-secrets, customer-data (got 'dna')", line: 3, column: 27 },
      { jsonPath: '$.dataKinds[2]', reason: "'health' is listed twice", line: 3, column: 34 },
      { jsonPath: '$.aiPolicy.reviewRequired', reason: 'must be true or false', line: 7, column: 5 },
      { jsonPath: '$.aiPolicy.restrictedPaths', reason: 'must be an array of strings', line: 5, column: 5 },
      { jsonPath: '$.aiPolicy.approvedAssistants[0]', reason: "missing required property 'name'", line: 6, column: 28 },
      { jsonPath: '$.aiPolicy.approvedAssistants[0].certifications[0]', reason: "must be one of SOC 2, ISO 27001, ISO 42001, HIPAA BAA, GDPR DPA, PCI DSS, FedRAMP (got 'BAA')", line: 6, column: 89 },
      { jsonPath: '$.aiPolicy.approvedAssistants[0].checked', reason: "must be a date YYYY-MM-DD (got '2025-02-30')", line: 6, column: 45 },
      { jsonPath: '$.threatModel.document', reason: 'must be a non-empty string', line: 9, column: 45 },
      { jsonPath: '$.threatModel.reviewIntervalDays', reason: 'must be a positive whole number of days', line: 9, column: 20 },
    ]);
  });

  it('names a missing classification at the root', () => {
    assert.deepEqual(errorsOf('{ "owners": ["@a"] }'), [
      { jsonPath: '$', reason: "missing required property 'classification' (one of public, internal, confidential, restricted)", line: 1, column: 1 },
    ]);
  });

  it('answers broken JSON and non-objects with one error, never a throw', () => {
    assert.deepEqual(errorsOf('{ "classification": "public", }x'), [{ jsonPath: '$', reason: 'not valid JSON (InvalidSymbol)', line: 1, column: 32 }]);
    assert.deepEqual(errorsOf(''), [{ jsonPath: '$', reason: 'empty file; expected an object', line: 1, column: 1 }]);
    assert.deepEqual(errorsOf('[1]'), [{ jsonPath: '$', reason: 'must be an object', line: 1, column: 1 }]);
    assert.deepEqual(errorsOf('{"owners": [1, " "], "classification": "public"}'), [
      { jsonPath: '$.owners[0]', reason: 'must be a non-empty string', line: 1, column: 13 },
      { jsonPath: '$.owners[1]', reason: 'must be a non-empty string', line: 1, column: 16 },
    ]);
  });
});

describe('scope file: lookup', () => {
  it('is absent without a file, with the path where it belongs', () => {
    const workspace = createWorkspace({ 'a.ts': '' });
    try {
      assert.deepEqual(loadScope(workspace.root), { file: workspace.path('.codeward/scope.json'), root: workspace.root, exists: false, errors: [] });
    } finally {
      workspace.remove();
    }
  });

  it('finds the nearest file from the scanned directory up to the root', () => {
    const workspace = createWorkspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.codeward/scope.json': '{ "classification": "internal" }',
      'packages/pay/.codeward/scope.json': '{ "classification": "restricted" }',
      'packages/pay/src/a.ts': '',
      'packages/web/src/b.ts': '',
    });
    try {
      assert.deepEqual(scopeFileFor(workspace.path('packages/pay/src')), { root: workspace.path('packages/pay'), file: workspace.path('packages/pay/.codeward/scope.json') });
      assert.equal(loadScopeFor(workspace.path('packages/pay/src/a.ts')).declared?.classification, 'restricted');
      assert.equal(loadScopeFor(workspace.path('packages/web')).declared?.classification, 'internal');
      assert.equal(loadScopeFor(workspace.root).root, workspace.root);
    } finally {
      workspace.remove();
    }
  });

  it('reports an unreadable file as an error', () => {
    const workspace = createWorkspace({ '.codeward/scope.json/inner': 'x' });
    try {
      const loaded = loadScope(workspace.root);
      assert.equal(loaded.exists, true);
      assert.deepEqual(loaded.errors.map((error) => [error.jsonPath, error.reason]), [['$', 'cannot be read (EISDIR)']]);
    } finally {
      workspace.remove();
    }
  });
});

describe('scope schema (schemas/scope.schema.json)', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'scope.schema.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

  it('lists the same values as the validator', () => {
    assert.deepEqual(schema.properties.classification.enum, [...CLASSIFICATIONS]);
    assert.deepEqual(schema.properties.dataKinds.items.enum, [...DATA_KINDS]);
    assert.deepEqual(schema.properties.frameworks.items.enum, [...FRAMEWORKS]);
    assert.deepEqual(schema.properties.aiPolicy.properties.approvedAssistants.items.properties.certifications.items.enum, [...CERTIFICATIONS]);
  });

  it('allows exactly the properties the validator accepts', () => {
    const accepted = (text: string) => parseScope(text, FILE).errors.length === 0;
    const top = Object.keys(schema.properties).filter((key) => key !== '$schema');
    for (const key of top) assert.ok(!/unknown property/.test(parseScope(`{ "classification": "public", "${key}": null }`, FILE).errors[0]?.reason ?? ''), key);
    assert.ok(!accepted('{ "classification": "public", "extra": 1 }'));
    const sections: [string, string[]][] = [
      ['aiPolicy', Object.keys(schema.properties.aiPolicy.properties)],
      ['threatModel', Object.keys(schema.properties.threatModel.properties)],
    ];
    for (const [section, keys] of sections) {
      for (const key of keys) {
        const errors = parseScope(`{ "classification": "public", "${section}": { "${key}": null } }`, FILE).errors;
        assert.ok(!errors.some((error) => /unknown property/.test(error.reason)), `${section}.${key}`);
      }
    }
  });

  it('is contributed to VS Code next to the configuration schema', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [
      { fileMatch: '**/.codeward/config.json', url: './schemas/config.schema.json' },
      { fileMatch: '**/.codeward/scope.json', url: './schemas/scope.schema.json' },
      { fileMatch: '**/.codeward/suppressions.json', url: './schemas/suppressions.schema.json' },
    ]);
  });

  it('accepts the example workspace scope file', () => {
    const file = join(__dirname, '..', '..', '..', 'examples', 'ai-api', '.codeward', 'scope.json');
    assert.deepEqual(parseScope(readFileSync(file, 'utf8'), file).errors, []);
  });
});
