import { ssrf } from '../../../src/core/rules/ssrf';
import { testRule } from '../../helpers/rule-tester';

testRule(ssrf, {
  valid: [
    // Input only in the path of a fixed host.
    [
      "import axios from 'axios';",
      "app.get('/api/github/:user', async (req, res) => {",
      '  const { data } = await axios.get(`https://api.github.com/users/${req.params.user}/repos`);',
      '  res.json(data);',
      '});',
    ].join('\n'),
    // Input only in the query string, URL built in a variable first.
    [
      "app.get('/api/geocode', async (req, res) => {",
      '  const url = `https://maps.googleapis.com/maps/api/geocode/json?address=${encodeURIComponent(req.query.address)}&key=${process.env.MAPS_KEY}`;',
      '  const response = await fetch(url);',
      '  res.json(await response.json());',
      '});',
    ].join('\n'),
    // A URL grown with += keeps its fixed origin.
    [
      "app.get('/api/search', async (req, res) => {",
      "  let endpoint = 'https://search.example.com/v2/query?q=' + encodeURIComponent(req.query.q);",
      "  if (req.query.page) endpoint += '&page=' + req.query.page;",
      '  const results = await fetch(endpoint).then((r) => r.json());',
      '  res.json(results);',
      '});',
    ].join('\n'),
    // Host allow-list on the parsed URL.
    [
      "const ALLOWED_HOSTS = ['images.example.com', 'cdn.example.com'];",
      "app.get('/api/image-proxy', async (req, res) => {",
      '  const { url } = req.query;',
      '  const { hostname } = new URL(url);',
      '  if (!ALLOWED_HOSTS.includes(hostname)) {',
      "    return res.status(400).json({ error: 'Host not allowed' });",
      '  }',
      '  const upstream = await fetch(url);',
      '  upstream.body.pipe(res);',
      '});',
    ].join('\n'),
    // A validator that throws on a bad target.
    [
      "app.post('/api/webhooks/test', async (req, res) => {",
      '  const { url } = req.body;',
      '  await assertSafeUrl(url);',
      '  await axios.post(url, { event: "ping" });',
      '  res.sendStatus(204);',
      '});',
    ].join('\n'),
    // Node http options: input only in the path.
    [
      "const https = require('https');",
      "app.get('/weather', (req, res) => {",
      "  const options = { hostname: 'api.weather.example', path: `/v1/forecast?city=${encodeURIComponent(req.query.city)}`, method: 'GET' };",
      '  https.get(options, (upstream) => upstream.pipe(res));',
      '});',
    ].join('\n'),
    // A configured backend with the request path appended (reverse proxy).
    "app.use('/api', async (req, res) => {\n  const upstream = await fetch(`${process.env.BACKEND_URL}${req.originalUrl}`, { method: req.method });\n  res.status(upstream.status).send(await upstream.text());\n});",
    // A route handler calling its own API.
    "export async function GET(request: Request) {\n  const res = await fetch(new URL('/api/internal/stats', request.url));\n  return Response.json(await res.json());\n}",
    // Browser code: the page's own URL is not server-side input.
    {
      filename: 'components/Feed.tsx',
      code: [
        'export function Feed() {',
        "  const source = new URLSearchParams(window.location.search).get('feed');",
        '  useEffect(() => {',
        '    fetch(source).then((r) => r.json()).then(setItems);',
        '  }, [source]);',
        '  return null;',
        '}',
      ].join('\n'),
    },
    // A CLI: whoever runs the command chooses the URL.
    "const url = process.argv[2];\nfetch(url).then((r) => r.text()).then(console.log);",
    // Unknown origin is not reported by this rule.
    'export async function getJson(url: string) {\n  const res = await fetch(url);\n  return res.json();\n}',
    // An axios instance's path.
    "const api = axios.create({ baseURL: 'https://api.stripe.com/v1' });\napp.get('/charges/:id', async (req, res) => {\n  res.json((await api.get(`/charges/${req.params.id}`)).data);\n});",
    // The resolved address is checked against private ranges.
    [
      "import dns from 'node:dns';",
      "app.post('/api/link-preview', async (req, res) => {",
      '  const { url } = req.body;',
      '  const { hostname } = new URL(url);',
      '  const { address } = await dns.promises.lookup(hostname);',
      "  if (isPrivateIp(address)) return res.status(400).json({ error: 'Blocked address' });",
      '  const page = await fetch(url);',
      '  res.json({ status: page.status });',
      '});',
    ].join('\n'),
    // An agent that refuses private addresses.
    "import { useAgent } from 'request-filtering-agent';\napp.post('/hooks/test', async (req, res) => {\n  await fetch(req.body.url, { agent: useAgent(req.body.url) });\n  res.sendStatus(204);\n});",
    // Options object with a fixed url.
    "app.post('/repos', async (req, res) => {\n  const r = await axios({ method: 'get', url: `https://api.github.com/repos/${req.body.owner}/${req.body.repo}` });\n  res.json(r.data);\n});",
  ],
  invalid: [
    {
      code: [
        "app.get('/api/proxy', async (req, res) => {",
        '  const response = await fetch(req.query.url);',
        '  const body = await response.text();',
        '  res.send(body);',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 2,
          column: 26,
          endColumn: 46,
          confidence: 'high',
          message: /^fetch\(\) requests a URL whose host comes from request input \(req\.query\); an attacker can make the server call internal services such as cloud metadata or admin APIs\.$/,
        },
      ],
    },
    {
      code: [
        "import axios from 'axios';",
        "app.post('/api/webhooks/test', async (req, res) => {",
        '  const { webhookUrl } = req.body;',
        "  await axios.post(webhookUrl, { event: 'test', sentAt: Date.now() });",
        '  res.json({ ok: true });',
        '});',
      ].join('\n'),
      errors: [{ line: 4, column: 9, endColumn: 70, confidence: 'high', message: /^axios\.post\(\)/ }],
    },
    {
      code: "import axios from 'axios';\napp.post('/fetch', async (req, res) => {\n  const result = await axios({ method: 'GET', url: req.body.target, timeout: 5000 });\n  res.json(result.data);\n});",
      errors: [{ line: 3, column: 24, confidence: 'high', message: /^axios\(\)/ }],
    },
    {
      code: "import axios from 'axios';\nexport function clientFor(req) {\n  return axios.create({ baseURL: req.headers['x-api-base'] });\n}",
      errors: [{ line: 3, column: 10, confidence: 'high', message: /^axios\.create\(\)/ }],
    },
    {
      code: "const http = require('node:http');\napp.get('/health-check', (req, res) => {\n  http.get({ hostname: req.query.host, port: 80, path: '/health' }, (r) => res.sendStatus(r.statusCode));\n});",
      errors: [{ line: 3, column: 3, confidence: 'high', message: /^http\.get\(\)/ }],
    },
    {
      // The host part is open: "evil.example/#" takes over.
      code: "app.get('/tenant-data', async (req, res) => {\n  const r = await fetch(`https://${req.query.tenant}.internal.example.com/data`);\n  res.json(await r.json());\n});",
      errors: [{ line: 2, column: 19, confidence: 'high' }],
    },
    {
      // Checking only the scheme still lets any host through.
      code: [
        "app.get('/preview', async (req, res) => {",
        '  const target = new URL(req.query.url);',
        "  if (!['http:', 'https:'].includes(target.protocol)) return res.sendStatus(400);",
        '  const html = await (await fetch(target.toString())).text();',
        '  res.json({ title: extractTitle(html) });',
        '});',
      ].join('\n'),
      errors: [{ line: 4, column: 29, endColumn: 53, confidence: 'high' }],
    },
    {
      code: "import got from 'got';\nrouter.get('/rss', async (ctx) => {\n  ctx.body = await got(ctx.query.feed).text();\n});",
      errors: [{ line: 3, column: 20, endColumn: 39, confidence: 'high', message: /request input \(ctx\.query\)/ }],
    },
    {
      filename: 'app/api/unfurl/route.ts',
      code: [
        'export async function POST(request: Request) {',
        '  const { url } = await request.json();',
        "  const page = await fetch(url, { headers: { 'User-Agent': 'UnfurlBot/1.0' } });",
        '  return Response.json({ html: await page.text() });',
        '}',
      ].join('\n'),
      errors: [{ line: 3, column: 22, confidence: 'high', message: /request input \(request\.json\(\)\)/ }],
    },
    {
      filename: 'app/api/proxy/route.ts',
      code: [
        "import { type NextRequest } from 'next/server';",
        'export async function GET(req: NextRequest) {',
        "  const target = req.nextUrl.searchParams.get('url');",
        '  const upstream = await fetch(target!);',
        '  return new Response(upstream.body);',
        '}',
      ].join('\n'),
      errors: [{ line: 4, column: 26, endColumn: 40, confidence: 'high', message: /request input \(nextUrl\)/ }],
    },
    {
      code: [
        "import puppeteer from 'puppeteer';",
        "app.post('/screenshot', async (req, res) => {",
        '  const browser = await puppeteer.launch();',
        '  const page = await browser.newPage();',
        '  await page.goto(req.body.url, { waitUntil: "networkidle0" });',
        "  res.type('png').send(await page.screenshot());",
        '});',
      ].join('\n'),
      errors: [{ line: 5, column: 9, confidence: 'high', message: /^page\.goto\(\)/ }],
    },
    {
      code: "const request = require('request');\napp.get('/feed', (req, res) => {\n  request({ uri: req.query.feed, json: true }, (err, response, body) => res.json(body));\n});",
      errors: [{ line: 3, column: 3, confidence: 'high', message: /^request\(\)/ }],
    },
    {
      code: "import superagent from 'superagent';\napp.get('/status', async (req, res) => {\n  const r = await superagent.get(req.query.endpoint).timeout(3000);\n  res.json(r.body);\n});",
      errors: [{ line: 3, column: 19, confidence: 'high', message: /^superagent\.get\(\)/ }],
    },
  ],
});
