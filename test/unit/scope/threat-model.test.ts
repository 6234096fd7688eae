// Threat-model sync: due dates, changes since the review from a real temporary git repository, Threat Dragon and
// Threat Composer counts, the fallback review date of any other document.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { threatModelStatus, readCounts } from '../../../src/core/scope/threat-model';
import { parseScope } from '../../../src/core/scope/load';
import { createWorkspace, type Workspace } from '../../helpers/workspace';
import { initRepository } from '../../helpers/git-repo';

function declared(text: string) {
  const { declared: result, errors } = parseScope(text, 'scope.json');
  assert.deepEqual(errors, []);
  assert.ok(result);
  return result;
}

function git(workspace: Workspace, args: string[], date?: string): string {
  const env = { ...process.env, ...(date ? { GIT_AUTHOR_DATE: `${date}T12:00:00Z`, GIT_COMMITTER_DATE: `${date}T12:00:00Z` } : {}) };
  return execFileSync('git', args, { cwd: workspace.root, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
}

function commitAll(workspace: Workspace, message: string, date: string): string {
  git(workspace, ['add', '-A']);
  git(workspace, ['commit', '-q', '-m', message], date);
  return git(workspace, ['rev-parse', '--short=12', 'HEAD']);
}

function repository(files: Record<string, string>): Workspace {
  const workspace = createWorkspace(files);
  initRepository(workspace.root);
  return workspace;
}

const DRAGON_V2 = JSON.stringify({
  version: '2.2.0',
  summary: { title: 'Shop' },
  detail: {
    diagrams: [{
      cells: [
        { shape: 'process', data: { type: 'tm.Process', threats: [
          { title: 'Spoofing', status: 'Open', mitigation: '' },
          { title: 'Tampering', status: 'Mitigated', mitigation: 'Sign requests.' },
        ] } },
        { shape: 'store', data: { type: 'tm.Store', threats: [{ title: 'Disclosure', status: 'NotApplicable', mitigation: 'n/a' }] } },
        { shape: 'flow', data: { type: 'tm.Flow' } },
      ],
    }],
  },
});
const DRAGON_V1 = JSON.stringify({ summary: { title: 'Old' }, detail: { diagrams: [{ diagramJson: { cells: [{ threats: [{ status: 'Open' }, { status: 'Mitigated', mitigation: 'x' }] }] } }] } });
const COMPOSER = JSON.stringify({
  schema: 1,
  threats: [{ id: 'a', statement: 'x' }, { id: 'b', status: 'threatIdentified' }, { id: 'c', status: 'threatResolved' }, { id: 'd', status: 'threatResolvedNotUseful' }],
  mitigations: [{ id: 'm1', content: 'x', status: 'mitigationResolved' }, { id: 'm2', content: 'y', status: 'mitigationInProgress' }, { id: 'm3', content: 'z' }],
  mitigationLinks: [],
});

describe('threat model: formats', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  it('counts Threat Dragon v2 and v1 threats by status, with mitigations', () => {
    workspace = createWorkspace({ 'v2.json': DRAGON_V2, 'v1.json': DRAGON_V1, 'bad.json': '{ "detail": {} }', 'broken.json': '{' });
    assert.deepEqual(readCounts(workspace.path('v2.json'), 'threat-dragon'), { counts: { threats: 3, open: 1, mitigated: 1, other: 1, mitigations: 2 } });
    assert.deepEqual(readCounts(workspace.path('v1.json'), 'threat-dragon'), { counts: { threats: 2, open: 1, mitigated: 1, other: 0, mitigations: 1 } });
    assert.deepEqual(readCounts(workspace.path('bad.json'), 'threat-dragon'), { error: 'neither a Threat Dragon model (no "detail.diagrams" array) nor a Threat Composer export (no "threats" array)' });
    assert.match((readCounts(workspace.path('broken.json'), 'threat-dragon') as { error: string }).error, /^not readable as JSON \(/);
  });

  it('counts Threat Composer threats and mitigations by status', () => {
    workspace = createWorkspace({ 'model.tc.json': COMPOSER, 'other.tc.json': '{ "schema": 1 }', 'export.json': COMPOSER });
    assert.deepEqual(readCounts(workspace.path('model.tc.json'), 'threat-composer'), {
      counts: { threats: 4, open: 2, mitigated: 1, other: 1, mitigations: 3, mitigationsImplemented: 1 },
    });
    assert.deepEqual(readCounts(workspace.path('other.tc.json'), 'threat-composer'), { error: 'not a Threat Composer model (no "threats" array)' });
    // Saved as plain .json: recognised by its shape.
    assert.deepEqual(readCounts(workspace.path('export.json'), 'threat-dragon'), {
      counts: { threats: 4, open: 2, mitigated: 1, other: 1, mitigations: 3, mitigationsImplemented: 1 },
      format: 'threat-composer',
    });
    const status = threatModelStatus(workspace.root, declared('{ "classification": "public", "threatModel": { "document": "export.json", "lastReviewed": "2026-01-01" } }'), new Date('2026-01-02'));
    assert.equal(status.format, 'threat-composer');
  });

  it('says when nothing is declared, or the document is missing or unreadable', () => {
    workspace = createWorkspace({ 'tm.tc.json': '[]' });
    assert.equal(threatModelStatus(workspace.root, declared('{ "classification": "public" }')).state, 'not-declared');
    assert.equal(threatModelStatus(workspace.root, undefined).state, 'not-declared');
    const missing = threatModelStatus(workspace.root, declared('{ "classification": "public", "threatModel": { "document": "nope.md" } }'));
    assert.deepEqual([missing.state, missing.reasons], ['missing', ['The threat model nope.md does not exist.']]);
    const unreadable = threatModelStatus(workspace.root, declared('{ "classification": "public", "threatModel": { "document": "tm.tc.json", "lastReviewed": "2026-01-01" } }'), new Date('2026-01-02'));
    assert.equal(unreadable.state, 'unreadable');
    assert.equal(unreadable.reasons[0], 'tm.tc.json: not a threat model (expected a JSON object)');
  });
});

describe('threat model: staleness from dates and git history', function () {
  this.timeout(30_000);
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  it('is current within the interval and with no relevant change since the review', () => {
    workspace = repository({ 'docs/tm.tc.json': COMPOSER, 'src/server.ts': "app.get('/health', ok);\n" });
    commitAll(workspace, 'start', '2026-01-10');
    const scope = declared('{ "classification": "internal", "threatModel": { "document": "docs/tm.tc.json", "lastReviewed": "2026-01-10", "reviewIntervalDays": 30 } }');
    const status = threatModelStatus(workspace.root, scope, new Date('2026-02-09T20:00:00Z'));
    assert.deepEqual(status, {
      state: 'current',
      document: 'docs/tm.tc.json',
      format: 'threat-composer',
      counts: { threats: 4, open: 2, mitigated: 1, other: 1, mitigations: 3, mitigationsImplemented: 1 },
      lastReviewed: '2026-01-10',
      lastReviewedSource: 'declared',
      reviewIntervalDays: 30,
      dueDate: '2026-02-09',
      reasons: ['Reviewed 2026-01-10; next review due 2026-02-09.'],
      changesSinceReview: [],
    });
    const late = threatModelStatus(workspace.root, scope, new Date('2026-02-10T00:00:01Z'));
    assert.equal(late.state, 'stale');
    assert.deepEqual(late.reasons, ['The review was due on 2026-02-09 (last review 2026-01-10, every 30 days).']);
  });

  it('is stale when commits after the review added routes, outbound calls or dependencies, and lists them', () => {
    workspace = repository({
      'docs/tm.md': '# Threat model\n',
      'package.json': '{\n  "dependencies": {\n    "express": "^4"\n  }\n}\n',
      'src/server.ts': "app.get('/health', ok);\n",
    });
    commitAll(workspace, 'start', '2026-01-10');
    workspace.write('src/server.ts', "app.get('/health', ok);\napp.post('/payments', pay);\n");
    workspace.write('src/rates.ts', "export const rates = () => fetch('https://rates.example/api');\n");
    workspace.write('src/rates.test.ts', "app.get('/test-only', ok);\n");
    const routes = commitAll(workspace, 'payments', '2026-01-20');
    workspace.write('package.json', '{\n  "dependencies": {\n    "express": "^4",\n    "stripe": "^16"\n  },\n  "devDependencies": { "mocha": "^11" }\n}\n');
    const dependency = commitAll(workspace, 'stripe', '2026-01-21');
    const scope = declared('{ "classification": "internal", "threatModel": { "document": "docs/tm.md", "lastReviewed": "2026-01-15" } }');
    const status = threatModelStatus(workspace.root, scope, new Date('2026-02-01'));
    assert.equal(status.state, 'stale');
    assert.equal(status.format, 'document');
    assert.deepEqual(status.reasons, ['Since the review (2026-01-15) the code added 1 entry point, 1 outbound network call, 1 dependency.']);
    assert.deepEqual(status.changesSinceReview, [
      { kind: 'outbound-call', description: "fetch: export const rates = () => fetch('https://rates.example/api');", commit: routes, date: '2026-01-20', path: 'src/rates.ts', line: 1 },
      { kind: 'entry-point', description: "HTTP route: app.post('/payments', pay);", commit: routes, date: '2026-01-20', path: 'src/server.ts', line: 2 },
      { kind: 'dependency', description: 'dependency stripe@^16', path: 'package.json', commit: dependency, date: '2026-01-21', line: 4 },
    ]);
    // A review after those commits makes it current again.
    assert.equal(threatModelStatus(workspace.root, declared('{ "classification": "internal", "threatModel": { "document": "docs/tm.md", "lastReviewed": "2026-01-21" } }'), new Date('2026-02-01')).state, 'current');
  });

  it('without a review date, the last commit touching the document counts, and later changes are listed', () => {
    workspace = repository({ 'docs/tm.md': '# v1\n', 'src/a.ts': 'export {};\n' });
    commitAll(workspace, 'start', '2026-03-01');
    workspace.write('docs/tm.md', '# v2\n');
    commitAll(workspace, 'review', '2026-03-05');
    workspace.write('src/a.ts', "export const handler = async () => ({ statusCode: 200 });\n");
    const handler = commitAll(workspace, 'lambda', '2026-03-05');
    const status = threatModelStatus(workspace.root, declared('{ "classification": "internal", "threatModel": { "document": "docs/tm.md" } }'), new Date('2026-03-06'));
    assert.deepEqual([status.lastReviewed, status.lastReviewedSource, status.dueDate], ['2026-03-05', 'git', '2026-09-01']);
    assert.deepEqual(status.changesSinceReview.map((change) => [change.kind, change.commit, change.path, change.line]), [['entry-point', handler, 'src/a.ts', 1]]);
    assert.equal(status.state, 'stale');
  });

  it('has no review date for an uncommitted document, and reports when git history cannot be read', () => {
    workspace = createWorkspace({ 'docs/tm.md': '# tm\n' });
    const undated = threatModelStatus(workspace.root, declared('{ "classification": "internal", "threatModel": { "document": "docs/tm.md" } }'));
    assert.equal(undated.state, 'stale');
    assert.match(undated.reasons[0], /^No review date/);
    const dated = threatModelStatus(workspace.root, declared('{ "classification": "internal", "threatModel": { "document": "docs/tm.md", "lastReviewed": "2026-01-01" } }'), new Date('2026-01-02'));
    assert.equal(dated.state, 'current');
    assert.match(dated.reasons[0], /^Changes since the review were not checked: /);
  });
});
