import { massAssignment } from '../../../src/core/rules/mass-assignment';
import { testRule } from '../../helpers/rule-tester';

testRule(massAssignment, {
  valid: [
    // Picked fields.
    "const User = require('../models/User');\nrouter.post('/users', async (req, res) => {\n  const { name, email } = req.body;\n  res.status(201).json(await User.create({ name, email }));\n});",
    "router.post('/users/v2', async (req, res) => {\n  const user = await User.create({ name: req.body.name, email: req.body.email });\n  res.status(201).json(user);\n});",
    [
      "const _ = require('lodash');",
      "router.patch('/users/:id', async (req, res) => {",
      "  const updates = _.pick(req.body, ['name', 'bio', 'avatarUrl']);",
      '  res.json(await User.findByIdAndUpdate(req.params.id, updates, { new: true }));',
      '});',
    ].join('\n'),
    // A schema's parse/validate result: zod and Joi drop or reject unknown keys.
    [
      "import { z } from 'zod';",
      "import { User } from './models/user';",
      'const CreateUser = z.object({ name: z.string(), email: z.string().email() });',
      'export async function createUser(req: Request, res: Response) {',
      '  const data = CreateUser.parse(req.body);',
      '  res.status(201).json(await User.create(data));',
      '}',
    ].join('\n'),
    [
      "app.post('/products', async (req, res) => {",
      '  const { error } = productSchema.validate(req.body);',
      '  if (error) return res.status(400).json({ error: error.message });',
      '  res.status(201).json(await Product.create(req.body));',
      '});',
    ].join('\n'),
    "router.post('/items', validate(itemSchema), async (req, res) => {\n  res.status(201).json(await Item.create(req.body));\n});",
    // Sequelize writes only the listed fields.
    "app.post('/users', async (req, res) => {\n  const user = await User.create(req.body, { fields: ['name', 'email'] });\n  res.json(user);\n});",
    // Not a model: services, SDK clients, plain objects.
    "app.post('/orders', async (req, res) => {\n  const order = await orderService.create(req.body);\n  const session = await stripe.checkout.sessions.create(req.body);\n  const copy = Object.assign({}, req.body);\n  res.json({ order, session, copy });\n});",
    "app.post('/x', (req, res) => {\n  const proto = Object.create(req.body);\n  const err = new ValidationError(req.body);\n  res.json({ proto, err });\n});",
    // Prisma with picked fields.
    "router.post('/posts/v2', async (req, res) => {\n  const { title, content } = req.body;\n  const post = await prisma.post.create({ data: { title, content, authorId: req.user.id } });\n  res.status(201).json(post);\n});",
    // A loaded record updated with one coerced field.
    "export async function renameTag(req: Request, res: Response) {\n  const tag = await Tag.findByPk(req.params.id);\n  await tag.update({ name: String(req.body.name) });\n  res.json(tag);\n}",
    // Object.assign onto an object that is neither a record nor saved.
    "app.post('/prefs', (req, res) => {\n  const view = { theme: 'light' };\n  Object.assign(view, req.body);\n  res.render('prefs', view);\n});",
    // NestJS DTOs are validated (and stripped) by the ValidationPipe.
    "class UsersController {\n  @Post()\n  create(@Body() dto: CreateUserDto) {\n    return this.usersRepository.save(dto);\n  }\n}",
  ],
  invalid: [
    {
      code: "const User = require('../models/User');\nrouter.post('/users', async (req, res) => {\n  const user = await User.create(req.body);\n  res.status(201).json(user);\n});",
      errors: [{
        line: 3,
        column: 34,
        endColumn: 42,
        confidence: 'high',
        message: /User\.create\(\) receives the whole request body \(req\.body\); a client can set any field of the record, including ones it must not control such as role, isAdmin or ownerId/,
      }],
    },
    {
      code: "import { User } from './models/user';\nexport async function createUserWithRole(req: Request, res: Response) {\n  const user = await User.create({ ...req.body, role: 'user' });\n  res.status(201).json(user);\n}",
      errors: [{ line: 3, column: 34, endColumn: 63, confidence: 'high' }],
    },
    {
      code: "router.put('/users/:id', async (req, res) => {\n  const user = await User.findByIdAndUpdate(req.params.id, req.body, { new: true });\n  res.json(user);\n});",
      errors: [{ line: 2, column: 60, endColumn: 68, confidence: 'high', message: /User\.findByIdAndUpdate\(\)/ }],
    },
    {
      // Loaded, assigned, saved.
      code: "router.put('/products/:id', async (req, res) => {\n  const product = await Product.findById(req.params.id);\n  Object.assign(product, req.body);\n  await product.save();\n  res.json(product);\n});",
      errors: [{ line: 3, column: 26, endColumn: 34, confidence: 'high', message: /Object\.assign\(\)/ }],
    },
    {
      code: "router.patch('/profile', async (req, res) => {\n  const user = await prisma.user.update({ where: { id: req.user.id }, data: req.body });\n  res.json(user);\n});",
      errors: [{ line: 2, column: 77, endColumn: 85, confidence: 'high', message: /prisma\.user\.update\(\)/ }],
    },
    {
      // Next.js route handler.
      code: "export async function POST(request: Request) {\n  const body = await request.json();\n  const post = await prisma.post.create({ data: { ...body, published: false } });\n  return Response.json(post, { status: 201 });\n}",
      errors: [{ line: 3, column: 49, endColumn: 78, confidence: 'high', message: /request body \(request\.json\(\)\)/ }],
    },
    {
      code: "import mongoose from 'mongoose';\nconst Post = mongoose.model('Post', postSchema);\napp.post('/posts', async (req, res) => {\n  const post = new Post(req.body);\n  await post.save();\n  res.status(201).json(post);\n});",
      errors: [{ line: 4, column: 25, endColumn: 33, confidence: 'high', message: /new Post\(\)/ }],
    },
    {
      // Sequelize instance update.
      code: "router.patch('/me', async (req, res) => {\n  const user = await User.findByPk(req.user.id);\n  await user.update(req.body);\n  res.json(user);\n});",
      errors: [{ line: 3, column: 21, endColumn: 29, confidence: 'high', message: /user\.update\(\)/ }],
    },
    {
      // Removing one field still leaves every other one to the client.
      code: "router.post('/register', async (req, res) => {\n  const { confirmPassword, ...userData } = req.body;\n  const user = await User.create(userData);\n  res.status(201).json(user);\n});",
      errors: [{ line: 3, column: 34, endColumn: 42, confidence: 'medium', message: /receives an object taken from the request body \(req\.body\) without picking its fields/ }],
    },
    {
      code: "@Injectable()\nexport class ArticlesHandler {\n  constructor(private readonly articleRepository: Repository<Article>) {}\n  async update(req: Request) {\n    const article = await this.articleRepository.findOneBy({ id: Number(req.params.id) });\n    return this.articleRepository.save(this.articleRepository.merge(article, req.body));\n  }\n}",
      errors: [{ line: 6, column: 78, endColumn: 86, confidence: 'high', message: /this\.articleRepository\.merge\(\)/ }],
    },
    {
      code: "router.post('/notes', async (ctx) => {\n  await db.collection('notes').insertOne(ctx.request.body);\n  ctx.status = 201;\n});",
      errors: [{ line: 2, column: 42, endColumn: 58, confidence: 'high', message: /request body \(ctx\.request\.body\)/ }],
    },
    {
      code: "app.put('/settings/:id', async (req, res) => {\n  await Settings.updateOne({ _id: req.params.id }, { $set: req.body });\n  res.sendStatus(204);\n});",
      errors: [{ line: 2, column: 60, endColumn: 68, confidence: 'high', message: /The \$set update/ }],
    },
    {
      code: "app.post('/api/items', async (req, res) => {\n  const [item] = await knex('items').insert(req.body).returning('*');\n  res.status(201).json(item);\n});",
      errors: [{ line: 2, column: 45, endColumn: 53, confidence: 'high', message: /knex\('items'\)\.insert\(\)/ }],
    },
    {
      code: "app.patch('/api/profile', async (req, res) => {\n  const { error } = await supabase.from('profiles').update(req.body).eq('id', req.user.id);\n  res.json({ ok: !error });\n});",
      errors: [{ line: 2, column: 60, endColumn: 68, confidence: 'high', message: /supabase\.from\('profiles'\)\.update\(\)/ }],
    },
    {
      // AWS Lambda: the body arrives as text and is parsed by hand.
      code: "export const handler = async (event) => {\n  const data = JSON.parse(event.body);\n  const item = await Item.create(data);\n  return { statusCode: 201, body: JSON.stringify(item) };\n};",
      errors: [{ line: 3, column: 34, endColumn: 38, confidence: 'high', message: /request body \(event\.body\)/ }],
    },
  ],
});
