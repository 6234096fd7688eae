import { sqlInjection } from '../../../src/core/rules/sql-injection';
import { testRule } from '../../helpers/rule-tester';

testRule(sqlInjection, {
  valid: [
    // The pg config object held in a const: constant text, values bound separately.
    "app.post('/email', async (req, res) => {\n  const query = { text: 'UPDATE users SET email = $1 WHERE id = $2', values: [req.body.email, req.user.id] };\n  await pool.query(query);\n});",
    // Parameterised pg query: the value travels separately.
    `app.get('/users', async (req, res) => {
  const result = await pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]);
  res.json(result.rows);
});`,
    // A number-typed parameter cannot carry SQL.
    `export async function findUser(id: number) {
  return db.query(\`SELECT * FROM users WHERE id = \${id}\`);
}`,
    // Sort column checked against an allowlist; the limit is bound.
    `app.get('/users', async (req, res) => {
  const sortable = ['name', 'created_at'];
  const sort = sortable.includes(req.query.sort) ? req.query.sort : 'created_at';
  const result = await pool.query(\`SELECT * FROM users ORDER BY \${sort} LIMIT $1\`, [10]);
  res.json(result.rows);
});`,
    // Placeholder list generated from the ids, values bound on the statement (better-sqlite3).
    `router.post('/items', (req, res) => {
  const ids = req.body.ids;
  const placeholders = ids.map(() => '?').join(', ');
  const rows = db.prepare(\`SELECT * FROM items WHERE id IN (\${placeholders})\`).all(...ids);
  res.json(rows);
});`,
    `app.get('/u', async (req, res) => {
  const ids = req.query.ids.split(',');
  const { rows } = await pool.query(\`SELECT * FROM users WHERE id IN (\${ids.map((_, i) => \`$\${i + 1}\`).join(', ')})\`, ids);
  res.json(rows);
});`,
    // Filters appended with placeholders and a params array.
    `app.get('/report', async (req, res) => {
  let sql = 'SELECT * FROM orders WHERE 1=1';
  const params = [];
  if (req.query.status) {
    sql += ' AND status = ?';
    params.push(req.query.status);
  }
  res.json(await db.all(sql, params));
});`,
    // Dynamic WHERE clause made of numbered placeholders.
    `app.get('/users', async (req, res) => {
  const conditions = [];
  const values = [];
  if (req.query.name) {
    values.push(req.query.name);
    conditions.push(\`name = $\${values.length}\`);
  }
  const where = conditions.length ? \`WHERE \${conditions.join(' AND ')}\` : '';
  const { rows } = await pool.query(\`SELECT * FROM users \${where} ORDER BY id\`, values);
  res.json(rows);
});`,
    // Tagged templates bind their substitutions.
    `app.get('/u', async (req, res) => {
  const users = await prisma.$queryRaw\`SELECT * FROM users WHERE email = \${req.query.email}\`;
  const docs = await db.execute(sql\`SELECT * FROM docs WHERE title = \${req.query.t}\`);
  res.json({ users, docs });
});`,
    `app.get('/u', async (req, res) => {
  const users = await prisma.$queryRawUnsafe('SELECT * FROM users WHERE email = $1', req.query.email);
  const rows = await knex('users').whereRaw('LOWER(name) = ?', [req.query.q]);
  res.json({ users, rows });
});`,
    // TypeORM and Sequelize named parameters.
    `router.get('/search', async (ctx) => {
  const { search } = ctx.query;
  ctx.body = await dataSource.getRepository(User).createQueryBuilder('user').where('user.name = :search', { search }).getMany();
  ctx.body = await sequelize.query('SELECT * FROM users WHERE name = :search', { replacements: { search }, type: QueryTypes.SELECT });
});`,
    // Table names from constants and configuration.
    `import { USERS_TABLE } from './config';
const AUDIT_TABLE = 'audit_log';
export async function loadUser(id: string) {
  await db.run(\`INSERT INTO \${AUDIT_TABLE} (action) VALUES ('load')\`);
  return db.query(\`SELECT * FROM \${USERS_TABLE} WHERE id = ?\`, [id]);
}`,
    // An identifier interpolated where the values are bound is most likely a table or column name.
    `export function findById(table, id) {
  return db.query(\`SELECT * FROM \${table} WHERE id = ?\`, [id]);
}`,
    // Not SQL: cache keys, routes, URLs.
    `router.get('/cache', async (req, res) => {
  const hit = await cache.get(\`user:\${req.query.id}\`);
  const remote = await axios.get(\`\${API_URL}/users?select=\${req.query.fields}\`);
  res.json(hit ?? remote.data);
});`,
    // Numbers parsed from input.
    `app.get('/posts', async (req, res) => {
  const limit = parseInt(req.query.limit, 10) || 20;
  const offset = Number(req.query.offset) || 0;
  const dir = req.query.dir === 'asc' ? 'ASC' : 'DESC';
  const { rows } = await pool.query(\`SELECT * FROM posts ORDER BY created_at \${dir} LIMIT \${limit} OFFSET \${offset}\`);
  res.json(rows);
});`,
    // Input validated before use.
    `app.get('/users/:id', async (req, res) => {
  const { id } = req.params;
  if (!/^\\d+$/.test(id)) return res.status(400).end();
  const { rows } = await pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
  res.json(rows[0]);
});`,
    // Escaped with the driver's helpers; a lookup table for the column.
    `const COLUMNS = { name: 'name', date: 'created_at' };
app.get('/posts', (req, res) => {
  const column = COLUMNS[req.query.sort] ?? 'id';
  connection.query(\`SELECT * FROM posts WHERE author = \${connection.escape(req.query.author)} ORDER BY \${column}\`, (err, rows) => res.json(rows));
});`,
    // A shell command that contains SQL is another rule's business.
    `const { exec } = require('child_process');
exec(\`mysql -e "SELECT * FROM \${table}"\`);`,
    // Server-side values: the logged-in user, a fixed list of tables, numbers mapped from input, enum members.
    `app.get('/me/orders', async (req, res) => {
  const { id } = req.user;
  const { rows } = await pool.query(\`SELECT * FROM orders WHERE user_id = \${id} ORDER BY created_at \${SortOrder.Desc}\`);
  res.json(rows);
});`,
    `afterEach(async () => {
  for (const table of ['sessions', 'users']) {
    await db.query(\`DELETE FROM \${table}\`);
  }
});`,
    `app.post('/items/delete', async (req, res) => {
  const ids = req.body.ids.map(Number);
  await db.query(\`DELETE FROM items WHERE id IN (\${ids.join(',')})\`);
  res.sendStatus(204);
});`,
    `app.get('/products', async (req, res) => {
  if (!['name', 'price'].includes(req.query.sort)) return res.status(400).json({ error: 'bad sort' });
  const { rows } = await pool.query(\`SELECT * FROM products ORDER BY \${req.query.sort}\`);
  res.json(rows);
});`,
    // Key-value stores share method names with SQL drivers.
    `app.get('/docs/:id', async (req, res) => {
  res.json(await db.get(req.params.id));
});`,
    // A constant query held in a variable.
    `const LIST_USERS = 'SELECT id, name FROM users ORDER BY name';
export const listUsers = () => pool.query(LIST_USERS);`,
  ],
  invalid: [
    {
      // The same config form with the input in the text.
      code: "app.get('/find', async (req, res) => {\n  const query = { text: `SELECT * FROM users WHERE name = '${req.query.name}'` };\n  res.json(await pool.query(query));\n});",
      errors: [{ line: 2, column: 25, confidence: 'high', message: /SQL built from user input is passed to pool\.query\(\)/ }],
    },
    {
      code: `app.get('/users/:id', async (req, res) => {
  const { id } = req.params;
  const result = await pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
  res.json(result.rows);
});`,
      errors: [{ line: 3, column: 35, endColumn: 73, confidence: 'high', message: /^SQL built from user input is passed to pool\.query\(\); an attacker can rewrite the query/ }],
    },
    {
      code: `app.get('/search', (req, res) => {
  const sql = "SELECT * FROM products WHERE name LIKE '%" + req.query.q + "%'";
  connection.query(sql, (err, rows) => res.json(rows));
});`,
      errors: [{ line: 3, column: 20, endColumn: 23, confidence: 'high', message: /connection\.query\(\)/ }],
    },
    {
      code: `app.post('/login', (req, res) => {
  const { username, password } = req.body;
  const query = \`SELECT * FROM users WHERE username = '\${username}' AND password = '\${password}'\`;
  db.get(query, (err, user) => res.json({ ok: Boolean(user) }));
});`,
      errors: [{ line: 4, column: 10, endColumn: 15, confidence: 'high', message: /db\.get\(\)/ }],
    },
    {
      code: `app.get('/report', async (req, res) => {
  let sql = 'SELECT * FROM orders WHERE 1=1';
  if (req.query.status) sql += \` AND status = '\${req.query.status}'\`;
  res.json(await db.all(sql));
});`,
      errors: [{ line: 4, column: 25, endColumn: 28, confidence: 'high' }],
    },
    {
      code: `export default async function handler(req, res) {
  const { id } = req.query;
  const { rows } = await pool.query({ text: \`SELECT * FROM orders WHERE user_id = \${id}\` });
  res.status(200).json(rows);
}`,
      errors: [{ line: 3, column: 45, endColumn: 89, confidence: 'high' }],
    },
    {
      code: `export class UserRepository {
  constructor(private readonly db: Pool) {}

  async findByEmail(email: string) {
    const { rows } = await this.db.query(\`select * from users where email = '\${email}'\`);
    return rows[0];
  }
}`,
      errors: [{ line: 5, column: 42, endColumn: 88, confidence: 'medium', message: /^SQL built from values that are not constants is passed to this\.db\.query\(\); .*bound parameters/ }],
    },
    {
      code: `app.get('/users', async (req, res) => {
  const users = await prisma.$queryRawUnsafe(\`SELECT * FROM users WHERE email = '\${req.query.email}'\`);
  res.json(users);
});`,
      errors: [{ line: 2, column: 46, endColumn: 102, confidence: 'high', message: /prisma\.\$queryRawUnsafe\(\)/ }],
    },
    {
      code: `app.get('/users', async (req, res) => {
  const rows = await knex('users')
    .whereRaw(\`name LIKE '%\${req.query.q}%'\`)
    .orderByRaw(req.query.sort);
  res.json(rows);
});`,
      errors: [
        { line: 3, column: 15, endColumn: 45, confidence: 'high', message: /\.whereRaw\(\)/ },
        { line: 4, column: 17, endColumn: 31, confidence: 'high', message: /\.orderByRaw\(\)/ },
      ],
    },
    {
      code: `router.get('/users', async (ctx) => {
  const { search } = ctx.query;
  const qb = userRepository.createQueryBuilder('user');
  qb.where(\`user.name LIKE '%\${search}%'\`);
  const rows = await sequelize.query(\`SELECT * FROM users WHERE name = '\${search}'\`, { type: QueryTypes.SELECT });
  const posts = Sequelize.literal(\`(SELECT COUNT(*) FROM posts WHERE posts.userId = \${ctx.params.id})\`);
  ctx.body = { users: await qb.getMany(), rows, posts };
});`,
      errors: [
        { line: 4, column: 12, confidence: 'high', message: /qb\.where\(\)/ },
        { line: 5, column: 38, confidence: 'high', message: /sequelize\.query\(\)/ },
        { line: 6, column: 35, confidence: 'high', message: /Sequelize\.literal\(\)/ },
      ],
    },
    {
      code: `import postgres from 'postgres';
const sql = postgres(process.env.DATABASE_URL);
export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const q = searchParams.get('q');
  const rows = await sql.unsafe(\`SELECT * FROM posts WHERE title ILIKE '%\${q}%'\`);
  return Response.json(rows);
}`,
      errors: [{ line: 6, column: 33, endColumn: 81, confidence: 'high', message: /sql\.unsafe\(\)/ }],
    },
    {
      code: `fastify.post('/audit', async (request, reply) => {
  const { action } = request.body;
  db.prepare('INSERT INTO audit (action) VALUES (?)').run(action);
  db.exec(\`INSERT INTO audit_copy (action) VALUES ('\${action}')\`);
  return { ok: true };
});`,
      errors: [{ line: 4, column: 11, endColumn: 65, confidence: 'high', message: /db\.exec\(\)/ }],
    },
    {
      code: `// Values bound, but one is still spliced into a quoted literal.
export function search(table, term) {
  return db.query(\`SELECT * FROM \${table} WHERE name LIKE '%\${term}%' AND deleted = ?\`, [false]);
}`,
      errors: [{ line: 3, column: 19, confidence: 'medium' }],
    },
    {
      code: `const table = process.argv[2];
const rows = db.prepare(\`SELECT * FROM \${table}\`).all();
console.table(rows);`,
      errors: [{ line: 2, column: 25, endColumn: 49, confidence: 'medium', message: /built from command-line arguments/ }],
    },
    {
      code: `router.post('/admin/sql', async (req, res) => {
  const { rows } = await pool.query(req.body.sql);
  res.json(rows);
});`,
      errors: [{ line: 2, column: 37, endColumn: 49, confidence: 'high', message: /pool\.query\(\)/ }],
    },
    {
      code: `app.post('/items/delete', async (req, res) => {
  await db.query(\`DELETE FROM items WHERE id IN (\${req.body.ids.join(',')})\`);
  res.sendStatus(204);
});`,
      errors: [{ line: 2, column: 18, confidence: 'high' }],
    },
    {
      code: `async function getUser(userId) {
  const query = 'SELECT * FROM users WHERE id = ' + userId;
  const { rows } = await client.query(query);
  return rows[0];
}`,
      errors: [{ line: 3, column: 39, endColumn: 44, confidence: 'medium' }],
    },
  ],
});
