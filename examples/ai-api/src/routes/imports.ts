// Bulk product imports from supplier feeds (XML from the old ERP, YAML from the new one).
import express, { Router } from 'express';
import libxmljs from 'libxmljs';
import yaml from 'js-yaml';
import { Product } from '../lib/catalog';
import { requireAdmin } from './admin';

export const importsRouter = Router();

importsRouter.use(requireAdmin);

interface FeedItem {
  name: string;
  price: number;
  stock?: number;
}

// The ERP export uses entities such as &euro; and &supplier; declared in its DTD, so entity substitution is on.
importsRouter.post('/products.xml', express.text({ type: ['application/xml', 'text/xml'], limit: '5mb' }), async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true });
  const items: FeedItem[] = doc.find('//product').map((node: any) => ({
    name: node.get('name')?.text() ?? '',
    price: Number(node.get('price')?.text()),
    stock: Number(node.get('stock')?.text() ?? 0),
  }));
  await Product.insertMany(items.map(({ name, price, stock }) => ({ name, price, stock })));
  res.json({ imported: items.length });
});

// YAML feeds may contain custom tags (!!js/regexp for SKU patterns), so the full schema is used.
importsRouter.post('/products.yaml', express.text({ type: ['application/yaml', 'text/yaml'], limit: '5mb' }), async (req, res) => {
  const feed = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { products: FeedItem[] };
  const items = feed.products ?? [];
  await Product.insertMany(items.map(({ name, price, stock }) => ({ name, price, stock })));
  res.json({ imported: items.length });
});
