import { weakPasswordHashing } from '../../../src/core/rules/weak-password-hashing';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const PBKDF2_REVIEW = /^Use \d+ iterations \(review: passwords hashed with the old count verify only if each hash stores its own count\)$/;
const BCRYPT_SAFE = /^Use cost 10 \(safe: each bcrypt hash stores its own cost, so existing hashes still verify\)$/;

const pbkdf2Helper = lines(
  "import crypto from 'crypto';",
  '',
  'export function hashPassword(password: string): string {',
  "  const salt = crypto.randomBytes(16).toString('hex');",
  "  const hash = crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512').toString('hex');",
  '  return `${salt}:${hash}`;',
  '}',
);
const registerRoute = lines(
  "const bcrypt = require('bcryptjs');",
  '',
  "router.post('/register', async (req, res) => {",
  '  const { email, password } = req.body;',
  '  const hashed = await bcrypt.hash(password, 8);',
  '  await User.create({ email, password: hashed });',
  '  res.status(201).json({ ok: true });',
  '});',
);
const genSalt = lines(
  "import bcrypt from 'bcrypt';",
  'export async function hashPassword(plain: string) {',
  '  const salt = await bcrypt.genSalt(6);',
  '  return bcrypt.hash(plain, salt);',
  '}',
);
const argon = lines(
  "import argon2 from 'argon2';",
  'export const hashPassword = (password: string) =>',
  '  argon2.hash(password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 });',
);
const webCrypto = lines(
  'export async function keyFromPassword(password: string, salt: Uint8Array) {',
  "  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);",
  '  return crypto.subtle.deriveKey(',
  "    { name: 'PBKDF2', salt, iterations: 10000, hash: 'SHA-256' },",
  '    material,',
  "    { name: 'AES-GCM', length: 256 },",
  '    false,',
  "    ['encrypt', 'decrypt'],",
  '  );',
  '}',
);

testRule(weakPasswordHashing, {
  valid: [
    // Salts made per password, and constant salts for inputs that are keys, not passwords.
    "import crypto from 'crypto';\nexport function h(password) {\n  const salt = crypto.randomBytes(16);\n  return crypto.scryptSync(password, salt, 64);\n}",
    "import crypto from 'crypto';\nexport const k = crypto.pbkdf2Sync(process.env.MASTER_KEY, 'app-context', 600000, 32, 'sha256');",
    "import crypto from 'crypto';\nexport const derive = (material) => crypto.scryptSync(material, 'context', 32);",
    // Fast hashes of values that are not passwords, MD5/SHA-1 (weak-hash reports those), HMACs, test files.
    "import crypto from 'crypto';\nexport const tokenHash = (token) => crypto.createHash('sha256').update(token).digest('hex');",
    "import crypto from 'crypto';\nexport const etag = (body) => crypto.createHash('sha256').update(body).digest('base64');",
    "import crypto from 'crypto';\nexport const legacy = (password) => crypto.createHash('md5').update(password).digest('hex');",
    "import crypto from 'crypto';\nexport const mac = (password) => crypto.createHmac('sha256', KEY).update(password).digest('hex');",
    "import crypto from 'crypto';\nexport const hashed = (passwordHash) => crypto.createHash('sha256').update(passwordHash).digest('hex');",
    "const hasher = { update: (x) => x };\nexport const f = (password) => hasher.update(password);",
    { code: "import crypto from 'crypto';\nconst fixture = crypto.createHash('sha256').update(password).digest('hex');", filename: 'test/users.test.ts' },
    // Tests hash with the lowest cost for speed.
    { code: "import bcrypt from 'bcrypt';\nconst hash = await bcrypt.hash('password123', 1);", filename: 'src/__tests__/users.spec.ts' },
    // OWASP-level PBKDF2.
    "import crypto from 'crypto';\nexport const hash = (password: string, salt: string) => crypto.pbkdf2Sync(password, salt, 600000, 64, 'sha256');",
    // Count from a constant that is high enough.
    "import crypto from 'crypto';\nconst ITERATIONS = 310_000;\ncrypto.pbkdf2(password, salt, ITERATIONS, 32, 'sha256', callback);",
    // bcrypt with cost 12, comparing hashes, and a salt string as the second argument.
    lines(
      "import bcrypt from 'bcrypt';",
      'const SALT_ROUNDS = 12;',
      'export const hashPassword = (password: string) => bcrypt.hash(password, SALT_ROUNDS);',
      'export const verify = (password: string, hash: string) => bcrypt.compare(password, hash);',
      'export const rehash = (password: string, salt: string) => bcrypt.hashSync(password, salt);',
    ),
    // Cost from the environment: unknown, not guessed.
    "const bcrypt = require('bcrypt');\nconst rounds = parseInt(process.env.BCRYPT_ROUNDS || '12', 10);\nbcrypt.hash(req.body.password, rounds);",
    // scrypt and argon2 with library defaults, argon2 with one pass and 64 MiB (an OWASP-equivalent setting).
    lines(
      "import crypto from 'crypto';",
      "import argon2 from 'argon2';",
      'const key = crypto.scryptSync(password, salt, 64);',
      'const strong = crypto.scryptSync(password, salt, 64, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });',
      'const hash = await argon2.hash(password);',
      'const fast = await argon2.hash(password, { memoryCost: 2 ** 16, timeCost: 1 });',
    ),
    // Deriving a sub-key from a random master key: not a password, so no slow hash is needed.
    "import crypto from 'crypto';\nconst subKey = crypto.pbkdf2Sync(process.env.MASTER_KEY!, 'cookie-signing', 1000, 32, 'sha256');",
    "import crypto from 'crypto';\nexport const deriveKey = (apiSecret: string, salt: Buffer) => crypto.pbkdf2Sync(apiSecret, salt, 1, 32, 'sha256');",
    // Argon2 at OWASP's 19 MiB / 2 passes.
    "import * as argon2 from 'argon2';\nawait argon2.hash(pw, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });",
    // A local `hash` function that is not bcrypt.
    'function hash(text: string, n: number) { return text.repeat(n); }\nhash(password, 3);',
  ],
  invalid: [
    {
      code: "import crypto from 'crypto';\nexport function deriveKey(password: string) {\n  return crypto.scryptSync(password, 'static-salt', 32);\n}",
      errors: [{ line: 3, column: 38, endColumn: 51, confidence: 'high', message: /^scryptSync\(\) hashes the password with a salt written in the code: users with the same password get the same hash/, fixes: [] }],
    },
    {
      code: "import crypto from 'crypto';\nconst SALT = Buffer.from('pepper');\napp.post('/signup', (req, res) => {\n  const hash = crypto.pbkdf2Sync(req.body.password, SALT, 600000, 64, 'sha512');\n});",
      errors: [{ line: 4, column: 53, message: /^pbkdf2Sync\(\) hashes the password with a salt written in the code/, fixes: [] }],
    },
    {
      code: "import crypto from 'node:crypto';\nexport function hashPassword(password: string, salt: string) {\n  return crypto.createHash('sha256').update(salt + password).digest('hex');\n}",
      errors: [{ line: 3, column: 10, confidence: 'high', message: /^A password hashed with one round of SHA-256, a fast hash: .*salted or not\. Hash passwords with Argon2id, scrypt or bcrypt/, fixes: [] }],
    },
    {
      // The hash object in a variable, the data in a template, and Node's one-shot crypto.hash().
      code: "const crypto = require('crypto');\nfunction store(user) {\n  const hash = crypto.createHash('sha512');\n  hash.update(`${user.password}${PEPPER}`);\n  return crypto.hash('sha3-256', req.body.newPassword);\n}",
      errors: [
        { line: 4, column: 3, message: /one round of SHA-512/, fixes: [] },
        { line: 5, column: 10, message: /one round of SHA3-256/, fixes: [] },
      ],
    },
    {
      code: pbkdf2Helper,
      errors: [{
        line: 5, column: 50, endColumn: 54, confidence: 'high', message: /^PBKDF2 with 1000 iterations .* 210,000 iterations with SHA-512\.$/,
        fixes: [{ safety: 'review', title: PBKDF2_REVIEW, output: pbkdf2Helper.replace('salt, 1000, 64', 'salt, 210000, 64') }],
      }],
    },
    {
      code: registerRoute,
      filename: 'routes/auth.js',
      errors: [{
        line: 5, column: 46, endColumn: 47, confidence: 'high', message: /^bcrypt cost 8 is below the minimum of 10/,
        fixes: [{ safety: 'safe', title: BCRYPT_SAFE, output: registerRoute.replace('password, 8)', 'password, 10)') }],
      }],
    },
    {
      code: genSalt,
      errors: [{
        line: 3, column: 37, endColumn: 38, confidence: 'high', message: /^bcrypt cost 6/,
        fixes: [{ safety: 'safe', title: BCRYPT_SAFE, output: genSalt.replace('genSalt(6)', 'genSalt(10)') }],
      }],
    },
    {
      code: argon,
      errors: [{
        line: 3, column: 50, endColumn: 66, confidence: 'high', message: /^Argon2 with 4096 KiB of memory and 1 pass is below OWASP's minimum/,
        fixes: [{
          safety: 'safe',
          title: /^Use at least 19 MiB and 2 passes \(safe: /,
          output: argon.replace('memoryCost: 4096, timeCost: 1', 'memoryCost: 19456, timeCost: 2'),
        }],
      }],
    },
    {
      code: webCrypto,
      filename: 'crypto.tsx',
      errors: [{
        line: 4, column: 29, endColumn: 46, confidence: 'high', message: /^PBKDF2 with 10000 iterations .* 600,000 iterations with SHA-256\.$/,
        fixes: [{ safety: 'review', title: PBKDF2_REVIEW, output: webCrypto.replace('iterations: 10000', 'iterations: 600000') }],
      }],
    },
    {
      code: "const crypto = require('crypto');\nconst hash = crypto.scryptSync(password, salt, 64, { N: 1024, r: 8, p: 1 });",
      filename: 'auth.js',
      errors: [{
        line: 2, column: 54, endColumn: 61, confidence: 'high', message: /^scrypt with cost N = 1024 is below Node's default of 16384/,
        fixes: [{ safety: 'review', title: /^Use N = 16384 \(review: /, output: "const crypto = require('crypto');\nconst hash = crypto.scryptSync(password, salt, 64, { N: 16384, r: 8, p: 1 });" }],
      }],
    },
    // The count through a constant: reported where it is used, no edit of the shared constant.
    {
      code: lines(
        "import { pbkdf2 } from 'node:crypto';",
        'const PBKDF2_ITERATIONS = 10_000;',
        'export function hashSecretPhrase(phrase: string, salt: Buffer, cb: (err: Error | null, key: Buffer) => void) {',
        "  pbkdf2(phrase, salt, PBKDF2_ITERATIONS, 32, 'sha256', cb);",
        '}',
      ),
      errors: [{ line: 4, column: 24, endColumn: 41, confidence: 'medium', message: /^PBKDF2 with 10000 iterations/ }],
    },
    {
      code: "import CryptoJS from 'crypto-js';\nexport const key = CryptoJS.PBKDF2(passphrase, salt, { keySize: 256 / 32, iterations: 1000 });",
      errors: [{ line: 2, column: 75, endColumn: 91, confidence: 'high', message: /^PBKDF2 with 1000 iterations/, fixes: [{ safety: 'review', output: "import CryptoJS from 'crypto-js';\nexport const key = CryptoJS.PBKDF2(passphrase, salt, { keySize: 256 / 32, iterations: 600000 });" }] }],
    },
    // Request input hashed with a low count, whatever the variable is called.
    {
      code: lines(
        "import crypto from 'crypto';",
        "app.post('/signup', (req, res) => {",
        "  const digest = crypto.pbkdf2Sync(req.body.pw, SALT, 5000, 32, 'sha1').toString('hex');",
        '  res.json({ digest });',
        '});',
      ),
      errors: [{ line: 3, column: 55, endColumn: 59, confidence: 'high', message: /1,300,000 iterations with SHA-1/, fixes: [{ safety: 'review', output: lines(
        "import crypto from 'crypto';",
        "app.post('/signup', (req, res) => {",
        "  const digest = crypto.pbkdf2Sync(req.body.pw, SALT, 1300000, 32, 'sha1').toString('hex');",
        '  res.json({ digest });',
        '});',
      ) }] }],
    },
  ],
});
