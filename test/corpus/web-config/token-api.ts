import express from 'express';
import { verifyBearer } from './auth';
import { Orders } from './orders';

// Stateless JSON API: clients send `Authorization: Bearer <token>`; no cookies are read.
const api = express.Router();
api.use(express.json());
api.use(verifyBearer);

api.post('/orders', async (req, res) => { // safe
  const order = await Orders.create({ userId: res.locals.userId, sku: String(req.body.sku), qty: Number(req.body.qty) });
  res.status(201).json(order);
});

api.delete('/orders/:id', async (req, res) => { // safe
  await Orders.cancel(res.locals.userId, req.params.id);
  res.sendStatus(204);
});

export default api;
