// `codeward scope` and the scope in `codeward scan`: exit codes, the JSON shape, SARIF run properties, and one
// line per problem of an invalid scope file.
import { strict as assert } from 'node:assert';
import { initRepository, runGit } from '../../helpers/git-repo';
import type * as Sarif from 'sarif';
import { cli } from '../../helpers/cli';
import { createWorkspace, type Workspace } from '../../helpers/workspace';
import { validateSarif } from '../../helpers/sarif-validator';

const SCOPE = JSON.stringify({
  classification: 'confidential',
  dataKinds: ['personal-data'],
  frameworks: ['HIPAA'],
  aiPolicy: { restrictedPaths: ['src/vault/**'], approvedAssistants: [{ name: 'Helper', retention: 'none', certifications: ['SOC 2'], checked: '2099-01-01' }] },
  threatModel: { document: 'docs/tm.tc.json', lastReviewed: '2099-01-01' },
  owners: ['@org/team'],
}, null, 2);

const HASH = "import crypto from 'node:crypto';\nexport const digest = (value) => crypto.createHash('md5').update(value).digest('hex');\n";

describe('codeward scope', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  it('prints declared and inferred scope, policy, threat model and assistants as JSON, exit 0', async () => {
    workspace = createWorkspace({
      '.codeward/scope.json': SCOPE,
      'docs/tm.tc.json': JSON.stringify({ threats: [{ status: 'threatResolved' }, {}], mitigations: [{}] }),
      'src/users.ts': 'export const user = { email: "a@b.c", diagnosis: "x" };\n',
      'src/vault/keys.js': HASH,
      'src/hash.js': HASH,
    });
    const result = await cli(['scope', workspace.root, '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const output = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(output), [
      'schemaVersion', 'tool', 'root', 'file', 'exists', 'declared', 'errors', 'inferred', 'effectiveClassification', 'understatements', 'policy',
      'threatModel', 'assistantProblems', 'owners', 'findings',
    ]);
    assert.equal(output.schemaVersion, 1);
    assert.equal(output.file, '.codeward/scope.json');
    assert.equal(output.declared.classification, 'confidential');
    assert.equal(output.inferred.classification, 'confidential');
    assert.deepEqual(output.inferred.dataKinds, ['personal-data', 'health']);
    assert.deepEqual(output.understatements.map((entry: { kind: string; inferred: string }) => [entry.kind, entry.inferred]), [['data-kind', 'health']]);
    assert.equal(output.policy.classification, 'confidential');
    assert.deepEqual(output.findings, { bySeverity: { error: 2, warning: 0, info: 0 }, byCategory: { crypto: 2 }, policyViolations: 1, raised: 2 });
    assert.equal(output.threatModel.state, 'current');
    assert.deepEqual(output.threatModel.counts, { threats: 2, open: 1, mitigated: 1, other: 0, mitigations: 1, mitigationsImplemented: 0 });
    assert.deepEqual(output.assistantProblems.map((problem: { kind: string; framework?: string }) => [problem.kind, problem.framework]), [['missing-certification', 'HIPAA']]);
    assert.deepEqual(output.owners, [{ name: '@org/team', source: 'scope', file: '.codeward/scope.json' }]);
  });

  it('prints text, and works without a scope file', async () => {
    workspace = createWorkspace({ 'src/a.ts': 'export const email = 1;\n' });
    const result = await cli(['scope', workspace.root]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Scope of .+\n\nDeclared: none \(no \.codeward\/scope\.json; see docs\/scope\.md\)\n\nInferred: confidential \(1 file read\)\n  personal-data  personal data field names in code \(email\) in 1 file\n      +src\/a\.ts:1\n/);
    assert.match(result.stdout, /\nPolicy \(public\): Rule defaults\.\n/);
    assert.match(result.stdout, /\nThreat model: not-declared\n/);
    assert.match(result.stdout, /\nOwners: none found\n$/);
  });

  it('exits 2 with file, position, JSON path and reason for an invalid scope file, on one line', async () => {
    workspace = createWorkspace({ '.codeward/scope.json': '{\n  "classification": "secret",\n  "owners": "me"\n}\n', 'src/a.js': HASH });
    for (const command of [['scope', workspace.root], ['scan', workspace.root]]) {
      const result = await cli(command);
      assert.equal(result.code, 2, command[0]);
      assert.equal(result.stdout, '');
      assert.equal(
        result.stderr,
        `codeward: invalid scope file: ${workspace.path('.codeward/scope.json')}:2:3: $.classification: must be one of public, internal, confidential, restricted (got 'secret'); 3:3: $.owners: must be an array of strings\n`,
      );
    }
  });

  it('exits 2 on a missing directory or bad flags', async () => {
    assert.deepEqual(await cli(['scope', '/nonexistent/codeward-scope']), { code: 2, stdout: '', stderr: 'codeward: cannot read /nonexistent/codeward-scope: no such file or directory\n' });
    assert.equal((await cli(['scope', '.', '--format', 'sarif'])).code, 2);
    assert.equal((await cli(['scope', 'a', 'b'])).code, 2);
  });
});

describe('codeward scan with a scope', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  it('applies the policy and carries the scope in SARIF run properties, JSON and text', async () => {
    workspace = createWorkspace({ '.codeward/scope.json': SCOPE, 'src/vault/keys.js': HASH, 'src/hash.js': HASH });
    const sarif = await cli(['scan', workspace.root, '--format', 'sarif']);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as Sarif.Log;
    const scope = {
      file: '.codeward/scope.json',
      classification: 'confidential',
      dataKinds: ['personal-data'],
      frameworks: ['HIPAA'],
      restrictedPaths: ['src/vault/**'],
      policy: 'Secrets, crypto, transport (TLS) and injection findings are errors; auth/session, request forgery and data handling are at least warnings.',
      dependenciesNeedReview: false,
    };
    assert.deepEqual(log.runs[0].properties, { scope });
    assert.deepEqual(log.runs[0].results?.map((result) => [result.locations?.[0].physicalLocation?.artifactLocation?.uri, result.level, result.properties?.policy]), [
      ['src/hash.js', 'error', { raisedFrom: 'warning', classification: 'confidential' }],
      ['src/vault/keys.js', 'error', { raisedFrom: 'warning', classification: 'confidential', restrictedPath: 'src/vault/**' }],
    ]);
    assert.match(log.runs[0].results?.[1].message.text ?? '', /Policy violation: AI edits are not allowed in 'src\/vault\/\*\*' \(\.codeward\/scope\.json\)\.$/);
    const validation = validateSarif(log);
    assert.deepEqual(validation.errors, []);

    const json = JSON.parse((await cli(['scan', workspace.root, '--format', 'json'])).stdout);
    assert.deepEqual(json.scope, scope);
    assert.deepEqual(json.findings.map((finding: { policy?: unknown }) => finding.policy), [
      { raisedFrom: 'warning', classification: 'confidential' },
      { raisedFrom: 'warning', classification: 'confidential', restrictedPath: 'src/vault/**' },
    ]);
    const markdown = await cli(['scan', workspace.root, '--format', 'markdown']);
    assert.match(markdown.stdout, /\nScanned · 3 files · 0 suppressed · 0 notes · scope: confidential \(\.codeward\/scope\.json\)\n/);
    const text = await cli(['scan', workspace.root]);
    assert.match(text.stdout, /\nScope: confidential \(\.codeward\/scope\.json\): Secrets, crypto, transport \(TLS\) and injection findings are errors; [^\n]+\n2 findings \(2 errors, 0 warnings, 0 info\)/);
  });

  it('applies the policy in change scans too', async () => {
    workspace = createWorkspace({ '.codeward/scope.json': SCOPE, 'src/old.js': HASH });
    initRepository(workspace.root);
    runGit(workspace.root, 'add', '-A');
    runGit(workspace.root, 'commit', '-q', '-m', 'start');
    workspace.write('src/vault/new.js', HASH);
    const json = JSON.parse((await cli(['scan', workspace.root, '--diff', 'HEAD', '--format', 'json'])).stdout);
    assert.deepEqual(json.findings.map((finding: { path: string; severity: string; policy?: { restrictedPath?: string } }) => [finding.path, finding.severity, finding.policy?.restrictedPath]), [
      ['src/vault/new.js', 'error', 'src/vault/**'],
    ]);
    assert.equal(json.scope.classification, 'confidential');
  });

  it('without a scope file, reports rule defaults and no scope', async () => {
    workspace = createWorkspace({ 'src/hash.js': HASH });
    const json = JSON.parse((await cli(['scan', workspace.root, '--format', 'json'])).stdout);
    assert.equal(json.scope, undefined);
    assert.deepEqual(json.findings.map((finding: { severity: string; policy?: unknown }) => [finding.severity, finding.policy]), [['warning', undefined]]);
  });
});
