import { pathTraversal } from '../../../src/core/rules/path-traversal';
import { testRule } from '../../helpers/rule-tester';

testRule(pathTraversal, {
  valid: [
    // basename keeps only the file name.
    `import path from 'path';
app.get('/static/:file', (req, res) => {
  res.sendFile(path.join(__dirname, 'public', path.basename(req.params.file)));
});`,
    // Resolved, then checked to stay inside the base directory.
    `import { readFile } from 'fs/promises';
app.get('/docs', async (req, res) => {
  const requested = path.resolve(DOCS_DIR, req.query.name);
  if (!requested.startsWith(DOCS_DIR + path.sep)) return res.status(403).end();
  res.type('text/markdown').send(await readFile(requested, 'utf8'));
});`,
    // Express refuses paths that leave the root option.
    `app.get('/assets', (req, res) => {
  res.sendFile(req.query.file, { root: path.join(__dirname, 'public') });
});
app.get('/files/:name', (req, res) => {
  res.download(req.params.name, req.params.name, { root: UPLOAD_DIR });
});`,
    `app.get('/x/*', (req, res) => {
  const options = { root: PUBLIC_DIR, dotfiles: 'deny' };
  res.sendFile(req.params[0], options);
});`,
    // Rejected when it contains "..".
    `app.post('/notes', async (req, res) => {
  const { filename, content } = req.body;
  if (filename.includes('..')) return res.status(400).send('invalid name');
  await fs.promises.writeFile(path.join(NOTES_DIR, filename), content);
  res.sendStatus(201);
});`,
    // Input is the content, not the path.
    `app.post('/log', async (req, res) => {
  await fs.promises.appendFile(path.join(LOG_DIR, 'client.log'), req.body.message + '\\n');
  res.end();
});`,
    // Paths chosen by the upload middleware.
    `app.post('/avatar', upload.single('avatar'), async (req, res) => {
  const image = fs.readFileSync(req.file.path);
  await fs.promises.rename(req.file.path, path.join(AVATAR_DIR, req.file.filename));
  res.json({ size: image.length });
});`,
    // Command-line tools open what their user asks for.
    `const [, , input] = process.argv;
const text = fs.readFileSync(process.argv[2], 'utf8');
fs.writeFileSync(input + '.out', text.toUpperCase());`,
    // Leading ../ stripped after normalising, then joined to a base.
    `app.get('/public', (req, res) => {
  const safe = path.normalize(req.query.file).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  fs.createReadStream(path.join(__dirname, 'public', safe)).pipe(res);
});`,
    // Fastify's reply.sendFile serves from the configured root.
    `fastify.get('/files/:name', async (request, reply) => {
  return reply.sendFile(request.params.name);
});`,
    // Numbers and ids from a lookup, not raw text.
    `app.get('/invoices/:id', (req, res) => {
  const id = parseInt(req.params.id, 10);
  res.sendFile(path.join(INVOICE_DIR, \`invoice-\${id}.pdf\`));
});`,
    // Checked against an allowlist as a member path.
    `const LEGAL_DOCS = ['terms.pdf', 'privacy.pdf'];
app.get('/legal', (req, res) => {
  if (!LEGAL_DOCS.includes(req.query.doc)) return res.status(404).end();
  res.sendFile(path.join(__dirname, 'legal', req.query.doc));
});`,
    // Unknown origin is not reported.
    `export async function loadTemplate(name) {
  return fs.promises.readFile(path.join(TEMPLATES, name + '.html'), 'utf8');
}`,
  ],
  invalid: [
    {
      code: `const fs = require('fs');
const path = require('path');
app.get('/files/:name', (req, res) => {
  const filePath = path.join(__dirname, 'uploads', req.params.name);
  fs.readFile(filePath, 'utf8', (err, data) => res.send(data));
});`,
      errors: [{ line: 5, column: 15, endColumn: 23, confidence: 'high', message: /^fs\.readFile\(\) uses a path built from user input; a value such as \.\.\/\.\.\/etc\/passwd/ }],
    },
    {
      code: `import path from 'node:path';
app.get('/download', (req, res) => {
  res.download(path.join(UPLOAD_DIR, req.query.file));
});`,
      errors: [{ line: 3, column: 16, endColumn: 53, confidence: 'high', message: /^res\.download\(\)/ }],
    },
    {
      code: `app.get('/report', (req, res) => {
  res.sendFile(path.join(__dirname, 'reports', req.query.name), (err) => {
    if (err) res.status(404).end();
  });
});`,
      errors: [{ line: 2, column: 16, endColumn: 63, confidence: 'high', message: /^res\.sendFile\(\)/ }],
    },
    {
      code: `import fs from 'fs/promises';
app.delete('/files/:name', async (req, res) => {
  await fs.unlink(\`./uploads/\${req.params.name}\`);
  res.sendStatus(204);
});`,
      errors: [{ line: 3, column: 19, endColumn: 49, confidence: 'high', message: /^fs\/promises\.unlink\(\)/ }],
    },
    {
      code: `router.get('/avatar/:user', async (ctx) => {
  const file = path.join(AVATARS, \`\${ctx.params.user}.png\`);
  ctx.type = 'image/png';
  ctx.body = fs.createReadStream(file);
});`,
      errors: [{ line: 4, column: 34, endColumn: 38, confidence: 'high', message: /fs\.createReadStream\(\)/ }],
    },
    {
      code: `export default function handler(req, res) {
  const { slug } = req.query;
  const markdown = fs.readFileSync(path.join(process.cwd(), 'posts', \`\${slug}.md\`), 'utf8');
  res.status(200).json({ markdown });
}`,
      errors: [{ line: 3, column: 36, endColumn: 83, confidence: 'high', message: /fs\.readFileSync\(\)/ }],
    },
    {
      code: `import { promises as fsp } from 'fs';
app.post('/save', async (req, res) => {
  const { name, data } = req.body;
  await fsp.writeFile(path.resolve('./data', name), data);
  res.sendStatus(201);
});`,
      errors: [{ line: 4, column: 23, endColumn: 51, confidence: 'high', message: /^fs\.promises\.writeFile\(\)/ }],
    },
    {
      code: `fastify.post('/move', async (request, reply) => {
  const { from, to } = request.body;
  await fs.promises.rename(path.join(STORAGE, from), path.join(STORAGE, 'archive', to));
  return { ok: true };
});`,
      errors: [{ line: 3, column: 28, endColumn: 52, confidence: 'high', message: /fs\.promises\.rename\(\)/ }],
    },
    {
      code: `app.get('/list', (req, res) => {
  const dir = req.query.dir || '.';
  res.json(fs.readdirSync(path.join(ROOT, dir)));
});`,
      errors: [{ line: 3, column: 27, endColumn: 47, confidence: 'high', message: /fs\.readdirSync\(\)/ }],
    },
    {
      code: `app.get('/legal', (req, res) => {
  // A presence check is not validation.
  if (!req.query.doc) return res.status(400).end();
  res.sendFile(path.join(__dirname, 'legal', req.query.doc));
});`,
      errors: [{ line: 4, column: 16, endColumn: 60, confidence: 'high' }],
    },
    {
      code: `app.get('/raw', (req, res) => {
  // Only the leading ../ is removed, but the result is used as it is: /etc/passwd still works.
  const cleaned = path.normalize(req.query.p).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  fs.createReadStream(cleaned).pipe(res);
});`,
      errors: [{ line: 4, column: 23, endColumn: 30, confidence: 'high' }],
    },
  ],
});
