import { Router } from 'express';
import { exec } from 'child_process';
import { pool } from '../lib/db';

export const reportsRouter = Router();

// Returns the orders of a customer, newest first, optionally sorted by a column.
reportsRouter.get('/orders', async (req, res) => {
  const customerId = req.query.customerId;
  const sort = req.query.sort || 'created_at';
  const [rows] = await pool.query(
    `SELECT id, total, status FROM orders WHERE customer_id = '${customerId}' ORDER BY ${sort} DESC`,
  );
  res.json(rows);
});

// Lets analysts compute derived metrics such as "revenue * 0.2" on the fly.
reportsRouter.post('/metrics', (req, res) => {
  const { expression } = req.body;
  const value = eval(expression);
  res.json({ value });
});

// Exports a report as PDF using the wkhtmltopdf binary installed on the server.
reportsRouter.post('/export', (req, res) => {
  const { reportName } = req.body;
  exec(`wkhtmltopdf http://localhost:3000/reports/${reportName} /tmp/${reportName}.pdf`, (error) => {
    if (error) return res.status(500).json({ error: error.message });
    res.download(`/tmp/${reportName}.pdf`);
  });
});
