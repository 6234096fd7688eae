import { Router } from 'express';
import { Product } from '../lib/catalog';
import { eurTo } from '../lib/rates';
import { requireAdmin } from './admin';

export const productsRouter = Router();

// Catalogue list; the admin table filters it by name as you type.
productsRouter.get('/', async (req, res) => {
  const filter = req.query.name ? { name: new RegExp(req.query.name as string, 'i') } : {};
  const products = await Product.find(filter).sort({ name: 1 }).limit(100);
  res.json(products);
});

// Search box on the shop front: matches the name or the description.
productsRouter.get('/search', async (req, res) => {
  const q = req.query.q as string;
  const products = await Product.find({
    $where: `this.name.toLowerCase().includes('${q}') || (this.description || '').toLowerCase().includes('${q}')`,
  }).limit(50);
  res.json(products);
});

// Price of a product in another currency (?currency=USD).
productsRouter.get('/:id/price', async (req, res) => {
  const product = await Product.findById(req.params.id);
  if (!product) return res.status(404).json({ error: 'Not found' });
  const currency = String(req.query.currency || 'EUR');
  const rate = currency === 'EUR' ? 1 : await eurTo(currency);
  res.json({ currency, price: Math.round(product.price * rate * 100) / 100 });
});

productsRouter.post('/', requireAdmin, async (req, res) => {
  const product = await Product.create(req.body);
  res.status(201).json(product);
});
