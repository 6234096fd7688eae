// Assistant compliance, owners (scope file, CODEOWNERS, Backstage catalog), and writing scope files.
import { strict as assert } from 'node:assert';
import { checkAssistants } from '../../../src/core/scope/assistants';
import { catalogOwners, codeOwners, findOwners } from '../../../src/core/scope/owners';
import { initialScopeFile, recordThreatModelReview } from '../../../src/core/scope/edit';
import { parseScope } from '../../../src/core/scope/load';
import { createWorkspace } from '../../helpers/workspace';

function declared(text: string) {
  const { declared: result, errors } = parseScope(text, 'scope.json');
  assert.deepEqual(errors, []);
  assert.ok(result);
  return result;
}

const NOW = new Date('2026-06-01T12:00:00Z');

describe('scope: assistant compliance', () => {
  it('flags a HIPAA repository whose assistant has no BAA, missing retention, and an old check', () => {
    const scope = declared(`{
      "classification": "restricted",
      "frameworks": ["HIPAA", "CCPA"],
      "aiPolicy": { "approvedAssistants": [{ "name": "Helper", "plan": "Team", "certifications": ["SOC 2"], "checked": "2025-05-31" }] }
    }`);
    assert.deepEqual(checkAssistants(scope, NOW), [
      { assistant: 'Helper (Team)', kind: 'missing-certification', framework: 'HIPAA', reason: 'Helper (Team): the repository is under HIPAA, and no HIPAA BAA was verified for this plan.' },
      { assistant: 'Helper (Team)', kind: 'missing-retention', reason: 'Helper (Team): no data retention terms recorded for a restricted repository.' },
      { assistant: 'Helper (Team)', kind: 'stale-check', reason: 'Helper (Team): terms last checked on 2025-05-31, 366 days ago (more than a year).' },
    ]);
  });

  it('accepts an assistant whose terms cover the frameworks, checked within a year', () => {
    const scope = declared(`{
      "classification": "confidential",
      "frameworks": ["HIPAA", "GDPR", "SOC 2"],
      "aiPolicy": { "approvedAssistants": [{ "name": "Helper", "retention": "none", "certifications": ["HIPAA BAA", "GDPR DPA", "SOC 2"], "checked": "2025-06-01" }] }
    }`);
    assert.deepEqual(checkAssistants(scope, NOW), []);
  });

  it('asks for a check date, and does not need retention terms below confidential', () => {
    const scope = declared('{ "classification": "internal", "aiPolicy": { "editsAllowed": false, "approvedAssistants": [{ "name": "Helper" }] } }');
    assert.deepEqual(checkAssistants(scope, NOW).map((problem) => problem.kind), ['ai-edits-disallowed', 'never-checked']);
  });
});

describe('scope: owners', () => {
  it('reads the scope file first, then CODEOWNERS where GitHub looks, then catalog-info.yaml', () => {
    const workspace = createWorkspace({
      'docs/CODEOWNERS': '* @org/docs-owners\n',
      '.github/CODEOWNERS': '# owners\n/src/pay/ @org/payments\n*       @org/platform jane@example.com # default\n',
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nspec:\n  owner: team-a\n',
    });
    try {
      assert.deepEqual(findOwners(workspace.root, declared('{ "classification": "public", "owners": ["@org/scope"] }')), [{ name: '@org/scope', source: 'scope', file: '.codeward/scope.json' }]);
      assert.deepEqual(findOwners(workspace.root), [
        { name: '@org/platform', source: 'CODEOWNERS', file: '.github/CODEOWNERS' },
        { name: 'jane@example.com', source: 'CODEOWNERS', file: '.github/CODEOWNERS' },
      ]);
      workspace.write('.github/CODEOWNERS', '# nobody\n');
      assert.deepEqual(findOwners(workspace.root), [{ name: '@org/docs-owners', source: 'CODEOWNERS', file: 'docs/CODEOWNERS' }]);
      workspace.write('docs/CODEOWNERS', '');
      assert.deepEqual(findOwners(workspace.root), [{ name: 'team-a', source: 'catalog-info', file: 'catalog-info.yaml' }]);
    } finally {
      workspace.remove();
    }
  });

  it('without a catch-all rule, lists every CODEOWNERS owner once', () => {
    assert.deepEqual(codeOwners('/api/ @org/api\n/web/ @org/web @org/api\n[Section]\n/docs/ @org/docs\n'), ['@org/api', '@org/web', '@org/docs']);
  });

  it('reads every entity of a multi-document catalog, and survives broken YAML', () => {
    assert.deepEqual(catalogOwners('kind: System\nspec:\n  owner: group:default/payments\n---\nkind: Component\nspec:\n  owner: team-b\n---\nkind: API\nspec: {}\n'), ['group:default/payments', 'team-b']);
    assert.deepEqual(catalogOwners('spec: [\n'), []);
  });
});

describe('scope: writing the file', () => {
  it('initialScopeFile writes a valid file from the answers', () => {
    const text = initialScopeFile({ classification: 'confidential', dataKinds: ['personal-data'], frameworks: ['GDPR'], restrictedPaths: ['infra/**'], threatModelDocument: 'docs/tm.md', owners: ['@org/a'] });
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(parseScope(text, 'scope.json'), {
      declared: {
        classification: 'confidential',
        dataKinds: ['personal-data'],
        frameworks: ['GDPR'],
        aiPolicy: { editsAllowed: true, restrictedPaths: ['infra/**'], reviewRequired: false, approvedAssistants: [] },
        threatModel: { document: 'docs/tm.md', reviewIntervalDays: 180 },
        owners: ['@org/a'],
      },
      errors: [],
    });
  });

  it('recordThreatModelReview changes the date and note only, keeping comments and layout', () => {
    const text = '{\n    // ours\n    "classification": "internal",\n    "threatModel": {\n        "document": "tm.md",\n        "lastReviewed": "2025-01-01"\n    }\n}\n';
    assert.equal(
      recordThreatModelReview(text, '2026-03-04', ' checked new routes '),
      '{\n    // ours\n    "classification": "internal",\n    "threatModel": {\n        "document": "tm.md",\n        "lastReviewed": "2026-03-04",\n        "note": "checked new routes"\n    }\n}\n',
    );
  });

  it('recordThreatModelReview adds threatModel when there is none, and refuses a bad date', () => {
    const updated = recordThreatModelReview('{\r\n  "classification": "public"\r\n}\r\n', '2026-03-04');
    assert.equal(updated, '{\r\n  "classification": "public",\r\n  "threatModel": {\r\n    "lastReviewed": "2026-03-04"\r\n  }\r\n}\r\n');
    assert.throws(() => recordThreatModelReview('{}', '2026-02-30'), /not a date YYYY-MM-DD: '2026-02-30'/);
  });
});
