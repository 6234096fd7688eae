import { timingUnsafeComparison } from '../../../src/core/rules/timing-unsafe-comparison';
import { testRule } from '../../helpers/rule-tester';

const SAFE = (left: string, right: string): string =>
  `((a, b) => a.length > 0 && a.length === b.length && crypto.timingSafeEqual(a, b))(Buffer.from(String(${left} ?? '')), Buffer.from(String(${right} ?? '')))`;

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
          fixes: [{ safety: 'review', output: "import { createHmac, timingSafeEqual } from 'node:crypto';\nexport function verifySignature(payload: string, signature: string, secret: string): boolean {\n  const expected = createHmac('sha256', secret).update(payload).digest('hex');\n  return ((a, b) => a.length > 0 && a.length === b.length && timingSafeEqual(a, b))(Buffer.from(String(expected ?? '')), Buffer.from(String(signature ?? '')));\n}" }],
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
  ],
});
