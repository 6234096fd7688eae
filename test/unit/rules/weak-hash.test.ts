import { weakHash } from '../../../src/core/rules/weak-hash';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const REVIEW_TITLE = /^Use SHA-256 \(review: hashes already stored/;

const registerRoute = lines(
  "import crypto from 'crypto';",
  '',
  "app.post('/api/register', async (req, res) => {",
  '  const { email, password } = req.body;',
  "  const hashedPassword = crypto.createHash('md5').update(password).digest('hex');",
  '  await db.users.insert({ email, password: hashedPassword });',
  '  res.status(201).json({ ok: true });',
  '});',
);
const resetToken = lines(
  "import { createHash, randomBytes } from 'node:crypto';",
  '',
  'export function createResetToken() {',
  "  const token = randomBytes(32).toString('hex');",
  "  const tokenHash = createHash('sha1').update(token).digest('hex');",
  '  return { token, tokenHash };',
  '}',
);
const hashUtil = lines(
  "import * as crypto from 'crypto';",
  '',
  'export const hashString = (input: string): string => crypto.createHash("md5").update(input).digest(\'hex\');',
);
const apiKeyCheck = lines(
  "const crypto = require('crypto');",
  '',
  'async function authenticateClient(req, res, next) {',
  "  const client = await Client.findOne({ id: req.headers['x-client-id'] });",
  "  if (!client || crypto.createHash('sha1').update(req.headers['x-api-key']).digest('hex') !== client.apiKeyHash) {",
  "    return res.status(401).json({ error: 'Unauthorized' });",
  '  }',
  '  next();',
  '}',
);
const browserHash = lines(
  'export async function hashPassword(password) {',
  "  const hashBuffer = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(password));",
  "  return Array.from(new Uint8Array(hashBuffer)).map((b) => b.toString(16).padStart(2, '0')).join('');",
  '}',
);
const sessionId = "const sessionId = require('crypto').createHash('md5').update(`${user.id}:${Date.now()}`).digest('hex');";

testRule(weakHash, {
  valid: [
    // k-anonymity prefix for the Pwned Passwords API, built in a helper named for it.
    "const crypto = require('crypto');\nfunction pwnedPrefix(password) {\n  const sha1 = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();\n  return { prefix: sha1.slice(0, 5), suffix: sha1.slice(5) };\n}",
    // Through Buffer.from / toString the destination still says what the hash is for: an ETag here.
    "import md5 from 'md5';\nexport function send(res, body) {\n  const etag = Buffer.from(md5(body)).toString('base64');\n  res.set('ETag', etag);\n}",
    { code: "const digest = crypto.createHash('md5').update(body).digest('hex');", filename: 'test/reply-trailers.test.js' },
    // Inherited names are not algorithms: lookups must not reach Object.prototype.
    'function toString(value) { return String(value); }\nconst text = toString(42);',
    'const result = constructor(input); const s = hasOwnProperty(x);',
    // A strong algorithm (password hashing strength is another matter).
    "import crypto from 'crypto';\nconst hash = crypto.createHash('sha256').update(password).digest('hex');",
    // HMAC-SHA1 is not broken as a MAC.
    "import crypto from 'crypto';\nconst signature = crypto.createHmac('sha1', process.env.WEBHOOK_SECRET).update(rawBody).digest('hex');",
    // ETag of a response body.
    lines(
      "import crypto from 'crypto';",
      "app.get('/api/report', (req, res) => {",
      '  const body = JSON.stringify(buildReport());',
      "  res.set('ETag', crypto.createHash('md5').update(body).digest('hex'));",
      '  res.send(body);',
      '});',
    ),
    // Gravatar URLs are MD5 of the e-mail address by specification.
    {
      code: lines(
        "import md5 from 'md5';",
        '',
        'export function Avatar({ email }) {',
        '  const url = `https://www.gravatar.com/avatar/${md5(email.trim().toLowerCase())}?d=identicon`;',
        '  return <img src={url} alt="avatar" />;',
        '}',
      ),
      filename: 'Avatar.jsx',
    },
    // File checksum.
    lines(
      "import fs from 'fs';",
      "import crypto from 'crypto';",
      'const fileBuffer = fs.readFileSync(filePath);',
      "const checksum = crypto.createHash('md5').update(fileBuffer).digest('hex');",
    ),
    // The WebSocket handshake mandates SHA-1.
    lines(
      "import { createHash } from 'crypto';",
      'function handleUpgrade(req, socket) {',
      "  const key = req.headers['sec-websocket-key'];",
      "  const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');",
      '  socket.write(`HTTP/1.1 101 Switching Protocols\\r\\nSec-WebSocket-Accept: ${accept}\\r\\n\\r\\n`);',
      '}',
    ),
    // Cache key built from a hash.
    lines(
      "import { createHash } from 'crypto';",
      'async function getCachedUsers(query) {',
      "  const cacheKey = `users:${createHash('md5').update(JSON.stringify(query)).digest('hex')}`;",
      '  return redis.get(cacheKey);',
      '}',
    ),
    // The Pwned Passwords range API is queried with SHA-1 by design (k-anonymity).
    lines(
      "import crypto from 'crypto';",
      'export async function isPasswordPwned(password: string): Promise<boolean> {',
      "  const sha1 = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();",
      '  const res = await fetch(`https://api.pwnedpasswords.com/range/${sha1.slice(0, 5)}`);',
      '  return (await res.text()).includes(sha1.slice(5));',
      '}',
    ),
    // The algorithm comes from configuration: nothing to say.
    "import crypto from 'crypto';\nexport function digest(data: Buffer, options: { algorithm: string }) {\n  return crypto.createHash(options.algorithm).update(data).digest('hex');\n}",
    // S3 Content-MD5 integrity header (required by the API).
    lines(
      "import crypto from 'crypto';",
      'await s3.send(new PutObjectCommand({',
      '  Bucket: bucket,',
      '  Key: key,',
      '  Body: body,',
      "  ContentMD5: crypto.createHash('md5').update(body).digest('base64'),",
      '}));',
    ),
    // crypto-js HMAC.
    "import CryptoJS from 'crypto-js';\nconst signature = CryptoJS.HmacSHA1(message, secretKey).toString(CryptoJS.enc.Base64);",
    // A strong ETag helper.
    "import crypto from 'crypto';\nfunction generateETag(body: string) {\n  return '\"' + crypto.createHash('md5').update(body).digest('hex') + '\"';\n}",
    // Upload de-duplication.
    lines(
      "import crypto from 'crypto';",
      "app.post('/upload', upload.single('file'), async (req, res) => {",
      "  const fileHash = crypto.createHash('md5').update(req.file.buffer).digest('hex');",
      '  const existing = await File.findOne({ hash: fileHash });',
      '  res.json(existing ?? (await File.create({ hash: fileHash, name: req.file.originalname })));',
      '});',
    ),
  ],
  invalid: [
    {
      // Buffer.from() only converts the hash: the constant-time comparison of a password hash is what it is for.
      code: "import crypto from 'node:crypto';\nimport md5 from 'md5';\nexport function legacyCheck(password, stored) {\n  return crypto.timingSafeEqual(Buffer.from(md5(password)), Buffer.from(stored));\n}",
      errors: [{ line: 4, column: 45, confidence: 'high', message: /^MD5 is a fast, broken hash: password hashes made with it are cracked in bulk/, fixes: [] }],
    },
    {
      code: registerRoute,
      errors: [
        {
          line: 5,
          column: 26,
          endColumn: 50,
          confidence: 'high',
          message: /^MD5 is a fast, broken hash: .* use bcrypt, scrypt or argon2\.$/,
          fixes: [{ safety: 'review', title: REVIEW_TITLE, output: registerRoute.replace("createHash('md5')", "createHash('sha256')") }],
        },
      ],
    },
    {
      code: "const md5 = require('md5');\n\nfunction hashPassword(pw) {\n  return md5(pw + process.env.SALT);\n}",
      errors: [{ line: 4, column: 10, endColumn: 36, confidence: 'high', message: /MD5 .* use bcrypt, scrypt or argon2/ }],
    },
    {
      code: resetToken,
      errors: [
        {
          line: 5,
          column: 21,
          endColumn: 39,
          confidence: 'high',
          message: /^SHA-1 is a broken hash .* does not protect this security value/,
          fixes: [{ safety: 'review', title: REVIEW_TITLE, output: resetToken.replace("createHash('sha1')", "createHash('sha256')") }],
        },
      ],
    },
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        '',
        'export function signRequest(payload: string) {',
        '  const signature = CryptoJS.MD5(payload + API_SECRET).toString();',
        '  return { payload, signature };',
        '}',
      ),
      errors: [{ line: 4, column: 21, endColumn: 55, confidence: 'high', message: /^MD5 is a broken hash/ }],
    },
    {
      code: hashUtil,
      errors: [
        {
          line: 3,
          column: 54,
          endColumn: 78,
          confidence: 'medium',
          message: /^MD5 is a broken hash with practical collisions/,
          fixes: [{ safety: 'review', output: hashUtil.replace('createHash("md5")', 'createHash("sha256")') }],
        },
      ],
    },
    {
      code: apiKeyCheck,
      errors: [
        {
          line: 5,
          column: 18,
          endColumn: 43,
          confidence: 'high',
          message: /^SHA-1 is a broken hash/,
          fixes: [{ safety: 'review', output: apiKeyCheck.replace("createHash('sha1')", "createHash('sha256')") }],
        },
      ],
    },
    {
      // The algorithm is a named constant: still flagged, no edit (the constant may be shared).
      code: lines(
        "import crypto from 'node:crypto';",
        '',
        "const HASH_ALGORITHM = 'md5';",
        '',
        'export function hashSecret(secret: string) {',
        "  return crypto.createHash(HASH_ALGORITHM).update(secret).digest('hex');",
        '}',
      ),
      errors: [{ line: 6, column: 10, endColumn: 43, confidence: 'high', message: /^MD5 is a broken hash/ }],
    },
    {
      code: browserHash,
      filename: 'hash.js',
      errors: [
        {
          line: 2,
          column: 28,
          endColumn: 93,
          confidence: 'high',
          message: /^SHA-1 is a fast, broken hash: .* argon2/,
          fixes: [{ safety: 'review', output: browserHash.replace("digest('SHA-1'", "digest('SHA-256'") }],
        },
      ],
    },
    {
      code: "import crypto from 'crypto';\nconst user = await User.create({ email, api_key_hash: crypto.createHash('sha1').update(apiKey).digest('hex') });",
      errors: [{ line: 2, column: 55, endColumn: 80, confidence: 'high', fixes: [{ safety: 'review', output: "import crypto from 'crypto';\nconst user = await User.create({ email, api_key_hash: crypto.createHash('sha256').update(apiKey).digest('hex') });" }] }],
    },
    {
      code: sessionId,
      errors: [
        {
          line: 1,
          column: 19,
          endColumn: 54,
          confidence: 'high',
          fixes: [{ safety: 'review', output: sessionId.replace("createHash('md5')", "createHash('sha256')") }],
        },
      ],
    },
  ],
});
