import { openRedirect } from '../../../src/core/rules/open-redirect';
import { testRule } from '../../helpers/rule-tester';

testRule(openRedirect, {
  valid: [
    // A fixed path with the input only after it stays on this site.
    [
      "app.get('/users/:id/edit', (req, res) => {",
      '  res.redirect(`/users/${req.params.id}/settings`);',
      '});',
    ].join('\n'),
    // The query string of a same-site path.
    [
      "app.post('/search', (req, res) => {",
      "  res.redirect('/search/results?q=' + encodeURIComponent(req.body.q) + '&page=' + req.body.page);",
      '});',
    ].join('\n'),
    // The usual same-site check before redirecting.
    [
      "app.get('/login/callback', (req, res) => {",
      "  const returnTo = req.query.returnTo || '/';",
      "  if (!returnTo.startsWith('/') || returnTo.startsWith('//')) {",
      "    return res.redirect('/');",
      '  }',
      '  res.redirect(returnTo);',
      '});',
    ].join('\n'),
    // An allow-list in a ternary.
    [
      "const ALLOWED_REDIRECTS = ['/dashboard', '/settings', '/billing'];",
      "app.get('/continue', (req, res) => {",
      '  const { next } = req.query;',
      "  const target = ALLOWED_REDIRECTS.includes(next) ? next : '/dashboard';",
      '  res.redirect(target);',
      '});',
    ].join('\n'),
    // Force HTTPS: the Host header is set by the victim's browser, not by the attacker's link.
    [
      'app.use((req, res, next) => {',
      "  if (req.headers['x-forwarded-proto'] !== 'https') {",
      '    return res.redirect(301, `https://${req.headers.host}${req.originalUrl}`);',
      '  }',
      '  next();',
      '});',
    ].join('\n'),
    // The origin is checked on the parsed URL before use.
    [
      "const APP_ORIGIN = 'https://app.example.com';",
      "app.get('/sso/return', (req, res) => {",
      '  const target = String(req.query.url);',
      '  const parsed = new URL(target, APP_ORIGIN);',
      "  if (parsed.origin !== APP_ORIGIN) return res.status(400).send('Invalid redirect');",
      '  res.redirect(parsed.href);',
      '});',
    ].join('\n'),
    // Session data, not request input.
    "app.post('/login', passport.authenticate('local'), (req, res) => {\n  res.redirect(req.session.returnTo || '/');\n});",
    // A configured base URL pins the origin.
    "app.get('/reset', (req, res) => {\n  res.redirect(`${process.env.FRONTEND_URL}/reset-password?token=${req.query.token}`);\n});",
    // Next.js middleware: a clone of the request's own URL.
    {
      filename: 'middleware.ts',
      code: [
        "import { NextResponse, type NextRequest } from 'next/server';",
        'export function middleware(request: NextRequest) {',
        "  if (!request.cookies.get('session')) {",
        '    const url = request.nextUrl.clone();',
        "    url.pathname = '/login';",
        "    url.searchParams.set('from', request.nextUrl.pathname);",
        '    return NextResponse.redirect(url);',
        '  }',
        '  return NextResponse.next();',
        '}',
      ].join('\n'),
    },
    // A fixed path resolved against the request URL.
    {
      filename: 'app/auth/confirm/route.ts',
      code: [
        "import { NextResponse } from 'next/server';",
        'export async function GET(request: Request) {',
        '  const { searchParams, origin } = new URL(request.url);',
        "  if (!searchParams.get('token')) return NextResponse.redirect(`${origin}/auth/error`);",
        "  return NextResponse.redirect(new URL('/welcome', request.url));",
        '}',
      ].join('\n'),
    },
    // Browser: rebuilding the current page's URL.
    [
      'const params = new URLSearchParams(window.location.search);',
      "params.set('page', String(page + 1));",
      "window.location.href = window.location.pathname + '?' + params.toString();",
    ].join('\n'),
    "if (location.protocol !== 'https:') location.replace(location.href.replace('http:', 'https:'));",
    "window.location.href = `${window.location.origin}/login?next=${encodeURIComponent(window.location.pathname)}`;",
    // Going back to the referrer is where the user already was.
    "document.getElementById('back').addEventListener('click', () => {\n  window.location.href = document.referrer || '/';\n});",
    // A message from a checked origin is as trusted as that origin.
    [
      "window.addEventListener('message', (event) => {",
      "  if (event.origin !== 'https://checkout.example.com') return;",
      "  if (event.data.type === 'redirect') window.location.href = event.data.url;",
      '});',
    ].join('\n'),
    // Unknown origin is not reported by this rule.
    'export function goTo(url: string) {\n  window.location.assign(url);\n}',
    // Not a redirect: a Location-like key outside headers.
    "app.get('/x', (req, res) => {\n  res.json({ location: req.query.city });\n});",
  ],
  invalid: [
    {
      code: "app.get('/logout', (req, res) => {\n  req.logout();\n  res.redirect(req.query.redirect_uri);\n});",
      errors: [
        {
          line: 3,
          column: 3,
          endColumn: 39,
          confidence: 'high',
          message: /^res\.redirect\(\) sends the user to a URL taken from request input \(req\.query\); an attacker can make a link on this site forward victims to a phishing page\.$/,
        },
      ],
    },
    {
      // Status first, default after.
      code: [
        "app.post('/login', async (req, res) => {",
        '  const { email, password, returnTo } = req.body;',
        '  await auth.signIn(email, password);',
        "  return res.redirect(302, returnTo || '/dashboard');",
        '});',
      ].join('\n'),
      errors: [{ line: 4, column: 10, endColumn: 53, confidence: 'high', message: /request input \(req\.body\)/ }],
    },
    {
      // "/" + input is "//evil.example", which browsers read as another host.
      code: "app.get('/go', (req, res) => {\n  res.redirect('/' + req.query.page);\n});",
      errors: [{ line: 2, column: 3, endColumn: 37, confidence: 'high' }],
    },
    {
      // The host part is open.
      code: "app.get('/tenant', (req, res) => {\n  res.redirect(`https://${req.query.tenant}.example.com/login`);\n});",
      errors: [{ line: 2, column: 3, confidence: 'high' }],
    },
    {
      code: "router.get('/oauth/callback', async (ctx) => {\n  const { state, redirect } = ctx.query;\n  await verifyState(state);\n  ctx.redirect(redirect);\n});",
      errors: [{ line: 4, column: 3, endColumn: 25, confidence: 'high', message: /^ctx\.redirect\(\)/ }],
    },
    {
      code: "fastify.get('/out', async (request, reply) => {\n  return reply.redirect(request.query.url);\n});",
      errors: [{ line: 2, column: 10, confidence: 'high', message: /^reply\.redirect\(\)/ }],
    },
    {
      code: [
        "import http from 'node:http';",
        'http.createServer((req, res) => {',
        "  const { searchParams } = new URL(req.url, 'http://localhost');",
        "  res.writeHead(302, { Location: searchParams.get('to') });",
        '  res.end();',
        '}).listen(3000);',
      ].join('\n'),
      errors: [{ line: 4, column: 24, endColumn: 56, confidence: 'high', message: /^The Location header sends the user/ }],
    },
    {
      code: "export default function handler(req, res) {\n  res.setHeader('Location', req.query.target);\n  res.status(307).end();\n}",
      errors: [{ line: 2, column: 3, endColumn: 46, confidence: 'high' }],
    },
    {
      // Next.js route handler: an absolute URL in `next` replaces the base.
      filename: 'app/auth/callback/route.ts',
      code: [
        "import { NextResponse, type NextRequest } from 'next/server';",
        'export async function GET(request: NextRequest) {',
        "  const next = request.nextUrl.searchParams.get('next') ?? '/';",
        '  return NextResponse.redirect(new URL(next, request.url));',
        '}',
      ].join('\n'),
      errors: [{ line: 4, column: 10, endColumn: 59, confidence: 'high', message: /^NextResponse\.redirect\(\).*request input \(nextUrl\)/ }],
    },
    {
      // `${origin}${next}` with next = "@evil.example" goes to evil.example.
      filename: 'app/auth/callback/route.ts',
      code: [
        "import { NextResponse } from 'next/server';",
        'export async function GET(request: Request) {',
        '  const { searchParams, origin } = new URL(request.url);',
        "  const next = searchParams.get('next') ?? '/';",
        '  return NextResponse.redirect(`${origin}${next}`);',
        '}',
      ].join('\n'),
      errors: [{ line: 5, column: 10, confidence: 'high' }],
    },
    {
      // Server component page: searchParams is the URL's query.
      filename: 'app/login/page.tsx',
      code: [
        "import { redirect } from 'next/navigation';",
        'export default async function LoginPage({ searchParams }: { searchParams: { callbackUrl?: string } }) {',
        '  const session = await getSession();',
        "  if (session) redirect(searchParams.callbackUrl ?? '/');",
        '  return <LoginForm />;',
        '}',
      ].join('\n'),
      errors: [{ line: 4, column: 16, endColumn: 57, confidence: 'high', message: /^redirect\(\).*request input \(searchParams\)/ }],
    },
    {
      code: [
        'const params = new URLSearchParams(window.location.search);',
        "const redirectUrl = params.get('redirect');",
        'if (redirectUrl) {',
        '  window.location.href = redirectUrl;',
        '}',
      ].join('\n'),
      errors: [
        {
          line: 4,
          column: 3,
          endColumn: 37,
          confidence: 'high',
          message: /^Assigning window\.location\.href navigates to a URL taken from window\.location\.search; .*javascript: URL\.$/,
        },
      ],
    },
    {
      filename: 'components/LoginForm.tsx',
      code: [
        "'use client';",
        "import { useSearchParams } from 'next/navigation';",
        'export function LoginForm() {',
        '  const searchParams = useSearchParams();',
        "  const callbackUrl = searchParams.get('callbackUrl') || '/';",
        '  async function onSubmit(event: React.FormEvent) {',
        '    event.preventDefault();',
        '    await signIn();',
        '    window.location.href = callbackUrl;',
        '  }',
        '  return <form onSubmit={onSubmit} />;',
        '}',
      ].join('\n'),
      errors: [{ line: 9, column: 5, confidence: 'high', message: /page URL \(useSearchParams\(\)\)/ }],
    },
    {
      code: "location.assign(decodeURIComponent(location.hash.slice(1)));",
      errors: [{ line: 1, column: 1, endColumn: 60, confidence: 'high', message: /^location\.assign\(\) navigates to a URL taken from location\.hash/ }],
    },
    {
      code: "const target = new URL(location.href).searchParams.get('url');\nwindow.open(target, '_blank', 'noopener');",
      errors: [{ line: 2, column: 1, confidence: 'high', message: /^window\.open\(\)/ }],
    },
    {
      code: "window.addEventListener('message', (event) => {\n  if (event.data?.type === 'navigate') window.location = event.data.url;\n});",
      errors: [{ line: 2, column: 40, confidence: 'high', message: /message data/ }],
    },
  ],
});
