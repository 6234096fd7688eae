import express, { Router } from 'express';
import crypto from 'crypto';
import { pool } from '../lib/db';

export const webhooksRouter = Router();

// Payment provider callbacks, signed with HMAC-SHA256 over the raw body.
webhooksRouter.post('/payments', express.raw({ type: 'application/json' }), async (req, res) => {
  const signature = req.get('X-Signature');
  const expected = crypto
    .createHmac('sha256', process.env.PAYMENTS_WEBHOOK_SECRET as string)
    .update(req.body)
    .digest('hex');
  if (signature !== expected) return res.status(401).json({ error: 'Bad signature' });

  const event = JSON.parse(req.body.toString('utf8'));
  if (event.type === 'payment.succeeded') {
    await pool.query('UPDATE orders SET status = ? WHERE id = ?', ['paid', event.data.orderId]);
  }
  if (event.type === 'invoice.created') {
    const pdf = new Buffer(event.data.pdf, 'base64');
    await pool.query('UPDATE orders SET invoice = ? WHERE id = ?', [pdf, event.data.orderId]);
  }
  res.sendStatus(204);
});
