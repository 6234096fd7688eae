import { formatString } from '../../../src/core/rules/format-string';
import { testRule } from '../../helpers/rule-tester';

testRule(formatString, {
  valid: [
    // Input as an argument of a constant format.
    "app.delete('/api/items/:id', (req, res) => {\n  console.info('Deleting item %s', req.params.id);\n  res.sendStatus(204);\n});",
    "app.get('/x', (req, res) => {\n  console.warn(util.format('Item %s deleted by %s', req.params.id, req.user.email));\n  res.end();\n});",
    // A single argument: nothing for specifiers to consume, they are printed as written.
    "app.post('/login', (req, res) => {\n  console.log(`Login attempt for ${req.body.email}`);\n  res.end();\n});",
    "app.get('/search', (req, res) => {\n  console.log(req.query.q);\n  res.json([]);\n});",
    // Unknown origin is never reported.
    'export function logEvent(message: string, meta: object) {\n  console.log(message, meta);\n}',
    "const VERSION_FORMAT = '%s v%s (%s)';\nconsole.log(VERSION_FORMAT, 'inventory-api', process.env.npm_package_version, process.platform);",
    // Command-line arguments are chosen by whoever runs the script.
    "const [, , label] = process.argv;\nconsole.log(label, new Date().toISOString());",
    // Numbers cannot carry specifiers; other loggers do not read printf formats by default.
    "app.get('/page', (req, res) => {\n  console.log(Number(req.query.page), 'requested');\n  logger.info(req.query.q, { route: '/page' });\n  res.end();\n});",
    // Error middleware with a constant format.
    "app.use((err, req, res, next) => {\n  console.error('Unhandled error on %s %s:', req.method, req.originalUrl, err);\n  res.status(500).end();\n});",
  ],
  invalid: [
    {
      code: "app.post('/api/audit', (req, res) => {\n  console.log(`User ${req.body.user} did ${req.body.action}`, new Date());\n  res.sendStatus(204);\n});",
      errors: [{
        line: 2,
        column: 15,
        endColumn: 61,
        confidence: 'high',
        message: /The format string of console\.log\(\) contains request input \(req\.body\); specifiers such as %s, %j or %o in it consume the other arguments/,
        fixes: [{
          safety: 'safe',
          title: /^Pass the input as an argument of a constant '%s' format$/,
          output: "app.post('/api/audit', (req, res) => {\n  console.log('%s', `User ${req.body.user} did ${req.body.action}`, new Date());\n  res.sendStatus(204);\n});",
        }],
      }],
    },
    {
      code: "app.get('/search', (req, res) => {\n  console.info('Search: ' + req.query.q, { ip: req.ip });\n  res.json([]);\n});",
      errors: [{
        line: 2,
        column: 16,
        endColumn: 40,
        confidence: 'high',
        fixes: [{ safety: 'safe', output: "app.get('/search', (req, res) => {\n  console.info('%s', 'Search: ' + req.query.q, { ip: req.ip });\n  res.json([]);\n});" }],
      }],
    },
    {
      // A bare value may be an object: '%s' would print it with depth 0, so the fix needs review.
      code: "router.post('/events', async (ctx) => {\n  const { message, level } = ctx.request.body;\n  console.warn(message, level);\n  ctx.status = 202;\n});",
      errors: [{
        line: 3,
        column: 16,
        endColumn: 23,
        confidence: 'high',
        message: /console\.warn\(\) contains request input \(ctx\.request\.body\)/,
        fixes: [{
          safety: 'review',
          title: /\(review: an object in that position is then printed with depth 0\)/,
          output: "router.post('/events', async (ctx) => {\n  const { message, level } = ctx.request.body;\n  console.warn('%s', message, level);\n  ctx.status = 202;\n});",
        }],
      }],
    },
    {
      code: "import util from 'node:util';\napp.post('/notify', (req, res) => {\n  const text = util.format(req.body.template, req.user.name, req.body.amount);\n  res.json({ text });\n});",
      errors: [{
        line: 3,
        column: 28,
        endColumn: 45,
        confidence: 'high',
        message: /util\.format\(\)/,
        fixes: [{ safety: 'review', output: "import util from 'node:util';\napp.post('/notify', (req, res) => {\n  const text = util.format('%s', req.body.template, req.user.name, req.body.amount);\n  res.json({ text });\n});" }],
      }],
    },
    {
      code: "import { format } from 'util';\nexport function greet(req: Request, res: Response) {\n  res.send(format(`Hello ${req.query.name}`, '!'));\n}",
      errors: [{ line: 3, column: 19, endColumn: 44, confidence: 'high', message: /util\.format\(\)/, fixes: [{ safety: 'safe', output: "import { format } from 'util';\nexport function greet(req: Request, res: Response) {\n  res.send(format('%s', `Hello ${req.query.name}`, '!'));\n}" }] }],
    },
    {
      // Express error middleware receives the request as its second parameter.
      code: "app.use((err, req, res, next) => {\n  console.error(`Unhandled error on ${req.method} ${req.originalUrl}:`, err);\n  res.status(500).json({ error: 'Internal error' });\n});",
      errors: [{ line: 2, column: 17, endColumn: 71, confidence: 'high', message: /request input \(req\.originalUrl\)/, fixes: [{ safety: 'safe', output: "app.use((err, req, res, next) => {\n  console.error('%s', `Unhandled error on ${req.method} ${req.originalUrl}:`, err);\n  res.status(500).json({ error: 'Internal error' });\n});" }] }],
    },
    {
      code: "fastify.get('/hook', async (request, reply) => {\n  console.debug(request.headers['x-event'] + ' received', request.id);\n  return { ok: true };\n});",
      errors: [{ line: 2, column: 17, endColumn: 57, confidence: 'high', message: /request\.headers/, fixes: [{ safety: 'safe', output: "fastify.get('/hook', async (request, reply) => {\n  console.debug('%s', request.headers['x-event'] + ' received', request.id);\n  return { ok: true };\n});" }] }],
    },
    {
      code: "window.addEventListener('message', (event) => {\n  console.log(event.data, event.origin);\n});",
      errors: [{ line: 2, column: 15, endColumn: 25, confidence: 'high', message: /message data/, fixes: [{ safety: 'review', output: "window.addEventListener('message', (event) => {\n  console.log('%s', event.data, event.origin);\n});" }] }],
    },
  ],
});
