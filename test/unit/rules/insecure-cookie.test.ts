import { insecureCookie } from '../../../src/core/rules/insecure-cookie';
import { testRule } from '../../helpers/rule-tester';

testRule(insecureCookie, {
  valid: [
    // A preference cookie: nothing to steal.
    "res.cookie('theme', 'dark', { maxAge: 31536000000, httpOnly: false });",
    // A CSRF double-submit cookie must be readable by the page.
    "res.cookie('XSRF-TOKEN', req.csrfToken(), { httpOnly: false, secure: true, sameSite: 'strict' });",
    // Flags that depend on the environment.
    "res.cookie('token', token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });",
    "app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: isProduction, httpOnly: true } }));",
    // express-session's README pattern: secure switched on for production before use.
    [
      "const session = require('express-session');",
      "const sess = { secret: 'keyboard cat', resave: false, saveUninitialized: true, cookie: { secure: false } };",
      "if (app.get('env') === 'production') {",
      "  app.set('trust proxy', 1);",
      '  sess.cookie.secure = true;',
      '}',
      'app.use(session(sess));',
    ].join('\n'),
    // Koa's cookies are HttpOnly unless told otherwise.
    "router.post('/login', async (ctx) => {\n  ctx.cookies.set('session_id', id, { signed: true });\n});",
    // Options from a variable the rule cannot see.
    "res.cookie('token', token, cookieOptions);",
    // js-cookie runs in the browser, where HttpOnly cannot be set.
    "Cookies.set('token', token, { secure: false });",
    // SameSite=None together with Secure.
    "res.cookie('refresh_token', token, { httpOnly: true, secure: true, sameSite: 'none', path: '/auth/refresh' });",
    // express-session defaults to HttpOnly.
    "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));",
    // An options object of another function does not describe this call's options.
    [
      'function devOptions() {',
      '  const options = { httpOnly: false, secure: false };',
      '  return options;',
      '}',
      'export function setToken(res, token, options) {',
      "  res.cookie('token', token, options);",
      '}',
    ].join('\n'),
    // A hand-written header with every attribute.
    "res.setHeader('Set-Cookie', `session=${id}; Path=/; HttpOnly; Secure; SameSite=Lax`);",
    // Clearing a cookie.
    "res.clearCookie('access_token');",
    "res.cookie('token', '', { expires: new Date(0) });",
    // Next.js: a UI preference cookie.
    "import { cookies } from 'next/headers';\ncookies().set('sidebar', 'collapsed');",
  ],
  invalid: [
    {
      code: [
        "app.post('/login', async (req, res) => {",
        '  const token = jwt.sign({ id: user.id }, SECRET);',
        "  res.cookie('token', token, { httpOnly: false, secure: true });",
        '  res.json({ ok: true });',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 32,
          endColumn: 47,
          confidence: 'high',
          message: /Cookie 'token' is set with httpOnly: false/,
          fixes: [
            {
              safety: 'review',
              title: /client-side script can no longer read/,
              output: [
                "app.post('/login', async (req, res) => {",
                '  const token = jwt.sign({ id: user.id }, SECRET);',
                "  res.cookie('token', token, { httpOnly: true, secure: true });",
                '  res.json({ ok: true });',
                '});',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      code: [
        "import session from 'express-session';",
        'app.use(session({',
        '  secret: process.env.SESSION_SECRET,',
        '  resave: false,',
        '  cookie: { secure: false, maxAge: 86400000 },',
        '}));',
      ].join('\n'),
      errors: [
        {
          line: 5,
          column: 13,
          endColumn: 26,
          confidence: 'medium',
          message: /session cookie is set with secure: false/,
          fixes: [
            {
              safety: 'review',
              title: /no longer sent over plain http/,
              output: [
                "import session from 'express-session';",
                'app.use(session({',
                '  secret: process.env.SESSION_SECRET,',
                '  resave: false,',
                '  cookie: { secure: true, maxAge: 86400000 },',
                '}));',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // Express leaves HttpOnly off unless asked.
      code: "app.get('/auth/callback', async (req, res) => {\n  res.cookie('auth', accessToken);\n});",
      errors: [
        {
          line: 2,
          column: 3,
          endColumn: 34,
          confidence: 'medium',
          message: /set without httpOnly/,
          fixes: [{ safety: 'review', output: "app.get('/auth/callback', async (req, res) => {\n  res.cookie('auth', accessToken, { httpOnly: true });\n});" }],
        },
      ],
    },
    {
      code: "reply.setCookie('session', id, { path: '/' });",
      errors: [{ line: 1, column: 1, confidence: 'medium', fixes: [{ safety: 'review', output: "reply.setCookie('session', id, { httpOnly: true, path: '/' });" }] }],
    },
    {
      code: "import { cookies } from 'next/headers';\nexport async function POST() {\n  cookies().set('user_token', session.token);\n}",
      errors: [
        {
          line: 3,
          column: 3,
          confidence: 'medium',
          fixes: [{ safety: 'review', output: "import { cookies } from 'next/headers';\nexport async function POST() {\n  cookies().set('user_token', session.token, { httpOnly: true });\n}" }],
        },
      ],
    },
    {
      code: "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [KEY], httpOnly: false }));",
      errors: [{ line: 2, column: 55, confidence: 'high', fixes: [{ safety: 'review', output: "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [KEY], httpOnly: true }));" }] }],
    },
    {
      // Express sets the cookie either way and browsers already drop SameSite=None without Secure: a safe fix.
      code: "app.post('/login', (req, res) => {\n  res.cookie('access_token', token, { sameSite: 'none', httpOnly: true });\n});",
      errors: [
        {
          line: 2,
          column: 39,
          message: /sameSite: 'none' without secure: true/,
          fixes: [{ safety: 'safe', title: /browsers already drop SameSite=None cookies without it/, output: "app.post('/login', (req, res) => {\n  res.cookie('access_token', token, { secure: true, sameSite: 'none', httpOnly: true });\n});" }],
        },
      ],
    },
    {
      code: "router.post('/login', async (ctx) => {\n  ctx.cookies.set('access_token', token, { sameSite: 'none', httpOnly: true });\n});",
      errors: [
        {
          line: 2,
          column: 44,
          confidence: 'medium',
          message: /sameSite: 'none' without secure: true/,
          fixes: [{ safety: 'review', output: "router.post('/login', async (ctx) => {\n  ctx.cookies.set('access_token', token, { secure: true, sameSite: 'none', httpOnly: true });\n});" }],
        },
      ],
    },
    {
      // Options held in a variable are followed.
      code: "const session = require('express-session');\nconst sessionConfig = { secret: 'x', cookie: { httpOnly: false } };\napp.use(session(sessionConfig));",
      errors: [{ line: 2, column: 48, confidence: 'high', fixes: [{ safety: 'review', output: "const session = require('express-session');\nconst sessionConfig = { secret: 'x', cookie: { httpOnly: true } };\napp.use(session(sessionConfig));" }] }],
    },
    {
      code: "import fastifySession from '@fastify/session';\nfastify.register(fastifySession, { secret: SECRET, cookie: { secure: false } });",
      errors: [{ line: 2, column: 62, confidence: 'medium', fixes: [{ safety: 'review', output: "import fastifySession from '@fastify/session';\nfastify.register(fastifySession, { secret: SECRET, cookie: { secure: true } });" }] }],
    },
    {
      // A hand-written Set-Cookie header in a Next.js API route.
      code: "export default function handler(req, res) {\n  res.setHeader('Set-Cookie', `token=${createToken(req.body.user)}; Path=/; Max-Age=3600`);\n}",
      errors: [
        {
          line: 2,
          column: 31,
          confidence: 'medium',
          message: /Set-Cookie header for 'token' has no HttpOnly/,
          fixes: [{ safety: 'review', output: "export default function handler(req, res) {\n  res.setHeader('Set-Cookie', `token=${createToken(req.body.user)}; Path=/; Max-Age=3600; HttpOnly`);\n}" }],
        },
      ],
    },
    {
      code: "res.setHeader('Set-Cookie', [`session=${id}; Path=/; HttpOnly; SameSite=None`, 'theme=dark; Path=/']);",
      errors: [
        {
          line: 1,
          column: 30,
          confidence: 'medium',
          message: /SameSite=None without Secure/,
          fixes: [{ safety: 'review', output: "res.setHeader('Set-Cookie', [`session=${id}; Path=/; HttpOnly; SameSite=None; Secure`, 'theme=dark; Path=/']);" }],
        },
      ],
    },
    {
      // A cookie whose name is not a constant: reported, at low confidence.
      code: "function setCookie(res, name, value) {\n  res.cookie(name, value, { httpOnly: false });\n}",
      errors: [{ line: 2, column: 29, confidence: 'low', fixes: [{ safety: 'review', output: "function setCookie(res, name, value) {\n  res.cookie(name, value, { httpOnly: true });\n}" }] }],
    },
  ],
});
