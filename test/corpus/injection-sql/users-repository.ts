import { Pool } from 'pg';
import type { Request, Response } from 'express';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const SORTABLE_COLUMNS = ['created_at', 'email', 'last_login'];
const USERS_TABLE = 'app_users';

export async function searchUsers(req: Request, res: Response) {
  const { q, sort } = req.query as Record<string, string>;
  const result = await pool.query(`SELECT id, email FROM users WHERE email LIKE '%${q}%'`); // expect: sql-injection
  const orderBy = SORTABLE_COLUMNS.includes(sort) ? sort : 'created_at';
  const sorted = await pool.query(`SELECT id, email FROM users ORDER BY ${orderBy} LIMIT $1`, [50]); // safe
  res.json({ matches: result.rows, recent: sorted.rows });
}

export async function getUser(req: Request, res: Response) {
  const { rows } = await pool.query('SELECT id, email, name FROM users WHERE id = $1', [req.params.id]); // safe
  if (rows.length === 0) return res.status(404).json({ error: 'Not found' });
  res.json(rows[0]);
}

export async function deleteUser(req: Request, res: Response) {
  await pool.query('DELETE FROM users WHERE id = ' + req.params.id); // expect: sql-injection
  res.status(204).end();
}

export async function listPage(req: Request, res: Response) {
  const limit = parseInt(String(req.query.limit), 10) || 20;
  const offset = Number(req.query.offset) || 0;
  const { rows } = await pool.query(`SELECT * FROM ${USERS_TABLE} ORDER BY id LIMIT ${limit} OFFSET ${offset}`); // safe
  res.json(rows);
}

export async function updateEmail(req: Request, res: Response) {
  const query = {
    text: 'UPDATE users SET email = $1 WHERE id = $2',
    values: [req.body.email, req.user.id],
  };
  await pool.query(query); // safe
  res.json({ ok: true });
}

export async function findByStatus(status: string) {
  const sql = "SELECT * FROM orders WHERE status = '" + status + "'";
  return (await pool.query(sql)).rows; // expect: sql-injection
}

export async function findByIds(ids: number[]) {
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
  return (await pool.query(`SELECT * FROM orders WHERE id IN (${placeholders})`, ids)).rows; // safe
}
