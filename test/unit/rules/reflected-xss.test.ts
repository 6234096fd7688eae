import { reflectedXss } from '../../../src/core/rules/reflected-xss';
import { testRule } from '../../helpers/rule-tester';

testRule(reflectedXss, {
  valid: [
    // JSON responses.
    "app.get('/api/search', (req, res) => {\n  res.json({ query: req.query.q, results: [] });\n  res.send({ query: req.query.q });\n});",
    "app.post('/echo', (req, res) => {\n  res.send(req.body);\n});",
    // Escaped before it is written.
    [
      "import escapeHtml from 'escape-html';",
      "app.get('/search', (req, res) => {",
      '  res.send(`<h1>Results for ${escapeHtml(req.query.q)}</h1>`);',
      '});',
    ].join('\n'),
    "import he from 'he';\napp.get('/hi', (req, res) => {\n  res.send('<p>Hello ' + he.encode(req.query.name) + '</p>');\n});",
    // A plain-text or JSON content type set first.
    "app.get('/plain', (req, res) => {\n  res.type('text/plain').send(`You asked for ${req.query.item}`);\n});",
    "app.get('/plain', (req, res) => {\n  res.set('Content-Type', 'text/plain; charset=utf-8');\n  res.send('Unknown item: ' + req.query.item);\n});",
    "http.createServer((req, res) => {\n  res.writeHead(400, { 'Content-Type': 'application/json' });\n  res.end(`{\"error\": \"bad path ${req.url}\"}`);\n});",
    "router.get('/k', async (ctx) => {\n  ctx.type = 'text/plain';\n  ctx.body = `echo: ${ctx.query.msg}`;\n});",
    // Numbers.
    "app.get('/count', (req, res) => {\n  const n = parseInt(req.query.n, 10) || 0;\n  res.send(`<p>You have ${n} notifications</p>`);\n});",
    // Template engines escape data passed to res.render.
    "app.get('/profile', (req, res) => {\n  res.render('profile', { name: req.query.name });\n});",
    // Headers and cookies cannot be set in a victim's browser through a link.
    "app.get('/ua', (req, res) => {\n  res.send(`<p>Your browser: ${req.headers['user-agent']}</p>`);\n});",
    // A fetch result named res is not the response being written.
    "export async function load(req: Request) {\n  const res = await fetch(`https://api.example.com/items?q=${req.query.q}`);\n  return res.json();\n}",
    // Each element escaped in the map callback.
    [
      "import escapeHtml from 'escape-html';",
      "app.get('/tags', (req, res) => {",
      "  const tags = String(req.query.tags).split(',');",
      "  res.send(`<ul>${tags.map((tag) => `<li>${escapeHtml(tag)}</li>`).join('')}</ul>`);",
      '});',
    ].join('\n'),
    // Hono's JSON and text helpers.
    "app.get('/ok', (c) => c.json({ q: c.req.query('q') }));\napp.get('/t', (c) => c.text(`echo ${c.req.query('q')}`));",
    // Fixed markup.
    "app.use((req, res) => {\n  res.status(404).send('<h1>Not found</h1>');\n});",
  ],
  invalid: [
    {
      code: "app.get('/search', (req, res) => {\n  res.send(`<h1>Results for ${req.query.q}</h1>`);\n});",
      errors: [{ line: 2, column: 3, endColumn: 50, confidence: 'high', message: /res\.send\(\) writes request input \(req\.query\) into HTML without escaping; a crafted link can inject script/ }],
    },
    {
      // Express sends strings as text/html: medium without visible markup.
      code: "app.get('/users/:id', async (req, res) => {\n  const user = await db.users.find(req.params.id);\n  if (!user) return res.status(404).send('No user ' + req.params.id);\n  res.json(user);\n});",
      errors: [{ line: 3, column: 21, endColumn: 69, confidence: 'medium', message: /res\.send\(\) writes request input \(req\.params\) into a response the browser may render as HTML/ }],
    },
    {
      // Markup built up in a variable.
      code: [
        "app.get('/tags', (req, res) => {",
        "  let html = '<ul>';",
        "  for (const tag of String(req.query.tags).split(',')) html += `<li>${tag}</li>`;",
        "  html += '</ul>';",
        '  res.status(200).send(html);',
        '});',
      ].join('\n'),
      errors: [{ line: 5, column: 3, endColumn: 29, confidence: 'high' }],
    },
    {
      code: "router.get('/welcome', async (ctx) => {\n  ctx.body = `<p>Welcome, ${ctx.query.name}!</p>`;\n});",
      errors: [{ line: 2, column: 3, endColumn: 50, confidence: 'high', message: /Setting ctx\.body writes request input \(ctx\.query\) into HTML/ }],
    },
    {
      code: [
        "import http from 'node:http';",
        'http.createServer((req, res) => {',
        "  const q = new URL(req.url ?? '/', 'http://localhost').searchParams.get('q');",
        "  res.writeHead(200, { 'Content-Type': 'text/html' });",
        "  res.end('<p>You searched for ' + q + '</p>');",
        '}).listen(3000);',
      ].join('\n'),
      errors: [{ line: 5, column: 3, endColumn: 47, confidence: 'high', message: /res\.end\(\)/ }],
    },
    {
      // An explicit HTML type makes a bare value HTML too.
      code: "app.get('/raw', (req, res) => {\n  res.type('html');\n  res.send(req.query.content);\n});",
      errors: [{ line: 3, column: 3, endColumn: 30, confidence: 'high', message: /into a response the browser may render as HTML/ }],
    },
    {
      // JSON.stringify does not escape "</script>".
      code: "app.get('/callback', (req, res) => {\n  res.set('Content-Type', 'text/html');\n  res.end(`<script>window.opener.postMessage(${JSON.stringify({ code: req.query.code })}, location.origin)</script>`);\n});",
      errors: [{ line: 3, column: 3, endColumn: 118, confidence: 'high' }],
    },
    {
      // Rendered Markdown is raw HTML.
      code: "const { marked } = require('marked');\napp.post('/api/preview', (req, res) => {\n  res.send(marked.parse(req.body.markdown));\n});",
      errors: [{ line: 3, column: 3, endColumn: 44, confidence: 'high', message: /request input \(req\.body\) into HTML/ }],
    },
    {
      code: "app.get('/greet', (req, res) => {\n  res.write('<html><body>');\n  res.write(`<h2>Hi ${req.query.name}</h2>`);\n  res.end('</body></html>');\n});",
      errors: [{ line: 3, column: 3, endColumn: 45, confidence: 'high', message: /res\.write\(\)/ }],
    },
    {
      code: [
        "app.get('/tags', (req, res) => {",
        "  const tags = String(req.query.tags).split(',');",
        "  res.send(`<ul>${tags.map((tag) => `<li>${tag}</li>`).join('')}</ul>`);",
        '});',
      ].join('\n'),
      errors: [{ line: 3, column: 3, endColumn: 72, confidence: 'high' }],
    },
    {
      // Error middleware: the request is the second parameter.
      code: "app.use((err, req, res, next) => {\n  res.status(500).send(`<pre>Error while loading ${req.originalUrl}</pre>`);\n});",
      errors: [{ line: 2, column: 3, endColumn: 76, confidence: 'high', message: /req\.originalUrl/ }],
    },
    {
      code: "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/hi', (c) => {\n  const name = c.req.query('name');\n  return c.html(`<p>Hello ${name}</p>`);\n});",
      errors: [{ line: 5, column: 10, endColumn: 40, confidence: 'high', message: /c\.html\(\) writes request input \(c\.req\.query\(\)\) into HTML/ }],
    },
  ],
});
