const mysql = require('mysql2/promise');
const express = require('express');

const app = express();
app.use(express.json());

const db = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'reports',
});

app.get('/api/reports', async (req, res) => {
  const { from, to, region } = req.query;
  let sql = `SELECT * FROM sales WHERE sold_at BETWEEN ? AND ?`;
  const params = [from, to];
  if (region) {
    sql += ' AND region = ?';
    params.push(region);
  }
  const [rows] = await db.execute(sql, params); // safe
  res.json(rows);
});

app.get('/api/reports/top', async (req, res) => {
  const [rows] = await db.query(`SELECT product, SUM(total) AS revenue FROM sales GROUP BY product ORDER BY ${req.query.orderBy} DESC`); // expect: sql-injection
  res.json(rows);
});

app.get('/api/customers', async (req, res) => {
  const name = db.escape(req.query.name);
  const [rows] = await db.query(`SELECT * FROM customers WHERE name = ${name}`); // safe
  res.json(rows);
});

app.post('/api/notes', async (req, res) => {
  const { title, body } = req.body;
  await db.query(`INSERT INTO notes (title, body, author_id) VALUES ('${title}', '${body}', ${req.user.id})`); // expect: sql-injection
  res.status(201).end();
});

app.get('/api/stats/:table', async (req, res) => {
  const [rows] = await db.query('SELECT COUNT(*) AS n FROM ??', [req.params.table]); // safe
  res.json(rows[0]);
});

app.listen(3000);
