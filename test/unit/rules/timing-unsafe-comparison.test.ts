import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { analyze } from '../../../src/core/engine';
import { timingUnsafeComparison } from '../../../src/core/rules/timing-unsafe-comparison';
import { applyFix, testRule } from '../../helpers/rule-tester';

const SAFE = (left: string, right: string): string =>
  `((a, b) => a.length > 0 && a.length === b.length && crypto.timingSafeEqual(a, b))(Buffer.from(String(${left} ?? '')), Buffer.from(String(${right} ?? '')))`;

const EXACT = /^Compare in constant time with (?:crypto\.)?timingSafeEqual \(safe: the same result for every value, since the digest is ASCII text/;
const exact = (provided: string, digest: string, callee = 'crypto.timingSafeEqual'): string =>
  `(typeof ${provided} === 'string' && Buffer.byteLength(${provided}) === Buffer.byteLength(${digest}) && ${callee}(Buffer.from(${provided}), Buffer.from(${digest})))`;

/** A GitHub-style webhook handler in an Express app; `compare` is the line that checks the signature. */
const webhook = (compare: string, digestLine = "  const digest = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');"): string =>
  [
    "import express from 'express';",
    "import crypto from 'node:crypto';",
    'const app = express();',
    "app.post('/webhook', express.raw({ type: 'application/json' }), (req, res) => {",
    "  const signature = req.headers['x-hub-signature-256'];",
    digestLine,
    compare,
    '  res.sendStatus(204);',
    '});',
  ].join('\n');

testRule(timingUnsafeComparison, {
  valid: [
    // Presence and type checks.
    "app.use((req, res, next) => {\n  const apiKey = req.headers['x-api-key'];\n  if (!apiKey || apiKey === undefined || typeof apiKey !== 'string') return res.sendStatus(401);\n  next();\n});",
    // Already constant time.
    [
      "import crypto from 'node:crypto';",
      "app.post('/webhook', (req, res) => {",
      "  const signature = Buffer.from(req.get('x-signature') ?? '', 'hex');",
      "  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET!).update(req.rawBody).digest();",
      '  if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return res.sendStatus(401);',
      '  res.sendStatus(204);',
      '});',
    ].join('\n'),
    // Role and state strings are not secrets.
    "app.patch('/orders/:id', (req, res) => {\n  if (req.body.status === order.status) return res.sendStatus(304);\n  if (req.user.role !== 'admin') return res.sendStatus(403);\n});",
    // Plain passwords are for the password-hashing rules, not this one.
    "app.post('/signup', (req, res) => {\n  if (req.body.password !== req.body.confirmPassword) return res.status(400).send('Passwords differ');\n});",
    // CSRF tokens are compared by the CSRF middleware; not treated as a timing secret.
    "app.post('/settings', (req, res) => {\n  if (req.body._csrf !== req.session.csrfToken) return res.sendStatus(403);\n});",
    // Two values of unknown origin: a cache check, not authentication.
    'function refresh(newToken: string) {\n  if (this.accessToken === newToken) return;\n  this.accessToken = newToken;\n}',
    // A file checksum is public.
    "const digest = crypto.createHash('sha256').update(file).digest('hex');\nif (digest !== manifest.sha256) throw new Error('Corrupt download');",
    // Comparing lengths first is not comparing the secret.
    "app.get('/admin', (req, res) => {\n  if (req.query.token.length !== process.env.ADMIN_TOKEN.length) return res.sendStatus(403);\n});",
    // A hard-coded default check on configuration.
    "const DEFAULT_SECRET = 'change-me';\nif (process.env.SESSION_SECRET === DEFAULT_SECRET) console.warn('Using the default session secret');",
  ],
  invalid: [
    {
      code: "const crypto = require('crypto');\napp.use('/api', (req, res, next) => {\n  if (req.headers['x-api-key'] !== process.env.API_KEY) {\n    return res.status(401).json({ error: 'Unauthorized' });\n  }\n  next();\n});",
      errors: [
        {
          line: 3,
          column: 7,
          endColumn: 55,
          confidence: 'high',
          message: /Comparing the secret `process\.env\.API_KEY` with !== stops at the first differing character/,
          fixes: [
            {
              safety: 'review',
              title: /crypto\.timingSafeEqual \(review: /,
              output: `const crypto = require('crypto');\napp.use('/api', (req, res, next) => {\n  if (!${SAFE("req.headers['x-api-key']", 'process.env.API_KEY')}) {\n    return res.status(401).json({ error: 'Unauthorized' });\n  }\n  next();\n});`,
            },
          ],
        },
      ],
    },
    {
      // GitHub webhook verification with a string comparison.
      code: [
        "import crypto from 'crypto';",
        "router.post('/github', express.raw({ type: 'application/json' }), (req, res) => {",
        "  const signature = req.get('X-Hub-Signature-256');",
        "  const hmac = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET);",
        "  const digest = 'sha256=' + hmac.update(req.body).digest('hex');",
        '  if (signature !== digest) return res.status(401).end();',
        '  handle(JSON.parse(req.body));',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 6,
          column: 7,
          confidence: 'high',
          message: /Comparing an HMAC signature with !==/,
          fixes: [{ safety: 'review', output: [
            "import crypto from 'crypto';",
            "router.post('/github', express.raw({ type: 'application/json' }), (req, res) => {",
            "  const signature = req.get('X-Hub-Signature-256');",
            "  const hmac = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET);",
            "  const digest = 'sha256=' + hmac.update(req.body).digest('hex');",
            `  if (!${SAFE('signature', 'digest')}) return res.status(401).end();`,
            '  handle(JSON.parse(req.body));',
            '});',
          ].join('\n') }],
        },
      ],
    },
    {
      // A verification helper: the signature's origin is not visible, the HMAC is.
      code: "import { createHmac, timingSafeEqual } from 'node:crypto';\nexport function verifySignature(payload: string, signature: string, secret: string): boolean {\n  const expected = createHmac('sha256', secret).update(payload).digest('hex');\n  return expected === signature;\n}",
      errors: [
        {
          line: 4,
          column: 10,
          confidence: 'medium',
          // A hex digest against a parameter, in Node code (node: scheme): the exact constant-time form.
          fixes: [{ safety: 'safe', title: EXACT, output: "import { createHmac, timingSafeEqual } from 'node:crypto';\nexport function verifySignature(payload: string, signature: string, secret: string): boolean {\n  const expected = createHmac('sha256', secret).update(payload).digest('hex');\n  return (typeof signature === 'string' && Buffer.byteLength(signature) === Buffer.byteLength(expected) && timingSafeEqual(Buffer.from(signature), Buffer.from(expected)));\n}" }],
        },
      ],
    },
    {
      // Bearer token against an environment secret; no crypto import, so no fix.
      code: "export async function GET(request: Request) {\n  const auth = request.headers.get('authorization');\n  if (auth !== `Bearer ${process.env.CRON_SECRET}`) {\n    return new Response('Unauthorized', { status: 401 });\n  }\n  await runJobs();\n}",
      errors: [{ line: 3, column: 7, confidence: 'high', message: /process\.env\.CRON_SECRET/ }],
    },
    {
      // Password-reset token from the body against the stored one.
      code: "app.post('/reset-password', async (req, res) => {\n  const { email, token, newPassword } = req.body;\n  const user = await User.findOne({ email });\n  if (!user || user.resetToken != token) return res.status(400).send('Invalid token');\n  await user.setPassword(newPassword);\n});",
      errors: [{ line: 4, column: 16, confidence: 'high', message: /`user\.resetToken` with !=/ }],
    },
    {
      // Koa: the key from the query string against configuration.
      code: "router.get('/export', async (ctx) => {\n  if (ctx.query.key === config.exportApiKey) {\n    ctx.body = await exportAll();\n  }\n});",
      errors: [{ line: 2, column: 7, confidence: 'high', message: /`config\.exportApiKey` with ===/ }],
    },
    {
      // An environment secret against a value from elsewhere.
      code: "export function isAdminToken(token: string): boolean {\n  return token === process.env.ADMIN_TOKEN;\n}",
      errors: [{ line: 2, column: 10, confidence: 'medium' }],
    },
    {
      // Slack-style signature in a Next.js route handler.
      code: [
        "import crypto from 'crypto';",
        'export async function POST(req: Request) {',
        '  const body = await req.text();',
        "  const timestamp = req.headers.get('x-slack-request-timestamp');",
        "  const expectedSignature = 'v0=' + crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(`v0:${timestamp}:${body}`).digest('hex');",
        "  if (req.headers.get('x-slack-signature') !== expectedSignature) return new Response(null, { status: 401 });",
        '  return Response.json({ ok: true });',
        '}',
      ].join('\n'),
      errors: [{ line: 6, column: 7, confidence: 'high', fixes: [{ safety: 'review', output: [
        "import crypto from 'crypto';",
        'export async function POST(req: Request) {',
        '  const body = await req.text();',
        "  const timestamp = req.headers.get('x-slack-request-timestamp');",
        "  const expectedSignature = 'v0=' + crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(`v0:${timestamp}:${body}`).digest('hex');",
        `  if (!${SAFE("req.headers.get('x-slack-signature')", 'expectedSignature')}) return new Response(null, { status: 401 });`,
        '  return Response.json({ ok: true });',
        '}',
      ].join('\n') }] }],
    },
    {
      // Express webhook: a const digest against a header read, both plain references.
      code: webhook('  if (signature !== digest) return res.status(401).end();'),
      errors: [{ line: 7, column: 7, confidence: 'high', fixes: [{ safety: 'safe', title: EXACT, output: webhook(`  if (!${exact('signature', 'digest')}) return res.status(401).end();`) }] }],
    },
    {
      // The header read in the comparison itself; base64 digest; require style without a crypto import: one is added first.
      code: [
        "const express = require('express');",
        'const app = express();',
        "app.post('/hook', express.raw({ type: '*/*' }), (req, res) => {",
        "  const expected = require('crypto').createHmac('sha256', process.env.HOOK_SECRET).update(req.body).digest('base64');",
        "  if (req.headers['x-hook-signature'] === expected) return res.sendStatus(204);",
        '  res.sendStatus(401);',
        '});',
      ].join('\n'),
      errors: [{ line: 5, column: 7, confidence: 'high', fixes: [{ safety: 'safe', title: /adds an import of timingSafeEqual/, output: [
        "const { timingSafeEqual } = require('crypto');",
        "const express = require('express');",
        'const app = express();',
        "app.post('/hook', express.raw({ type: '*/*' }), (req, res) => {",
        "  const expected = require('crypto').createHmac('sha256', process.env.HOOK_SECRET).update(req.body).digest('base64');",
        `  if (${exact("req.headers['x-hook-signature']", 'expected', 'timingSafeEqual')}) return res.sendStatus(204);`,
        '  res.sendStatus(401);',
        '});',
      ].join('\n') }] }],
    },
    {
      // Loose equality converts arrays and numbers (['<digest>'] == digest is true): the review fix only.
      code: webhook('  if (signature != digest) return res.status(401).end();'),
      errors: [{ line: 7, column: 7, fixes: [{ safety: 'review', output: webhook(`  if (!${SAFE('signature', 'digest')}) return res.status(401).end();`) }] }],
    },
    {
      // A call on the other side would run three times: the review fix only.
      code: webhook("  if (req.get('x-hub-signature-256') !== digest) return res.status(401).end();"),
      errors: [{ line: 7, column: 7, fixes: [{ safety: 'review', output: webhook(`  if (!${SAFE("req.get('x-hub-signature-256')", 'digest')}) return res.status(401).end();`) }] }],
    },
    {
      // A `let` may hold something else by then; a latin1 digest is not ASCII: the review fix only.
      code: webhook('  if (signature !== digest) return res.status(401).end();', "  let digest = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');"),
      errors: [{ line: 7, column: 7, fixes: [{ safety: 'review', output: webhook(`  if (!${SAFE('signature', 'digest')}) return res.status(401).end();`, "  let digest = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');") }] }],
    },
    {
      code: webhook('  if (signature !== digest) return res.status(401).end();', "  const digest = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('latin1');"),
      errors: [{ line: 7, column: 7, fixes: [{ safety: 'review', output: webhook(`  if (!${SAFE('signature', 'digest')}) return res.status(401).end();`, "  const digest = crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('latin1');") }] }],
    },
  ],
});

describe('timing-unsafe-comparison: the exact fix gives the same boolean as the comparison', () => {
  /** A verification helper in CommonJS; the file requires node:crypto, so it runs on Node. */
  const helper = (operator: string, encoding: string, prefix: string): string =>
    [
      "const crypto = require('node:crypto');",
      'function verify(body, signature) {',
      `  const expected = ${prefix}crypto.createHmac('sha256', 'key').update(body).digest('${encoding}');`,
      `  return signature ${operator} expected;`,
      '}',
      'module.exports = verify;',
    ].join('\n');
  const load = (source: string): ((body: string, signature: unknown) => boolean) => {
    const module = { exports: undefined as unknown };
    new Function('require', 'module', source)(require, module);
    return module.exports as (body: string, signature: unknown) => boolean;
  };
  /** Values an attacker or a caller can hand in, built around the right answer. */
  const candidates = (digest: string): unknown[] => [
    undefined, null, 0, 1, -0, NaN, Infinity, 10n, true, false, Symbol('s'), {}, [], [digest], { toString: () => digest },
    new String(digest), Buffer.from(digest), '', ' ', digest, `${digest} `, ` ${digest}`, digest.slice(0, -1), digest.slice(1),
    `${digest}0`, digest.toUpperCase(), digest.toLowerCase(), digest.slice(0, 7), digest.slice(0, digest.length / 2),
    // Same UTF-8 length, different text: two ASCII characters for one two-byte character, three for a lone surrogate.
    `${digest.slice(0, -2)}é`, `${digest.slice(0, -3)}\ud800`, `${digest.slice(0, -3)}\udfff`, `${digest.slice(0, -3)}\ufffd`,
    `${digest.slice(0, -4)}😀`, `${digest.slice(0, -1)}\u0000`, digest.replace(/./, (c) => String.fromCharCode(c.charCodeAt(0) + 0x80)),
    'é'.repeat(digest.length / 2), '\ud800'.repeat(digest.length), 'sha256=', `sha256=${digest}`, digest.replace('sha256=', ''),
  ];
  const bodies = ['', 'payload', '{"ünïcode":"\u2028"}'];
  for (const operator of ['===', '!==']) {
    for (const encoding of ['hex', 'base64', 'base64url']) {
      for (const prefix of ['', "'sha256=' + "]) {
        it(`${operator} with .digest('${encoding}')${prefix ? ' after a prefix' : ''}`, () => {
          const code = helper(operator, encoding, prefix);
          const fix = analyze(code, 'verify.js', {}).findings.find((finding) => finding.ruleId === 'timing-unsafe-comparison')?.fixes[0];
          assert.equal(fix?.safety, 'safe', 'offers the exact fix');
          const fixed = applyFix(code, fix!);
          assert.match(fixed, /timingSafeEqual\(Buffer\.from\(signature\), Buffer\.from\(expected\)\)/);
          const original = load(code);
          const rewritten = load(fixed);
          let checked = 0;
          for (const body of bodies) {
            const digest = (prefix ? 'sha256=' : '') + createHmac('sha256', 'key').update(body).digest(encoding as 'hex');
            for (const signature of candidates(digest)) {
              assert.equal(rewritten(body, signature), original(body, signature), `${operator} ${String(signature)}`);
              checked++;
            }
          }
          assert.ok(checked > 100);
        });
      }
    }
  }
  it('loose equality matches non-strings, which is why == and != keep the review fix', () => {
    const digest = createHmac('sha256', 'key').update('').digest('hex');
    assert.equal(([digest] as unknown) == digest, true);
    assert.equal(({ toString: () => digest } as unknown) == digest, true);
  });
  it('UTF-8 alone does not tell a lone surrogate from U+FFFD: the ASCII digest is what makes the bytes exact', () => {
    assert.deepEqual(Buffer.from('\ud800'), Buffer.from('\ufffd'));
    assert.notEqual('\ud800', '\ufffd');
  });
});
