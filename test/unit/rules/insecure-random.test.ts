import { strict as assert } from 'node:assert';
import { insecureRandom } from '../../../src/core/rules/insecure-random';
import { analyze } from '../../../src/core/engine';
import { applyEdits, combinedSafeEdits } from '../../../src/core/fixes';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const UUID_TITLE = /^Use crypto\.randomUUID\(\) \(review: the value becomes a 36-character UUID/;

const forgotPassword = lines(
  "app.post('/api/auth/forgot-password', async (req, res) => {",
  '  const user = await User.findOne({ email: req.body.email });',
  '  if (!user) return res.json({ ok: true });',
  '  const resetToken = Math.random().toString(36).substring(2, 15);',
  '  user.resetToken = resetToken;',
  '  await user.save();',
  '  await mailer.sendReset(user.email, resetToken);',
  '  res.json({ ok: true });',
  '});',
);
const loginCookie = lines(
  "router.post('/login', async (req, res) => {",
  '  const user = await authenticate(req.body.username, req.body.password);',
  "  if (!user) return res.status(401).json({ error: 'Invalid credentials' });",
  "  res.cookie('sessionId', Math.random().toString(36).slice(2), { httpOnly: true });",
  "  res.redirect('/dashboard');",
  '});',
);
const csrfField = lines('class AuthService {', '  private csrfToken = Math.random().toString(36).slice(2);', '}');
const RANDOM_INT_TITLE = /^Use .*randomInt\(.*\) \(safe: the same whole numbers/;

// Whole numbers drawn in Node code: crypto.randomInt gives the same values, reached through the file's own imports.
const esmNamespace = lines(
  "import express from 'express';",
  "import crypto from 'node:crypto';",
  '',
  'export function issueOtp(): string {',
  '  const otp = Math.floor(Math.random() * 1000000);',
  "  return crypto.createHash('sha256').update(String(otp)).digest('hex');",
  '}',
  '',
);
const commonJsRoute = lines(
  "'use strict';",
  "const express = require('express');",
  'const router = express.Router();',
  '',
  "router.post('/verify', (req, res) => {",
  '  const code = Math.floor(Math.random() * 900000) + 100000;',
  '  res.json({ sent: sendSms(req.body.phone, code) });',
  '});',
  '',
);
const esmWithoutSemicolons = lines(
  "import { randomBytes } from 'node:crypto'",
  "import { writeFile } from 'node:fs/promises'",
  '',
  'export const pin = Math.floor(Math.random() * 10000)',
  '',
);
const destructuredRequire = lines(
  "const { randomInt: secureInt } = require('node:crypto');",
  'const HEX = 16;',
  'function generateUUID() {',
  "  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {",
  '    const r = (Math.random() * HEX) | 0;',
  "    const v = c === 'x' ? r : (r & 0x3) | 0x8;",
  '    return v.toString(16);',
  '  });',
  '}',
  '',
);
const shadowedCrypto = lines(
  "const crypto = require('crypto');",
  "const fs = require('fs');",
  'function makeSessionId(crypto) {',
  '  return Math.floor(Math.random() * 1e12);',
  '}',
  '',
);

testRule(insecureRandom, {
  valid: [
    // React keys and DOM ids are UI.
    {
      code: 'export function TodoList({ todos }) {\n  return <ul>{todos.map((t) => <li key={Math.random()}>{t}</li>)}</ul>;\n}',
      filename: 'TodoList.jsx',
    },
    {
      code: lines(
        'export function Field({ label }) {',
        '  const id = useMemo(() => `field-${Math.random().toString(36).slice(2)}`, []);',
        '  return <><label htmlFor={id}>{label}</label><input id={id} /></>;',
        '}',
      ),
      filename: 'Field.jsx',
    },
    // Exponential backoff with jitter.
    'const delay = Math.min(30000, 1000 * 2 ** attempt) + Math.random() * 1000;',
    "socket.on('close', () => setTimeout(connect, 1000 + Math.random() * 4000));",
    // Shuffling a quiz, sampling logs, picking a colour.
    'const shuffled = [...questions].sort(() => Math.random() - 0.5);',
    "if (Math.random() < 0.1) logger.debug('sampled request', { path: req.path });",
    "const color = '#' + Math.floor(Math.random() * 16777215).toString(16).padStart(6, '0');",
    // Temporary and uploaded file names.
    'const tmpPath = path.join(os.tmpdir(), `upload-${Math.random().toString(36).slice(2)}.png`);',
    lines(
      'const storage = multer.diskStorage({',
      '  filename: (req, file, cb) => {',
      "    const uniqueSuffix = Date.now() + '-' + Math.round(Math.random() * 1e9);",
      "    cb(null, file.fieldname + '-' + uniqueSuffix + path.extname(file.originalname));",
      '  },',
      '});',
    ),
    // A generic helper: nothing says what it is for.
    'function getRandomInt(min: number, max: number) {\n  return Math.floor(Math.random() * (max - min + 1)) + min;\n}',
    'export const generateId = () => Math.random().toString(36).substr(2, 9);',
    // A token-making function whose random number is a jittered lifetime.
    lines(
      'function createSessionToken(user) {',
      '  const ttl = 3600 + Math.floor(Math.random() * 60);',
      '  return jwt.sign({ sub: user.id }, SECRET, { expiresIn: ttl });',
      '}',
    ),
    // Tracing ids, even inside an auth route.
    "app.post('/reset-password', (req, res) => {\n  const requestId = Math.random().toString(36).slice(2);\n  logger.info({ requestId }, 'reset requested');\n});",
    // Test data: a mock object and a test file.
    'const mockUser = { id: 1, password: Math.random().toString(36) };',
    { code: 'const token = Math.random().toString(36).slice(2);\nexpect(verify(token)).toBe(false);', filename: 'test/auth.test.ts' },
    // Graphics and games; names that only contain "key".
    'const particles = Array.from({ length: 50 }, () => ({ x: Math.random() * width, y: Math.random() * height, speed: Math.random() }));',
    'function rollDice() {\n  return Math.floor(Math.random() * 6) + 1;\n}',
    'const keyframes = { keyboard: Math.random(), monkey: Math.random() };',
  ],
  invalid: [
    {
      code: esmNamespace,
      errors: [{
        line: 5, column: 26, endColumn: 39, confidence: 'high', message: /'otp'/,
        fixes: [{
          safety: 'safe',
          title: /^Use crypto\.randomInt\(1000000\) \(safe: the same whole numbers 0 to 999999, drawn uniformly by the cryptographic generator\)$/,
          output: esmNamespace.replace('Math.floor(Math.random() * 1000000)', 'crypto.randomInt(1000000)'),
        }],
      }],
    },
    {
      // `+ 100000` is folded into the range; CommonJS gets a require before any other statement.
      code: commonJsRoute,
      filename: 'routes/verify.js',
      errors: [{
        line: 6, column: 27, endColumn: 40, confidence: 'medium',
        fixes: [{
          safety: 'safe',
          title: /^Use randomInt\(100000, 1000000\) \(safe: the same whole numbers 100000 to 999999, .*adds an import of randomInt/,
          output: commonJsRoute
            .replace("'use strict';\n", "'use strict';\nconst { randomInt } = require('crypto');\n")
            .replace('Math.floor(Math.random() * 900000) + 100000', 'randomInt(100000, 1000000)'),
        }],
      }],
    },
    {
      // An ES module gets an import after its last one, in its own style: the node: scheme, no semicolons.
      code: esmWithoutSemicolons,
      errors: [{
        line: 4, column: 31, confidence: 'high',
        fixes: [{
          safety: 'safe',
          title: RANDOM_INT_TITLE,
          output: esmWithoutSemicolons
            .replace("'node:fs/promises'\n", "'node:fs/promises'\nimport { randomInt } from 'node:crypto'\n")
            .replace('Math.floor(Math.random() * 10000)', 'randomInt(10000)'),
        }],
      }],
    },
    {
      // A renamed randomInt already required, a const size, and `| 0` for the whole part.
      code: destructuredRequire,
      filename: 'lib/uuid.js',
      errors: [{
        line: 5, column: 16, confidence: 'medium',
        fixes: [{ safety: 'safe', title: /^Use secureInt\(HEX\) \(safe: the same whole numbers 0 to 15,/, output: destructuredRequire.replace('(Math.random() * HEX) | 0', 'secureInt(HEX)') }],
      }],
    },
    {
      // The parameter `crypto` hides the module where the draw is: randomInt is imported under its own name.
      code: shadowedCrypto,
      filename: 'session.js',
      errors: [{
        line: 4, column: 21, confidence: 'high',
        fixes: [{
          safety: 'safe',
          title: RANDOM_INT_TITLE,
          output: "const { randomInt } = require('crypto');\n" + shadowedCrypto.replace('Math.floor(Math.random() * 1e12)', 'randomInt(1e12)'),
        }],
      }],
    },
    {
      // Browser code: the global crypto (Web Crypto) has no randomInt.
      code: "import React from 'react';\nexport function useOtp() {\n  const otp = Math.floor(Math.random() * 1000000);\n  return otp;\n}\n",
      filename: 'src/Otp.tsx',
      errors: [{ line: 3, column: 26, confidence: 'high' }],
    },
    {
      // A plain `crypto` import alone does not prove Node: bundlers stand in crypto-browserify, which has no randomInt.
      code: "import crypto from 'crypto';\nexport const resetCode = Math.floor(Math.random() * 1000000);\nexport const digest = crypto.createHash('sha256');\n",
      errors: [{ line: 2, column: 37, confidence: 'medium' }],
    },
    {
      // Not whole-number draws of a constant size, a name the import would clash with, a size randomInt refuses.
      code: lines(
        "import fs from 'node:fs';",
        "const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';",
        'let DIGITS = 1000000;',
        'export function generateToken() {',
        "  let token = '';",
        '  for (let i = 0; i < 32; i++) token += chars[Math.floor(Math.random() * chars.length)];',
        '  return token;',
        '}',
        'export const otp = Math.floor(Math.random() * DIGITS);',
        'export const pin = Math.round(Math.random() * 9999);',
        'export const sessionId = Math.floor(Math.random() * 1e15);',
      ),
      errors: [
        { line: 6, column: 58, confidence: 'high' },
        { line: 9, column: 31, confidence: 'high' },
        { line: 10, column: 31, confidence: 'high' },
        { line: 11, column: 37, confidence: 'high' },
      ],
    },
    {
      code: "import fs from 'node:fs';\nfunction randomInt(max: number) { return max; }\nexport const otp = Math.floor(Math.random() * 1000000);\n",
      errors: [{ line: 3, column: 31, confidence: 'high' }],
    },
    {
      code: lines(
        'export function generateToken(length = 32): string {',
        "  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';",
        "  let result = '';",
        '  for (let i = 0; i < length; i++) {',
        '    result += chars.charAt(Math.floor(Math.random() * chars.length));',
        '  }',
        '  return result;',
        '}',
      ),
      errors: [{ line: 5, column: 39, endColumn: 52, confidence: 'high', message: /^Math\.random\(\) is not cryptographically secure, so the value returned by generateToken\(\) can be predicted/ }],
    },
    {
      code: forgotPassword,
      errors: [
        {
          line: 4,
          column: 22,
          endColumn: 35,
          confidence: 'high',
          message: /'resetToken' can be predicted/,
          fixes: [{ safety: 'review', title: UUID_TITLE, output: forgotPassword.replace('Math.random().toString(36).substring(2, 15)', 'crypto.randomUUID()') }],
        },
      ],
    },
    {
      code: lines(
        'export async function sendVerificationCode(phone: string) {',
        '  const code = Math.floor(100000 + Math.random() * 900000).toString();',
        "  await redis.set(`otp:${phone}`, code, 'EX', 300);",
        '  await sms.send(phone, `Your code is ${code}`);',
        '}',
      ),
      errors: [{ line: 2, column: 36, endColumn: 49, confidence: 'medium', message: /'code' can be predicted/ }],
    },
    {
      code: "const otp = Array.from({ length: 6 }, () => Math.floor(Math.random() * 10)).join('');",
      errors: [{ line: 1, column: 56, endColumn: 69, confidence: 'high', message: /'otp'/ }],
    },
    {
      code: lines(
        'export function generateUUID() {',
        "  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {",
        '    const r = (Math.random() * 16) | 0;',
        "    const v = c === 'x' ? r : (r & 0x3) | 0x8;",
        '    return v.toString(16);',
        '  });',
        '}',
      ),
      errors: [{ line: 3, column: 16, endColumn: 29, confidence: 'medium', message: /the value returned by generateUUID\(\)/ }],
    },
    {
      code: loginCookie,
      errors: [
        {
          line: 4,
          column: 27,
          endColumn: 40,
          confidence: 'high',
          message: /'sessionId'/,
          fixes: [{ safety: 'review', output: loginCookie.replace('Math.random().toString(36).slice(2)', 'crypto.randomUUID()') }],
        },
      ],
    },
    {
      code: lines(
        'const newUser = await prisma.user.create({',
        '  data: {',
        '    email,',
        '    inviteCode: Math.random().toString(36).substring(2, 8).toUpperCase(),',
        '  },',
        '});',
      ),
      errors: [{ line: 4, column: 17, endColumn: 30, confidence: 'medium', message: /'inviteCode'/ }],
    },
    {
      code: csrfField,
      errors: [{ line: 2, column: 23, endColumn: 36, confidence: 'high', fixes: [{ safety: 'review', output: csrfField.replace('Math.random().toString(36).slice(2)', 'crypto.randomUUID()') }] }],
    },
    {
      code: lines(
        'function generatePassword(length = 12) {',
        "  const charset = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%';",
        "  let password = '';",
        '  for (let i = 0; i < length; i++) password += charset[Math.floor(Math.random() * charset.length)];',
        '  return password;',
        '}',
      ),
      errors: [{ line: 4, column: 67, endColumn: 80, confidence: 'high', message: /'password'/ }],
    },
    {
      code: "const apiKey = 'sk_' + [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');",
      errors: [{ line: 1, column: 60, endColumn: 73, confidence: 'high', message: /'apiKey'/ }],
    },
    {
      // Two Math.random() calls in one value: one finding.
      code: 'export const randomPassword = () => Math.random().toString(36).slice(-8) + Math.random().toString(36).toUpperCase().slice(-4);',
      filename: 'src/lib/password.js',
      errors: [{ line: 1, column: 37, endColumn: 50, confidence: 'high', message: /the value returned by randomPassword\(\)/ }],
    },
    {
      code: "const userToken = localStorage.getItem('token') || Math.random().toString(36).slice(2);",
      errors: [{ line: 1, column: 52, confidence: 'high', message: /'userToken'/ }],
    },
    {
      code: 'export function createInvite(email: string) {\n  return db.invites.insert({ email, code: Math.random().toString(36).slice(2, 10), createdAt: new Date() });\n}',
      errors: [{ line: 2, column: 43, confidence: 'medium', message: /'code'/ }],
    },
  ],
});

describe('insecure-random: crypto.randomInt fixes', () => {
  it('produce code that parses and, run in Node, draws the same whole numbers', () => {
    const code = "const fs = require('fs');\nmodule.exports = function nextOtpDigit() {\n  const otp = Math.floor(Math.random() * 10) + 1;\n  return otp;\n};\n";
    const [finding] = analyze(code, 'otp.js').findings.filter((found) => found.ruleId === 'insecure-random');
    const fixed = applyEdits(code, finding.fixes[0].edits);
    assert.equal(fixed, "const { randomInt } = require('crypto');\nconst fs = require('fs');\nmodule.exports = function nextOtpDigit() {\n  const otp = randomInt(1, 11);\n  return otp;\n};\n");
    assert.deepEqual(analyze(fixed, 'otp.js').notes, []);
    const module = { exports: undefined as unknown as () => number };
    new Function('require', 'module', fixed)(require, module);
    const seen = new Set<number>();
    for (let draw = 0; draw < 5000; draw++) seen.add(module.exports());
    assert.deepEqual([...seen].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('adds the import once when a fix-all applies several draws', () => {
    const code = "import fs from 'node:fs';\nexport const otp = Math.floor(Math.random() * 1000000);\nexport const resetPin = Math.floor(Math.random() * 10000);\n";
    const findings = analyze(code, 'codes.ts').findings;
    assert.deepEqual(findings.map((found) => found.fixes[0]?.safety), ['safe', 'safe']);
    const once = applyEdits(code, combinedSafeEdits(findings).edits);
    const twice = applyEdits(once, combinedSafeEdits(analyze(once, 'codes.ts').findings).edits);
    assert.equal(twice, "import fs from 'node:fs';\nimport { randomInt } from 'node:crypto';\nexport const otp = randomInt(1000000);\nexport const resetPin = randomInt(10000);\n");
    assert.deepEqual(analyze(twice, 'codes.ts').findings, []);
  });
});
