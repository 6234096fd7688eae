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

// Shipping partner callbacks, signed with Ed25519; the partner's public key is in the environment.
webhooksRouter.post('/shipping', express.raw({ type: 'application/json' }), async (req, res) => {
  const publicKey = Buffer.from(process.env.SHIPPING_PUBLIC_KEY as string, 'base64');
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
  const valid = crypto.subtle.verify('Ed25519', key, Buffer.from(req.get('X-Signature') ?? '', 'base64'), req.body);
  if (!valid) return res.status(401).json({ error: 'Bad signature' });

  const event = JSON.parse(req.body.toString('utf8'));
  await pool.query('UPDATE shipments SET status = ? WHERE id = ?', [event.status, event.shipmentId]);
  res.sendStatus(204);
});
