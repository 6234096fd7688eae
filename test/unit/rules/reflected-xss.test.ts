import { reflectedXss } from '../../../src/core/rules/reflected-xss';
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/engine';
import { applyFix, testRule } from '../../helpers/rule-tester';

const ESCAPE_LT = /^Escape < in the JSON with \.replace\(\/<\/g, '\\\\u003c'\) \(safe: /;

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
      errors: [{ line: 3, column: 3, endColumn: 118, confidence: 'high', fixes: [{ safety: 'safe', title: ESCAPE_LT, output: "app.get('/callback', (req, res) => {\n  res.set('Content-Type', 'text/html');\n  res.end(`<script>window.opener.postMessage(${JSON.stringify({ code: req.query.code }).replace(/</g, '\\\\u003c')}, location.origin)</script>`);\n});" }] }],
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
    {
      // The shape assistants write to hand server data to the page: a safe fix.
      code: 'app.get("/", (req, res) => {\n  res.send(`<script>window.s = ${JSON.stringify(req.query)}</script>`);\n});',
      errors: [{ line: 2, column: 3, confidence: 'high', fixes: [{ safety: 'safe', title: ESCAPE_LT, output: 'app.get("/", (req, res) => {\n  res.send(`<script>window.s = ${JSON.stringify(req.query).replace(/</g, \'\\\\u003c\')}</script>`);\n});' }] }],
    },
    {
      // A JSON data block with a nonce, built with +; the body may be undefined, so String() keeps "undefined".
      code: "app.post('/state', (req, res) => {\n  res.send('<div id=\"app\"></div><script nonce=\"' + res.locals.nonce + '\" type=\"application/json\" id=\"state\">' + JSON.stringify(req.body, null, 2) + '</script>');\n});",
      errors: [{ line: 2, column: 3, confidence: 'high', fixes: [{ safety: 'safe', output: "app.post('/state', (req, res) => {\n  res.send('<div id=\"app\"></div><script nonce=\"' + res.locals.nonce + '\" type=\"application/json\" id=\"state\">' + String(JSON.stringify(req.body, null, 2)).replace(/</g, '\\\\u003c') + '</script>');\n});" }] }],
    },
    {
      // Two JSON values in one script: both escaped by the one fix.
      code: "app.get('/boot', (req, res) => {\n  res.send(`<SCRIPT>window.q = ${JSON.stringify(req.query)}; window.p = ${JSON.stringify(req.params)};</SCRIPT>`);\n});",
      errors: [{ line: 2, column: 3, fixes: [{ safety: 'safe', output: "app.get('/boot', (req, res) => {\n  res.send(`<SCRIPT>window.q = ${JSON.stringify(req.query).replace(/</g, '\\\\u003c')}; window.p = ${JSON.stringify(req.params).replace(/</g, '\\\\u003c')};</SCRIPT>`);\n});" }] }],
    },
    // No fix: JSON outside a script element is text, where \u003c would show as it is.
    {
      code: "app.get('/debug', (req, res) => {\n  res.send(`<script>init()</script><pre>${JSON.stringify(req.query)}</pre>`);\n});",
      errors: [{ line: 2, column: 3, confidence: 'high' }],
    },
    // No fix: a template script type is read as text, not as JavaScript or JSON.
    {
      code: "app.get('/t', (req, res) => {\n  res.send(`<script type=\"text/x-template\">${JSON.stringify(req.query)}</script>`);\n});",
      errors: [{ line: 2, column: 3 }],
    },
    // No fix: the input also reaches the markup raw.
    {
      code: "app.get('/both', (req, res) => {\n  res.send(`<h1>${req.query.title}</h1><script>window.s = ${JSON.stringify(req.query)}</script>`);\n});",
      errors: [{ line: 2, column: 3 }],
    },
    // No fix: other markup written into the script before the JSON may have closed it.
    {
      code: "app.get('/mixed', (req, res) => {\n  res.send(`<script>${inlineScript}window.s = ${JSON.stringify(req.query)}</script>`);\n});",
      errors: [{ line: 2, column: 3 }],
    },
    // No fix: an indent string may put < outside the JSON strings.
    {
      code: "app.get('/indent', (req, res) => {\n  res.send(`<script>window.s = ${JSON.stringify(req.query, null, indent)}</script>`);\n});",
      errors: [{ line: 2, column: 3 }],
    },
    // No fix: the type attribute is chosen at run time.
    {
      code: "app.get('/typed', (req, res) => {\n  res.send(`<script type=\"${scriptType}\">window.s = ${JSON.stringify(req.query)}</script>`);\n});",
      errors: [{ line: 2, column: 3 }],
    },
  ],
});

describe('reflected-xss: the JSON-in-script fix keeps the data', () => {
  const code = 'app.get("/", (req, res) => {\n  res.send(`<script>window.s = ${JSON.stringify(req.query)}</script><p>after</p>`);\n});';
  const fix = analyze(code, 'file.js', {}).findings.find((finding) => finding.ruleId === 'reflected-xss')?.fixes[0];
  const nasty = [
    { q: '</script><script>alert(1)</script>' }, { q: '<!--<script>' }, { q: 'a\u2028b\u2029c' }, { '</script>': ['<', '\\<'] },
    { q: '\ud800' }, { q: '</SCRIPT >' }, { n: ['1', '2'], deep: { x: '<!-- -->' } }, {},
  ];
  /** Runs the handler with a fake app and response; returns what it sent. */
  function send(source: string, query: unknown): string {
    let sent = '';
    const app = { get: (_path: string, handler: (req: unknown, res: unknown) => void) => handler({ query }, { send: (html: string) => { sent = html; } }) };
    new Function('app', source)(app);
    return sent;
  }
  /** What the HTML tokenizer gives the script: everything up to the first "</script" (no "<!--" can precede it here). */
  function scriptValue(html: string): unknown {
    const body = /^<script>([^]*?)<\/script/i.exec(html)?.[1] ?? '';
    assert.ok(!body.includes('<'), 'no < left inside the script element');
    const window: { s?: unknown } = {};
    new Function('window', body)(window);
    return window.s;
  }
  it('offers the fix', () => assert.equal(fix?.safety, 'safe'));
  for (const query of nasty) {
    it(`evaluates to the same value for ${JSON.stringify(query)}`, () => {
      const html = send(applyFix(code, fix!), query);
      assert.deepStrictEqual(scriptValue(html), query);
      assert.ok(html.endsWith('</script><p>after</p>'), 'the element ends where the code ends it');
    });
  }
  it('the original breaks out of the script element', () => {
    const html = send(code, nasty[0]);
    assert.equal(/^<script>([^]*?)<\/script/i.exec(html)?.[1], 'window.s = {"q":"');
  });
});
