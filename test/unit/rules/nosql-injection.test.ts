import { nosqlInjection } from '../../../src/core/rules/nosql-injection';
import { testRule } from '../../helpers/rule-tester';

const STRING_FIX = /Coerce the value with String\(\) \(review: numbers, booleans and arrays/;

testRule(nosqlInjection, {
  valid: [
    // Coerced to a string before it reaches the filter.
    [
      "router.post('/login', async (req, res) => {",
      '  const email = String(req.body.email);',
      '  const user = await User.findOne({ email });',
      '  res.json({ ok: !!user });',
      '});',
    ].join('\n'),
    "app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: `${req.body.email}` });\n  res.json(user);\n});",
    "app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email.trim().toLowerCase() });\n  res.json(user);\n});",
    // findById casts its argument to an ObjectId; path parameters are always strings.
    "app.get('/users/:id', async (req, res) => {\n  const user = await User.findById(req.params.id);\n  const same = await User.findOne({ _id: req.params.id });\n  res.json({ user, same });\n});",
    // Checked to be a string first.
    [
      "app.post('/reset', async (req, res) => {",
      '  const { token } = req.body;',
      "  if (typeof token !== 'string') return res.status(400).json({ error: 'bad token' });",
      '  const user = await User.findOne({ resetToken: token });',
      '  res.json({ ok: !!user });',
      '});',
    ].join('\n'),
    // $eq compares the value literally, operators inside it are not interpreted.
    "app.get('/by-email', async (req, res) => {\n  res.json(await User.findOne({ email: { $eq: req.query.email } }));\n});",
    // The app strips $-keys from every request.
    [
      "import mongoSanitize from 'express-mongo-sanitize';",
      'app.use(mongoSanitize());',
      "app.post('/login', async (req, res) => {",
      '  res.json(await User.findOne({ email: req.body.email }));',
      '});',
    ].join('\n'),
    // Validated by a schema: the result is not request input any more.
    [
      "import { z } from 'zod';",
      'const Login = z.object({ email: z.string().email(), password: z.string() });',
      "app.post('/login', async (req, res) => {",
      '  const { email } = Login.parse(req.body);',
      '  res.json(await User.findOne({ email }));',
      '});',
    ].join('\n'),
    // SQL ORMs: a JSON object cannot add an operator to their filters.
    [
      "import { Op } from 'sequelize';",
      "app.post('/login', async (req, res) => {",
      '  const user = await User.findOne({ where: { email: req.body.email } });',
      '  const again = await User.findOne({ email: req.body.email });',
      '  res.json({ user, again });',
      '});',
    ].join('\n'),
    "app.get('/u', async (req, res) => {\n  const user = await this.userRepository.findOne({ email: req.query.email });\n  res.json(user);\n});",
    // Array#find with a callback, lodash find.
    "app.get('/plan', (req, res) => {\n  const plan = PLANS.find((p) => p.id === req.query.plan);\n  const other = _.find(PLANS, { id: req.query.plan });\n  res.json({ plan, other });\n});",
    // Constant filters and $where with a function.
    "async function activeUsers() {\n  return User.find({ status: 'active', $where: function () { return this.credits > 0; } });\n}",
    // Next.js API routes parse the query string flat (strings and arrays only).
    { code: "export default async function posts(req, res) {\n  res.json(await Post.find({ slug: req.query.slug }));\n}", filename: 'pages/api/posts.ts' },
    // Numbers cannot carry operators.
    "app.get('/page', async (req, res) => {\n  const page = Number(req.query.page);\n  res.json(await Post.find({ page }));\n});",
  ],
  invalid: [
    {
      code: [
        "router.post('/login', async (req, res) => {",
        '  const user = await User.findOne({ email: req.body.email, password: req.body.password });',
        "  if (!user) return res.status(401).json({ error: 'Invalid credentials' });",
        '  res.json({ id: user.id });',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 2,
          column: 44,
          endColumn: 58,
          confidence: 'high',
          message: /query filter field 'email' takes request input \(req\.body\) as parsed, so a JSON object such as \{"\$ne": null\}/,
          fixes: [{
            safety: 'review',
            title: STRING_FIX,
            output: [
              "router.post('/login', async (req, res) => {",
              '  const user = await User.findOne({ email: String(req.body.email), password: req.body.password });',
              "  if (!user) return res.status(401).json({ error: 'Invalid credentials' });",
              '  res.json({ id: user.id });',
              '});',
            ].join('\n'),
          }],
        },
        {
          line: 2,
          column: 70,
          endColumn: 87,
          confidence: 'high',
          message: /field 'password'/,
          fixes: [{
            safety: 'review',
            output: [
              "router.post('/login', async (req, res) => {",
              '  const user = await User.findOne({ email: req.body.email, password: String(req.body.password) });',
              "  if (!user) return res.status(401).json({ error: 'Invalid credentials' });",
              '  res.json({ id: user.id });',
              '});',
            ].join('\n'),
          }],
        },
      ],
    },
    {
      // Shorthand properties: the fix spells the key out.
      code: "export const login = async (req: Request, res: Response) => {\n  const { username } = req.body;\n  const user = await User.findOne({ username }).select('+password');\n  res.json(user);\n};",
      errors: [{
        line: 3,
        column: 37,
        endColumn: 45,
        confidence: 'high',
        message: /field 'username'/,
        fixes: [{
          safety: 'review',
          output: "export const login = async (req: Request, res: Response) => {\n  const { username } = req.body;\n  const user = await User.findOne({ username: String(username) }).select('+password');\n  res.json(user);\n};",
        }],
      }],
    },
    {
      code: "app.get('/api/users', async (req, res) => {\n  const users = await db.collection('users').find(req.query).toArray();\n  res.json(users);\n});",
      errors: [{ line: 2, column: 51, endColumn: 60, confidence: 'high', message: /The whole query filter is request input \(req\.query\)/ }],
    },
    {
      // A filter built up field by field before the query.
      code: [
        "app.get('/api/orders', async (req, res) => {",
        '  const filter: Record<string, unknown> = { owner: req.user.id };',
        '  if (req.query.status) filter.status = req.query.status;',
        '  res.json(await Order.find(filter).sort({ createdAt: -1 }));',
        '});',
      ].join('\n'),
      errors: [{ line: 3, column: 41, endColumn: 57, confidence: 'high', message: /field 'status' takes request input \(req\.query\)/, fixes: [{ safety: 'review', output: [
        "app.get('/api/orders', async (req, res) => {",
        '  const filter: Record<string, unknown> = { owner: req.user.id };',
        '  if (req.query.status) filter.status = String(req.query.status);',
        '  res.json(await Order.find(filter).sort({ createdAt: -1 }));',
        '});',
      ].join('\n') }] }],
    },
    {
      code: "router.get('/products/search', async (req, res) => {\n  const products = await Product.find({ $where: `this.name.includes('${req.query.q}')` });\n  res.json(products);\n});",
      errors: [{ line: 2, column: 41, endColumn: 87, confidence: 'high', message: /\$where runs user input as JavaScript inside MongoDB/ }],
    },
    {
      // Built from values of unknown origin.
      code: 'export function findByExpression(expr: string) {\n  return Report.find().$where("return " + expr);\n}',
      errors: [{ line: 2, column: 10, endColumn: 48, confidence: 'medium', message: /\$where runs a string built at run time/ }],
    },
    {
      code: "app.post('/api/docs', async (req, res) => {\n  const docs = await Doc.find({ $or: [{ owner: req.body.owner }, { shared: true }] });\n  res.json(docs);\n});",
      errors: [{ line: 2, column: 48, endColumn: 62, confidence: 'high', message: /field 'owner'/, fixes: [{ safety: 'review', output: "app.post('/api/docs', async (req, res) => {\n  const docs = await Doc.find({ $or: [{ owner: String(req.body.owner) }, { shared: true }] });\n  res.json(docs);\n});" }] }],
    },
    {
      code: "app.get('/api/stats', async (req, res) => {\n  const stats = await Sale.aggregate([\n    { $match: { region: req.query.region } },\n    { $group: { _id: '$product', total: { $sum: '$amount' } } },\n  ]);\n  res.json(stats);\n});",
      errors: [{ line: 3, column: 25, endColumn: 41, confidence: 'high', message: /field 'region'/, fixes: [{ safety: 'review', output: "app.get('/api/stats', async (req, res) => {\n  const stats = await Sale.aggregate([\n    { $match: { region: String(req.query.region) } },\n    { $group: { _id: '$product', total: { $sum: '$amount' } } },\n  ]);\n  res.json(stats);\n});" }] }],
    },
    {
      // Koa parses the query string flat by default: medium.
      code: "router.get('/items', async (ctx) => {\n  ctx.body = await Item.find({ category: ctx.query.category });\n});",
      errors: [{ line: 2, column: 42, endColumn: 60, confidence: 'medium', message: /ctx\.query/, fixes: [{ safety: 'review', output: "router.get('/items', async (ctx) => {\n  ctx.body = await Item.find({ category: String(ctx.query.category) });\n});" }] }],
    },
    {
      code: "app.get('/api/products', async (req, res) => {\n  const filter = JSON.parse(req.query.filter);\n  res.json(await Product.find(filter));\n});",
      errors: [{ line: 3, column: 31, endColumn: 37, confidence: 'high', message: /The whole query filter/ }],
    },
    {
      code: "app.get('/api/tasks', async (req, res) => {\n  const tasks = await Task.find({ ...req.query, deleted: false });\n  res.json(tasks);\n});",
      errors: [{ line: 2, column: 35, endColumn: 47, confidence: 'high', message: /spreads request input \(req\.query\) into itself/ }],
    },
    {
      // Next.js route handler: the JSON body.
      code: [
        "import { NextResponse } from 'next/server';",
        'export async function POST(req: Request) {',
        '  const body = await req.json();',
        '  const account = await accounts.findOne({ apiKey: body.apiKey });',
        '  return NextResponse.json({ ok: !!account });',
        '}',
      ].join('\n'),
      errors: [{ line: 4, column: 52, endColumn: 63, confidence: 'high', message: /req\.json\(\)/, fixes: [{ safety: 'review', output: [
        "import { NextResponse } from 'next/server';",
        'export async function POST(req: Request) {',
        '  const body = await req.json();',
        '  const account = await accounts.findOne({ apiKey: String(body.apiKey) });',
        '  return NextResponse.json({ ok: !!account });',
        '}',
      ].join('\n') }] }],
    },
  ],
});
