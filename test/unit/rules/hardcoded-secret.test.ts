import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import { hardcodedSecret } from '../../../src/core/rules/hardcoded-secret';
import { analyze } from '../../../src/core/engine';
import { RULES } from '../../../src/core/rules';
import { envVarName, findProviderSecret, looksRandom, maskSecret, secretNameKind, shannonEntropy } from '../../../src/core/secrets';
import { InvalidCase, testRule } from '../../helpers/rule-tester';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

/**
 * Deterministic pseudo-random text (mulberry32). Fake credentials are assembled at run time from a prefix and this,
 * so the repository never holds a literal that looks like a real key; the analysed snippets hold the full value.
 */
function fake(length: number, seed: number, alphabet = ALNUM): string {
  let state = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out += alphabet[((t ^ (t >>> 14)) >>> 0) % alphabet.length];
  }
  return out;
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

const GITHUB = 'ghp_' + fake(36, 1);
const STRIPE_LIVE = 'sk_' + 'live_' + fake(24, 2);
const STRIPE_TEST = 'sk_' + 'test_' + fake(24, 3);
const AWS_ID = 'AKIA' + fake(16, 4, UPPER);
const AWS_SECRET = fake(20, 5) + '/' + fake(19, 6);
const OPENAI = 'sk-' + 'proj-' + fake(48, 7);
const ANTHROPIC = 'sk-' + 'ant-api03-' + fake(93, 8);
const SLACK_HOOK = 'https://hooks.' + 'slack.com/services/T' + fake(8, 9, UPPER) + '/B' + fake(8, 10, UPPER) + '/' + fake(24, 11);
const GOOGLE = 'AI' + 'za' + fake(35, 12);
const PEM_BODY = [fake(64, 13), fake(64, 14), fake(40, 15)];
const DB_PASSWORD = fake(18, 16);
const MONGO_PASSWORD = fake(14, 17);
const BEARER = fake(40, 18);
const NPM = 'npm_' + fake(36, 19);
const SENDGRID = 'SG.' + fake(22, 20) + '.' + fake(43, 21);
const SERVICE_ROLE = `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url('{"iss":"supabase","role":"service_role","iat":1700000000}')}.${fake(43, 22)}`;
const ANON_KEY = `${base64url('{"alg":"HS256","typ":"JWT"}')}.${base64url('{"iss":"supabase","role":"anon","iat":1700000000}')}.${fake(43, 23)}`;
const SENDGRID_GENERIC = fake(40, 24);
const HEX_SECRET = fake(64, 25, HEX);
const PUBLISHABLE = 'pk_' + 'live_' + fake(24, 26);
const EC_PUBLIC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

interface SecretCase extends InvalidCase {
  /** The sensitive text; no message may show it. */
  secret: string;
}

const invalid: SecretCase[] = [
  {
    code: `import { Octokit } from '@octokit/rest';\nconst octokit = new Octokit({ auth: '${GITHUB}' });`,
    secret: GITHUB,
    errors: [
      {
        line: 2,
        column: 37,
        endColumn: 37 + GITHUB.length + 2,
        confidence: 'high',
        message: /^Hard-coded GitHub token \(ghp_…\(40 chars\)\): anyone who can read the code/,
        fixes: [
          {
            safety: 'review',
            title: /^Read it from process\.env\.GITHUB_TOKEN \(review: GITHUB_TOKEN must then be set in the environment/,
            output: `import { Octokit } from '@octokit/rest';\nconst octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });`,
          },
        ],
      },
    ],
  },
  {
    code: `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${STRIPE_LIVE}', { apiVersion: '2024-06-20' });`,
    secret: STRIPE_LIVE,
    errors: [
      {
        line: 3,
        column: 34,
        confidence: 'high',
        message: /Stripe live secret key \(sk_l…\(32 chars\)\)/,
        fixes: [{ safety: 'review', output: `import Stripe from 'stripe';\n\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });` }],
      },
    ],
  },
  {
    // Test-mode keys reach only test data: reported, at low confidence.
    code: `class Billing {\n  private stripeSecretKey = '${STRIPE_TEST}';\n}`,
    secret: STRIPE_TEST,
    errors: [
      {
        line: 2,
        column: 29,
        confidence: 'low',
        message: /Stripe test-mode secret key/,
        fixes: [{ safety: 'review', output: 'class Billing {\n  private stripeSecretKey = process.env.STRIPE_SECRET_KEY;\n}' }],
      },
    ],
  },
  {
    code: `const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: {\n    accessKeyId: '${AWS_ID}',\n    secretAccessKey: '${AWS_SECRET}',\n  },\n});`,
    secret: AWS_SECRET,
    errors: [
      {
        line: 4,
        column: 18,
        endColumn: 40,
        confidence: 'high',
        message: /AWS access key id \(AKIA…\(20 chars\)\)/,
        fixes: [{ safety: 'review', output: `const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: {\n    accessKeyId: process.env.AWS_ACCESS_KEY_ID,\n    secretAccessKey: '${AWS_SECRET}',\n  },\n});` }],
      },
      {
        line: 5,
        column: 22,
        confidence: 'high',
        message: /AWS secret access key/,
        fixes: [{ safety: 'review', output: `const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: {\n    accessKeyId: '${AWS_ID}',\n    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,\n  },\n});` }],
      },
    ],
  },
  {
    code: `import OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey: \`${OPENAI}\` });`,
    secret: OPENAI,
    errors: [
      {
        line: 2,
        column: 37,
        confidence: 'high',
        message: /OpenAI API key \(sk-p…\(56 chars\)\)/,
        fixes: [{ safety: 'review', output: `import OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });` }],
      },
    ],
  },
  {
    // An UPPER_SNAKE name is kept as the environment variable.
    code: `export const ANTHROPIC_KEY = '${ANTHROPIC}';`,
    secret: ANTHROPIC,
    errors: [{ line: 1, column: 30, confidence: 'high', message: /Anthropic API key/, fixes: [{ safety: 'review', output: 'export const ANTHROPIC_KEY = process.env.ANTHROPIC_KEY;' }] }],
  },
  {
    code: `async function notify(text: string) {\n  await fetch('${SLACK_HOOK}', { method: 'POST', body: JSON.stringify({ text }) });\n}`,
    secret: SLACK_HOOK,
    errors: [
      {
        line: 2,
        column: 15,
        confidence: 'high',
        message: /Slack incoming webhook URL \(http…\(\d+ chars\)\)/,
        fixes: [{ safety: 'review', output: `async function notify(text: string) {\n  await fetch(process.env.SLACK_WEBHOOK_URL, { method: 'POST', body: JSON.stringify({ text }) });\n}` }],
      },
    ],
  },
  {
    // Firebase web configs ship to browsers by design: low.
    code: `const firebaseConfig = {\n  apiKey: '${GOOGLE}',\n  authDomain: 'shop-app.firebaseapp.com',\n  projectId: 'shop-app',\n};`,
    secret: GOOGLE,
    errors: [{ line: 2, column: 11, confidence: 'low', message: /Google API key \(AIza…\(39 chars\)\)/, fixes: [{ safety: 'review', output: "const firebaseConfig = {\n  apiKey: process.env.GOOGLE_API_KEY,\n  authDomain: 'shop-app.firebaseapp.com',\n  projectId: 'shop-app',\n};" }] }],
  },
  {
    code: `export function StoreMap() {\n  return <GoogleMap apiKey="${GOOGLE}" zoom={12} />;\n}`,
    filename: 'StoreMap.tsx',
    secret: GOOGLE,
    errors: [
      {
        line: 2,
        column: 28,
        confidence: 'high',
        message: /Google API key/,
        fixes: [{ safety: 'review', output: 'export function StoreMap() {\n  return <GoogleMap apiKey={process.env.GOOGLE_API_KEY} zoom={12} />;\n}' }],
      },
    ],
  },
  {
    code: `const signingKey = \`-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY.join('\n')}\n-----END RSA PRIVATE KEY-----\`;\nexport const sign = (data: string) => crypto.sign('sha256', Buffer.from(data), signingKey);`,
    secret: PEM_BODY[0],
    errors: [
      {
        line: 1,
        column: 20,
        endLine: 5,
        confidence: 'high',
        message: /^Hard-coded private key \(----…\(\d+ chars\)\)/,
        fixes: [{ safety: 'review', output: "const signingKey = process.env.PRIVATE_KEY;\nexport const sign = (data: string) => crypto.sign('sha256', Buffer.from(data), signingKey);" }],
      },
    ],
  },
  {
    code: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: 'postgres://shop:${DB_PASSWORD}@db.prod.example.com:5432/shop' });`,
    secret: DB_PASSWORD,
    errors: [
      {
        line: 2,
        column: 50,
        confidence: 'high',
        message: /PostgreSQL connection string with a password \(post…\(\d+ chars\)\)/,
        fixes: [{ safety: 'review', output: "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });" }],
      },
    ],
  },
  {
    // A fallback behind process.env: the fix drops the fallback.
    code: `await mongoose.connect(process.env.MONGODB_URI || 'mongodb+srv://admin:${MONGO_PASSWORD}@cluster0.x1y2z.mongodb.net/shop');`,
    secret: MONGO_PASSWORD,
    errors: [
      {
        line: 1,
        column: 51,
        confidence: 'high',
        message: /MongoDB connection string with a password/,
        fixes: [{ safety: 'review', title: /^Remove the hard-coded fallback \(review: MONGODB_URI must then be set/, output: 'await mongoose.connect(process.env.MONGODB_URI);' }],
      },
    ],
  },
  {
    code: "import session from 'express-session';\napp.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true }));",
    secret: 'keyboard cat',
    errors: [
      {
        line: 2,
        column: 27,
        endColumn: 41,
        confidence: 'high',
        message: /^Hard-coded session secret \(keyb…\(12 chars\)\): anyone who reads the code can forge session cookies/,
        fixes: [{ safety: 'review', output: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: true }));" }],
      },
    ],
  },
  {
    code: "import jwt from 'jsonwebtoken';\n\nexport const issue = (user: { id: string }) => jwt.sign({ sub: user.id }, 'mysecret', { expiresIn: '1h' });",
    secret: 'mysecret',
    errors: [
      {
        line: 3,
        column: 75,
        confidence: 'high',
        // Short values show at most a third of their characters.
        message: /^Hard-coded JWT secret \(my…\(8 chars\)\): anyone who reads the code can forge tokens/,
        fixes: [{ safety: 'review', output: "import jwt from 'jsonwebtoken';\n\nexport const issue = (user: { id: string }) => jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });" }],
      },
    ],
  },
  {
    // The classic AI-written fallback: used in production whenever the variable is missing.
    code: "const { verify } = require('jsonwebtoken');\nconst claims = verify(token, process.env.JWT_SECRET || 'your-secret-key');",
    secret: 'your-secret-key',
    errors: [
      {
        line: 2,
        column: 56,
        confidence: 'medium',
        message: /^Hard-coded fallback JWT secret \(your…\(15 chars\)\) is used whenever the configured one is missing/,
        fixes: [{ safety: 'review', output: "const { verify } = require('jsonwebtoken');\nconst claims = verify(token, process.env.JWT_SECRET);" }],
      },
    ],
  },
  {
    code: "export const JWT_SECRET = 'my-secret-key';",
    secret: 'my-secret-key',
    errors: [{ line: 1, column: 27, confidence: 'medium', message: /^Hard-coded JWT secret in 'JWT_SECRET' \(my-s…\(13 chars\)\)/, fixes: [{ safety: 'review', output: 'export const JWT_SECRET = process.env.JWT_SECRET;' }] }],
  },
  {
    // After `process.env.X ||` even a single word is the key in use whenever the variable is unset.
    code: "const JWT_SECRET = process.env.JWT_SECRET || 'supersecret';",
    secret: 'supersecret',
    errors: [{ line: 1, column: 46, confidence: 'medium', message: /^Hard-coded JWT secret in 'JWT_SECRET' \(sup…\(11 chars\)\)/, fixes: [{ safety: 'review', output: 'const JWT_SECRET = process.env.JWT_SECRET;' }] }],
  },
  {
    code: "const authConfig = { tokenSecret: 'replace-with-a-long-random-string', expiresIn: '7d' };",
    secret: 'replace-with-a-long-random-string',
    errors: [{ line: 1, column: 35, confidence: 'low', message: /^Placeholder-looking JWT secret in 'tokenSecret'/, fixes: [{ safety: 'review', output: "const authConfig = { tokenSecret: process.env.TOKEN_SECRET, expiresIn: '7d' };" }] }],
  },
  {
    code: "const dbConfig = {\n  host: 'db.internal',\n  user: 'shop',\n  password: 'Xk9#mP2vL7qQ',\n};\nexport const connection = mysql.createConnection(dbConfig);",
    secret: 'Xk9#mP2vL7qQ',
    errors: [
      {
        line: 4,
        column: 13,
        confidence: 'medium',
        message: /^Hard-coded password in 'password' \(Xk9#…\(12 chars\)\): anyone who can read the code or its history can log in with it\.$/,
        fixes: [
          {
            safety: 'review',
            title: /^Read it from process\.env\.DB_PASSWORD \(review: DB_PASSWORD must then be set in the environment/,
            output: "const dbConfig = {\n  host: 'db.internal',\n  user: 'shop',\n  password: process.env.DB_PASSWORD,\n};\nexport const connection = mysql.createConnection(dbConfig);",
          },
        ],
      },
    ],
  },
  {
    // A generic high-entropy value under a provider-specific name.
    code: `const sendgridApiKey = '${SENDGRID_GENERIC}';`,
    secret: SENDGRID_GENERIC,
    errors: [{ line: 1, column: 24, confidence: 'medium', message: /^Hard-coded API key in 'sendgridApiKey'/, fixes: [{ safety: 'review', output: 'const sendgridApiKey = process.env.SENDGRID_API_KEY;' }] }],
  },
  {
    code: `const res = await axios.get(url, { headers: { Authorization: 'Bearer ${BEARER}' } });`,
    secret: BEARER,
    errors: [
      {
        line: 1,
        column: 62,
        confidence: 'medium',
        message: /^Hard-coded bearer token in 'Authorization' \(Bear…\(47 chars\)\)/,
        fixes: [{ safety: 'review', output: 'const res = await axios.get(url, { headers: { Authorization: `Bearer ${process.env.API_TOKEN}` } });' }],
      },
    ],
  },
  {
    // A built-in login: input compared with a literal password.
    code: "app.post('/admin/login', (req, res) => {\n  if (req.body.password === 'Adm1n!2024') return res.json({ ok: true });\n  res.sendStatus(401);\n});",
    secret: 'Adm1n!2024',
    errors: [
      {
        line: 2,
        column: 29,
        confidence: 'medium',
        message: /^Hard-coded password compared with 'password'/,
        fixes: [{ safety: 'review', output: "app.post('/admin/login', (req, res) => {\n  if (req.body.password === process.env.PASSWORD) return res.json({ ok: true });\n  res.sendStatus(401);\n});" }],
      },
    ],
  },
  {
    code: "import cookieParser from 'cookie-parser';\napp.use(cookieParser('s3cr3t-cookie-key'));",
    secret: 's3cr3t-cookie-key',
    errors: [{ line: 2, column: 22, confidence: 'high', message: /^Hard-coded cookie-signing secret/, fixes: [{ safety: 'review', output: "import cookieParser from 'cookie-parser';\napp.use(cookieParser(process.env.COOKIE_SECRET));" }] }],
  },
  {
    code: "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('shop', 'root', 'Qw8!zR4#tY', { dialect: 'mysql' });",
    secret: 'Qw8!zR4#tY',
    errors: [{ line: 2, column: 56, confidence: 'medium', message: /^Hard-coded password in 'password'/, fixes: [{ safety: 'review', output: "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize('shop', 'root', process.env.DB_PASSWORD, { dialect: 'mysql' });" }] }],
  },
  {
    // The secret inside a longer string: the fix keeps the text around it.
    code: `fs.writeFileSync('.npmrc', '//registry.npmjs.org/:_authToken=${NPM}\\n');`,
    secret: NPM,
    errors: [
      {
        line: 1,
        column: 28,
        confidence: 'high',
        message: /npm access token \(npm_…\(40 chars\)\)/,
        fixes: [{ safety: 'review', output: "fs.writeFileSync('.npmrc', `//registry.npmjs.org/:_authToken=${process.env.NPM_TOKEN}\n`);" }],
      },
    ],
  },
  {
    // Provider formats are reported in test files too.
    code: `const client = new Octokit({ auth: '${GITHUB}' });`,
    filename: 'src/__tests__/github.test.ts',
    secret: GITHUB,
    errors: [{ line: 1, column: 36, confidence: 'high', fixes: [{ safety: 'review', output: 'const client = new Octokit({ auth: process.env.GITHUB_TOKEN });' }] }],
  },
  {
    code: `const transporter = nodemailer.createTransport({\n  host: 'smtp.sendgrid.net',\n  auth: { user: 'apikey', pass: '${SENDGRID}' },\n});`,
    secret: SENDGRID,
    errors: [{ line: 3, column: 33, confidence: 'high', message: /SendGrid API key \(SG\.\w…\(69 chars\)\)/, fixes: [{ safety: 'review', output: "const transporter = nodemailer.createTransport({\n  host: 'smtp.sendgrid.net',\n  auth: { user: 'apikey', pass: process.env.SENDGRID_API_KEY },\n});" }] }],
  },
  {
    // A Supabase service-role key bypasses row-level security.
    code: `const supabaseAdmin = createClient(SUPABASE_URL, '${SERVICE_ROLE}');`,
    secret: SERVICE_ROLE,
    errors: [{ line: 1, column: 50, confidence: 'high', message: /JSON Web Token/, fixes: [{ safety: 'review', output: 'const supabaseAdmin = createClient(SUPABASE_URL, process.env.API_TOKEN);' }] }],
  },
  {
    // Letters and digits only: a weak but real password, low confidence.
    code: "const ADMIN_PASSWORD = 'letmein42';",
    secret: 'letmein42',
    errors: [{ line: 1, column: 24, confidence: 'low', message: /^Hard-coded password in 'ADMIN_PASSWORD' \(let…\(9 chars\)\)/, fixes: [{ safety: 'review', output: 'const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD;' }] }],
  },
  {
    code: "import NextAuth from 'next-auth';\nexport default NextAuth({ providers: [], secret: 'a-very-long-nextauth-secret' });",
    secret: 'a-very-long-nextauth-secret',
    errors: [{ line: 2, column: 50, confidence: 'high', message: /^Hard-coded NextAuth secret/, fixes: [{ safety: 'review', output: "import NextAuth from 'next-auth';\nexport default NextAuth({ providers: [], secret: process.env.NEXTAUTH_SECRET });" }] }],
  },
  {
    // Setting the environment from code: reported, with no fix to offer.
    code: `process.env.ENCRYPTION_KEY = '${HEX_SECRET}';`,
    secret: HEX_SECRET,
    errors: [{ line: 1, column: 30, confidence: 'medium', message: /^Hard-coded secret key in 'ENCRYPTION_KEY'/ }],
  },
];

const valid: (string | { code: string; filename?: string })[] = [
  // Read from the environment or a secret store.
  'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" });',
  "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET as string, { expiresIn: '1h' });",
  "app.use(session({ secret: config.get('session.secret'), resave: false }));",
  'const secret = crypto.randomBytes(32).toString("hex");',
  // Placeholders.
  "const apiKey = 'your-api-key-here';",
  "const OPENAI_API_KEY = '<YOUR_OPENAI_API_KEY>';",
  "const config = { apiKey: '${API_KEY}', password: 'changeme', token: 'xxxxxxxxxxxxxxxx' };",
  `const client = new OpenAI({ apiKey: 'sk-...' });\nconst gh = 'ghp_' + 'x'.repeat(36);\nconst placeholder = 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';`,
  "const AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';",
  "const config = { password: 'password123', dbPassword: 'test-password' };",
  // UI text, labels and i18n.
  "errors.password = 'Password must be at least 8 characters';\nconst labels = { apiKey: 'API key', token: 'Access token', password: 'Mot de passe', secret: 'Geheimnis' };",
  { code: 'export const Login = () => <input type="password" name="password" placeholder="Enter your password" autoComplete="current-password" />;', filename: 'Login.tsx' },
  // Names, types and shapes that are not secrets.
  "const opts = { tokenType: 'Bearer', secretName: 'prod/db', password: '', credentials: 'include' };",
  "const TOKEN_STORAGE_KEY = 'auth_token';\nlocalStorage.setItem(TOKEN_STORAGE_KEY, token);",
  "const tls = { privateKey: './certs/server.key', cert: './certs/server.crt' };",
  "const rules = { password: 'required|min:8|max:64', passwordRegex: '^(?=.*[A-Z])(?=.*\\\\d).{8,}$' };",
  "const UserSchema = new Schema({ password: { type: String, required: [true, 'Password is required'], select: false } });",
  "const { data } = await youtube.search.list({ part: ['snippet'], pageToken: nextPageToken || 'CAoQAA' });",
  // Hashes of secrets and digests of public data.
  "await prisma.user.create({ data: { email: 'admin@example.com', password: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' } });",
  "const integrity = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';",
  // Local development defaults and credential-free URLs.
  "const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres:postgres@localhost:5432/app' });",
  "const redis = new Redis(process.env.REDIS_URL || 'redis://localhost:6379');",
  { code: "export const Hero = () => <img src=\"https://firebasestorage.googleapis.com/v0/b/shop.appspot.com/o/hero.png?alt=media&token=3f6c2a9e-8b1d-4e7a-9c5f-2d8e6b4a1c7f\" alt=\"\" />;", filename: 'Hero.tsx' },
  "const uri = 'mongodb+srv://admin:<password>@cluster0.mongodb.net/shop';",
  // PEM markers used to parse keys, not keys.
  "const body = pem.replace('-----BEGIN RSA PRIVATE KEY-----', '').replace('-----END RSA PRIVATE KEY-----', '').trim();",
  // Public by design.
  `const supabase = createClient(SUPABASE_URL, '${ANON_KEY}');\nconst supabaseAnonKey = '${ANON_KEY}';`,
  `const stripePromise = loadStripe('${PUBLISHABLE}');\nconst STRIPE_PUBLISHABLE_KEY = '${PUBLISHABLE}';`,
  `const keys = [{ keyid: 'SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA', key: '${EC_PUBLIC_KEY}' }];`,
  // Generic secrets in tests are made up.
  { code: "const token = jwt.sign({ sub: '1' }, 'test-secret');\nconst user = { password: 'Xk9#mP2vL7qQ' };", filename: 'src/auth/__tests__/auth.test.ts' },
  { code: "export const seedUser = { email: 'a@b.co', password: 'Zx8#kLp2Qw!' };", filename: 'test/fixtures/users.ts' },
  // Comparisons that are not credential checks.
  "if (typeof token === 'string' && field.type === 'password' && auth.scheme === 'Bearer') {}",
  // Config keys, variable names and schema types.
  "const JWT_SECRET = 'JWT_SECRET';\nconst jwtSecret = config.get<string>('jwt.secret');\nconst settings = { jwtSecret: 'jwt.secret' };",
  "const envSchema = { JWT_SECRET: 'string', SESSION_SECRET: 'required', DB_PASSWORD: 'string' };",
  // Keys split over concatenations are not literals of the format.
  "const token = 'ghp_' + suffix;",
];

testRule(hardcodedSecret, { valid, invalid });

describe('hardcoded-secret messages', () => {
  const settings = Object.fromEntries(RULES.filter((rule) => rule !== hardcodedSecret).map((rule) => [rule.meta.id, 'off' as const]));
  invalid.forEach((entry, index) => {
    it(`invalid #${index + 1} never shows the secret`, () => {
      const { findings } = analyze(entry.code, entry.filename ?? 'file.ts', { rules: settings });
      assert.ok(findings.length > 0);
      for (const finding of findings) {
        assert.ok(!finding.message.includes(entry.secret), finding.message);
        const shown = /\(([^()]*)…\((\d+) chars\)\)/.exec(finding.message);
        assert.ok(shown, `masked value in: ${finding.message}`);
        assert.ok(shown[1].length <= 4 && shown[1].length <= Math.floor(Number(shown[2]) / 3), `too much shown: ${shown[1]}`);
      }
    });
  });
});

describe('secrets helpers', () => {
  it('masks with at most four characters and the length', () => {
    assert.equal(maskSecret(GITHUB), 'ghp_…(40 chars)');
    assert.equal(maskSecret('hunter2'), 'hu…(7 chars)');
    assert.equal(maskSecret('abc'), 'a…(3 chars)');
    assert.equal(maskSecret('ab'), '…(2 chars)');
  });

  it('derives environment variable names', () => {
    assert.equal(envVarName('stripeSecretKey'), 'STRIPE_SECRET_KEY');
    assert.equal(envVarName('x-api-key'), 'API_KEY');
    assert.equal(envVarName('DB_PASSWORD'), 'DB_PASSWORD');
    assert.equal(envVarName('OAuthClientSecret'), 'O_AUTH_CLIENT_SECRET');
  });

  it('reads secret-ness from the last word of a name', () => {
    assert.equal(secretNameKind('dbPassword'), 'password');
    assert.equal(secretNameKind('JWT_SECRET'), 'signing');
    assert.equal(secretNameKind('sessionSecret'), 'signing');
    assert.equal(secretNameKind('clientSecret'), 'secret');
    assert.equal(secretNameKind('apiKey'), 'secret');
    for (const name of ['secretName', 'passwordLabel', 'tokenType', 'apiKeyHeader', 'publicKey', 'cacheKey', 'nextPageToken', 'siteKey']) {
      assert.equal(secretNameKind(name), undefined, name);
    }
  });

  it('tells generated values from written ones', () => {
    assert.ok(shannonEntropy('aaaa') === 0);
    assert.ok(looksRandom(fake(32, 40)));
    assert.ok(looksRandom(fake(64, 41, HEX)));
    for (const text of ['super-secret-jwt-key-2024', 'application/json', 'authorization_code', 'AbCdEfGhIjKlMnOpQrSt', '1234567890abcdef', 'a1b2c3d4e5f6g7h8i9j0']) {
      assert.ok(!looksRandom(text), text);
    }
  });

  it('finds provider formats and skips placeholder bodies', () => {
    assert.equal(findProviderSecret(`token=${GITHUB}`)?.id, 'github-token');
    assert.equal(findProviderSecret(`token=${GITHUB}`)?.index, 6);
    assert.equal(findProviderSecret('ghp_' + 'abcdefghijklmnopqrstuvwxyz0123456789'), undefined);
    const userJwt = `${base64url('{"alg":"HS256"}')}.${base64url('{"sub":"42","iat":1700000000}')}.${fake(43, 42)}`;
    assert.equal(findProviderSecret(userJwt), undefined, 'a JWT needs a token-ish name');
    assert.equal(findProviderSecret(userJwt, { name: 'accessToken' })?.confidence, 'medium');
    assert.equal(findProviderSecret(SERVICE_ROLE)?.confidence, 'high');
  });
});
