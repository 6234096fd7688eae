import { corsMisconfiguration } from '../../../src/core/rules/cors-misconfiguration';
import { testRule } from '../../helpers/rule-tester';

testRule(corsMisconfiguration, {
  valid: [
    // A public API: cors() answers '*' and never allows credentials.
    "import cors from 'cors';\napp.use(cors());",
    "import cors from 'cors';\napp.use(cors({ origin: '*', methods: ['GET'] }));",
    // Reflecting every origin without credentials is no worse than '*'.
    "import cors from 'cors';\napp.use(cors({ origin: true }));",
    // An allow-list.
    "import cors from 'cors';\napp.use(cors({ origin: ['https://app.acme.io', 'https://admin.acme.io'], credentials: true }));",
    // A configured origin.
    "import cors from 'cors';\napp.use(cors({ origin: process.env.CLIENT_URL, credentials: true }));",
    // An origin callback that checks an allow-list.
    [
      "import cors from 'cors';",
      "const ALLOWED = new Set(['https://app.acme.io']);",
      'app.use(cors({',
      '  credentials: true,',
      '  origin: (origin, callback) => {',
      '    if (!origin || ALLOWED.has(origin)) return callback(null, true);',
      "    callback(new Error('Not allowed by CORS'));",
      '  },',
      '}));',
    ].join('\n'),
    // A sound suffix check (the leading dot pins the parent domain).
    [
      "import cors from 'cors';",
      'app.use(cors({',
      '  credentials: true,',
      "  origin: (origin, cb) => cb(null, !origin || origin.endsWith('.acme.io')),",
      '}));',
    ].join('\n'),
    // A regex anchored at both ends with escaped dots.
    "import cors from 'cors';\napp.use(cors({ origin: /^https:\\/\\/[a-z0-9-]+\\.acme\\.io$/, credentials: true }));",
    // Manual headers behind an allow-list check.
    [
      'app.use((req, res, next) => {',
      '  const origin = req.headers.origin;',
      '  if (ALLOWED_ORIGINS.includes(origin)) {',
      "    res.setHeader('Access-Control-Allow-Origin', origin);",
      "    res.setHeader('Access-Control-Allow-Credentials', 'true');",
      '  }',
      '  next();',
      '});',
    ].join('\n'),
    // An early return on a failed check.
    [
      'app.use((req, res, next) => {',
      '  const origin = req.headers.origin;',
      '  if (!allowedOrigins.has(origin)) return next();',
      "  res.setHeader('Access-Control-Allow-Origin', origin);",
      "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
      '  next();',
      '});',
    ].join('\n'),
    // Koa: a ternary that only echoes allowed origins.
    [
      'module.exports = async (ctx, next) => {',
      '  const origin = ctx.request.header.origin;',
      "  ctx.set('Access-Control-Allow-Credentials', 'true');",
      "  ctx.set('Access-Control-Allow-Origin', ALLOWED.has(origin) ? origin : '');",
      '  await next();',
      '};',
    ].join('\n'),
    // '*' without credentials for public stats.
    "app.get('/api/stats', (req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', '*');\n  res.json(stats);\n});",
    // Echoing the origin without credentials.
    "app.use((req, res, next) => {\n  res.header('Access-Control-Allow-Origin', req.headers.origin);\n  next();\n});",
    // A test asserting on response headers.
    "expect(res.headers).toMatchObject({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' });",
    // Not CORS options at all.
    'const fetchOptions = { origin: true, credentials: true };',
  ],
  invalid: [
    {
      code: "import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));",
      errors: [{ line: 2, column: 16, endColumn: 28, confidence: 'high', message: /allows every origin with credentials/ }],
    },
    {
      code: "import cors from 'cors';\napp.use(cors({ origin: '*', credentials: true }));",
      errors: [
        {
          line: 2,
          column: 16,
          endColumn: 27,
          confidence: 'medium',
          message: /origin '\*' with credentials: true/,
          fixes: [{ safety: 'safe', title: /no effect/, output: "import cors from 'cors';\napp.use(cors({ origin: '*' }));" }],
        },
      ],
    },
    {
      // The same pair in a socket.io server: the library behind it is not known, so the fix needs review.
      code: "const io = new Server(httpServer, {\n  cors: { credentials: true, origin: '*' },\n});",
      errors: [
        {
          line: 2,
          column: 30,
          confidence: 'medium',
          fixes: [{ safety: 'review', output: "const io = new Server(httpServer, {\n  cors: { origin: '*' },\n});" }],
        },
      ],
    },
    {
      code: [
        "const cors = require('cors');",
        'const corsOptions = {',
        '  origin: function (origin, callback) {',
        '    callback(null, true);',
        '  },',
        '  credentials: true,',
        '};',
        'app.use(cors(corsOptions));',
      ].join('\n'),
      errors: [{ line: 3, column: 3, endColumn: 9, confidence: 'high' }],
    },
    {
      // @koa/cors echoes the request's Origin when credentials are on and no origin is given.
      code: "import Koa from 'koa';\nimport cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ credentials: true }));",
      errors: [{ line: 4, column: 16, confidence: 'high', message: /@koa\/cors without an origin/ }],
    },
    {
      code: "import fastifyCors from '@fastify/cors';\nawait fastify.register(fastifyCors, { origin: true, credentials: true });",
      errors: [{ line: 2, column: 39, confidence: 'high' }],
    },
    {
      code: 'const app = await NestFactory.create(AppModule);\napp.enableCors({ origin: true, credentials: true });',
      errors: [{ line: 2, column: 18, confidence: 'high' }],
    },
    {
      code: "import cors from 'cors';\ntenantApi.use(cors({ origin: /acme\\.io$/, credentials: true }));",
      errors: [{ line: 2, column: 22, confidence: 'high', message: /not anchored/ }],
    },
    {
      code: "import cors from 'cors';\napp.use(cors({ origin: [/^https:\\/\\/app.acme\\.io$/, 'http://localhost:3000'], credentials: true }));",
      errors: [{ line: 2, column: 16, confidence: 'medium', message: /unescaped dot/ }],
    },
    {
      code: [
        "import cors from 'cors';",
        'app.use(cors({',
        '  credentials: true,',
        '  origin(origin, callback) {',
        "    if (!origin || origin.endsWith('acme.io')) return callback(null, true);",
        "    callback(new Error('Not allowed by CORS'));",
        '  },',
        '}));',
      ].join('\n'),
      errors: [{ line: 5, column: 20, endColumn: 46, confidence: 'high', message: /evilacme\.io/ }],
    },
    {
      code: [
        "app.get('/api/profile', (req, res) => {",
        "  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);",
        "  res.setHeader('Access-Control-Allow-Credentials', 'true');",
        '  res.json({ id: req.session.userId });',
        '});',
      ].join('\n'),
      errors: [{ line: 2, column: 3, endColumn: 67, confidence: 'high', message: /echoes the request's Origin/ }],
    },
    {
      code: [
        'module.exports = async (ctx, next) => {',
        "  ctx.set('Access-Control-Allow-Origin', ctx.request.header.origin || '*');",
        '  ctx.set(\'Access-Control-Allow-Credentials\', true);',
        '  await next();',
        '};',
      ].join('\n'),
      errors: [{ line: 2, column: 3, confidence: 'high' }],
    },
    {
      code: [
        'export function middleware(request) {',
        '  const response = NextResponse.next();',
        "  response.headers.set('Access-Control-Allow-Origin', request.headers.get('origin') ?? '*');",
        "  response.headers.set('Access-Control-Allow-Credentials', 'true');",
        '  return response;',
        '}',
      ].join('\n'),
      errors: [{ line: 3, column: 3, confidence: 'high' }],
    },
    {
      code: [
        'app.use((req, res, next) => {',
        '  const origin = req.headers.origin;',
        "  if (origin && origin.includes('acme.io')) {",
        "    res.setHeader('Access-Control-Allow-Origin', origin);",
        "    res.setHeader('Access-Control-Allow-Credentials', 'true');",
        '  }',
        '  next();',
        '});',
      ].join('\n'),
      errors: [{ line: 4, column: 5, confidence: 'high', message: /substring or prefix/ }],
    },
    {
      code: [
        'export default function handler(req, res) {',
        "  res.writeHead(200, { 'Access-Control-Allow-Origin': req.headers.origin, 'Access-Control-Allow-Credentials': true });",
        '  res.end(JSON.stringify(profile));',
        '}',
      ].join('\n'),
      errors: [{ line: 2, column: 24, confidence: 'high' }],
    },
    {
      code: [
        'module.exports = {',
        '  async headers() {',
        "    return [{ source: '/api/:path*', headers: [",
        "      { key: 'Access-Control-Allow-Credentials', value: 'true' },",
        "      { key: 'Access-Control-Allow-Origin', value: '*' },",
        '    ] }];',
        '  },',
        '};',
      ].join('\n'),
      errors: [{ line: 5, column: 45, confidence: 'medium', message: /'\*' is sent with Allow-Credentials/ }],
    },
  ],
});
