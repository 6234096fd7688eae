// Inferred scope on fixture workspaces: each kind of signal with its evidence, the proposed classification, and
// where a declaration understates.
import { strict as assert } from 'node:assert';
import { inferScope } from '../../../src/core/scope/infer';
import { compareScope } from '../../../src/core/scope/status';
import { parseScope } from '../../../src/core/scope/load';
import { scanPaths } from '../../../src/core/scan';
import { DEFAULT_CONFIG } from '../../../src/core/config/model';
import { createWorkspace, type Workspace } from '../../helpers/workspace';

const STRIPE_KEY = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;

let workspace: Workspace;

function declared(text: string) {
  const result = parseScope(text, 'scope.json').declared;
  assert.ok(result);
  return result;
}

describe('inferred scope', () => {
  afterEach(() => workspace?.remove());

  it('proposes public without signals', async () => {
    workspace = createWorkspace({ 'src/math.ts': 'export const add = (a: number, b: number) => a + b;\n', 'package.json': '{ "dependencies": { "lodash": "^4" } }' });
    const inferred = await inferScope(workspace.root);
    assert.deepEqual(inferred, {
      classification: 'public',
      dataKinds: [],
      reasons: ['public: no signal of sensitive data, credentials or regulated services'],
      signals: [],
      filesRead: 2,
    });
  });

  it('finds personal and payment field names in code, and SQL migrations, with file and line', async () => {
    workspace = createWorkspace({
      'src/users.ts': 'export interface User {\n  id: string;\n  email: string;\n  dateOfBirth: Date;\n}\n',
      'db/migrations/001_cards.sql': 'CREATE TABLE cards (\n  id serial,\n  card_number text,\n  cvv text\n);\n',
      'test/users.test.ts': 'const ssn = "000-00-0000";\n',
    });
    const inferred = await inferScope(workspace.root);
    assert.equal(inferred.classification, 'restricted');
    assert.deepEqual(inferred.dataKinds, ['payment-card', 'personal-data']);
    assert.deepEqual(inferred.signals, [
      {
        kind: 'schema-field',
        dataKind: 'payment-card',
        description: 'payment data fields in schemas or migrations (card_number, cvv) in 1 file',
        evidence: [
          { path: 'db/migrations/001_cards.sql', line: 3, excerpt: 'card_number' },
          { path: 'db/migrations/001_cards.sql', line: 4, excerpt: 'cvv' },
        ],
      },
      {
        kind: 'field-name',
        dataKind: 'personal-data',
        description: 'personal data field names in code (email, dateOfBirth) in 1 file',
        evidence: [
          { path: 'src/users.ts', line: 3, excerpt: 'email' },
          { path: 'src/users.ts', line: 4, excerpt: 'dateOfBirth' },
        ],
      },
    ]);
    assert.deepEqual(inferred.reasons, [
      'restricted: payment data fields in schemas or migrations (card_number, cvv) in 1 file',
      'confidential: personal data field names in code (email, dateOfBirth) in 1 file',
    ]);
  });

  it('reads Prisma schemas, SDKs in every manifest, keys, certificates and .env files', async () => {
    workspace = createWorkspace({
      'prisma/schema.prisma': 'model Patient {\n  id Int @id\n  diagnosis String\n}\n',
      'package.json': '{\n  "dependencies": {\n    "express": "^4",\n    "stripe": "^16"\n  }\n}\n',
      'services/auth/package.json': '{ "dependencies": { "@auth0/nextjs-auth0": "^3", "@aws-sdk/client-kms": "^3" } }',
      'certs/server.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      'certs/server.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      '.env': `NODE_ENV=production\nSTRIPE_SECRET_KEY=${STRIPE_KEY}\n`,
      '.env.example': 'STRIPE_SECRET_KEY=your-stripe-key-here\n',
    });
    const inferred = await inferScope(workspace.root);
    const summary = inferred.signals.map((signal) => [signal.kind, signal.dataKind, signal.description, signal.evidence.map((evidence) => `${evidence.path}:${evidence.line ?? ''}`)]);
    assert.deepEqual(summary, [
      ['env-credentials', 'credentials', '.env file with credentials (1 file)', ['.env:2']],
      ['certificate', 'credentials', '1 certificate committed (1 file)', ['certs/server.crt:']],
      ['private-key', 'credentials', '1 private key committed (1 file)', ['certs/server.key:']],
      ['sdk', 'payment-card', 'payment data services used: stripe (payments)', ['package.json:4']],
      ['schema-field', 'health', 'health data fields in schemas or migrations (diagnosis) in 1 file', ['prisma/schema.prisma:3']],
      ['sdk', 'personal-data', 'personal data services used: @auth0/nextjs-auth0 (identity)', ['services/auth/package.json:1']],
      ['sdk', 'credentials', 'credentials services used: @aws-sdk/client-kms (key management)', ['services/auth/package.json:1']],
    ]);
    assert.equal(inferred.classification, 'restricted');
    assert.deepEqual([...inferred.dataKinds].sort(), ['credentials', 'health', 'payment-card', 'personal-data']);
  });

  it('takes secrets from a scan report when given one, else finds provider formats itself', async () => {
    workspace = createWorkspace({ 'src/pay.ts': `export const stripe = '${STRIPE_KEY}';\nexport const jwtSecret = 'k8Tq2Zx9Lw4Vm7Np3Rb6Yc1D';\n` });
    const own = await inferScope(workspace.root);
    assert.deepEqual(own.signals.map((signal) => [signal.kind, signal.evidence]), [['secret', [{ path: 'src/pay.ts', line: 1 }]]]);
    const report = scanPaths([workspace.root], { root: workspace.root, config: { ...DEFAULT_CONFIG, rules: {}, exclude: [] } });
    const fromScan = await inferScope(workspace.root, { report });
    assert.deepEqual(fromScan.signals.map((signal) => [signal.kind, signal.description, signal.evidence]), [
      ['secret', '2 hard-coded secrets in 1 file', [{ path: 'src/pay.ts', line: 1 }, { path: 'src/pay.ts', line: 2 }]],
    ]);
  });

  it('follows the scan selection: .gitignore and excludes', async () => {
    workspace = createWorkspace({ '.gitignore': 'generated/\n', 'generated/user.ts': 'const email = 1;\n', 'legacy/user.ts': 'const email = 1;\n' });
    const inferred = await inferScope(workspace.root, { config: { ...DEFAULT_CONFIG, rules: {}, exclude: ['legacy/'] } });
    assert.deepEqual(inferred.signals, []);
  });

  it('says where a declaration understates: classification and data kinds, with evidence', async () => {
    workspace = createWorkspace({ 'src/users.ts': 'const email = user.email;\n', 'package.json': '{ "dependencies": { "stripe": "1" } }' });
    const inferred = await inferScope(workspace.root);
    const understatements = compareScope(declared('{ "classification": "internal", "dataKinds": ["personal-data"] }'), inferred);
    assert.deepEqual(understatements, [
      {
        kind: 'classification',
        declared: 'internal',
        inferred: 'restricted',
        reason: 'Declared internal, but the code suggests restricted: payment data services used: stripe (payments).',
        evidence: [{ path: 'package.json', line: 1, excerpt: 'stripe' }],
      },
      {
        kind: 'data-kind',
        inferred: 'payment-card',
        reason: 'The code handles payment-card, which dataKinds does not list: payment data services used: stripe (payments).',
        evidence: [{ path: 'package.json', line: 1, excerpt: 'stripe' }],
      },
    ]);
    assert.deepEqual(compareScope(declared('{ "classification": "restricted", "dataKinds": ["personal-data", "payment-card"] }'), inferred), []);
  });
});
