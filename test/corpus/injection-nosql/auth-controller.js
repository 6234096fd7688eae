const express = require('express');
const bcrypt = require('bcrypt');
const { ObjectId } = require('mongodb');
const User = require('../models/User');
const Product = require('../models/Product');
const { getDb } = require('../db');

const router = express.Router();

router.post('/login', async (req, res) => {
  const user = await User.findOne({ username: req.body.username, password: req.body.password }); // expect: nosql-injection
  if (!user) return res.status(401).json({ error: 'Invalid credentials' });
  res.json({ id: user.id });
});

router.post('/login/v2', async (req, res) => {
  const username = String(req.body.username);
  const user = await User.findOne({ username }); // safe
  const valid = user && (await bcrypt.compare(String(req.body.password), user.passwordHash));
  if (!valid) return res.status(401).json({ error: 'Invalid credentials' });
  res.json({ id: user.id });
});

router.get('/products', async (req, res) => {
  const products = await Product.find({ category: req.query.category }).limit(50); // expect: nosql-injection
  res.json(products);
});

router.get('/products/search', async (req, res) => {
  const products = await Product.find({ $where: `this.name.includes('${req.query.q}')` }); // expect: nosql-injection
  res.json(products);
});

router.get('/products/:id', async (req, res) => {
  const product = await Product.findById(req.params.id); // safe
  if (!product) return res.sendStatus(404);
  res.json(product);
});

router.get('/orders/:id', async (req, res) => {
  const order = await getDb().collection('orders').findOne({ _id: new ObjectId(req.params.id) }); // safe
  res.json(order);
});

router.post('/reset', async (req, res) => {
  const user = await User.findOne({ resetToken: req.body.token, resetExpires: { $gt: Date.now() } }); // expect: nosql-injection
  if (!user) return res.status(400).json({ error: 'Token invalid or expired' });
  res.json({ ok: true });
});

router.get('/users/by-email', async (req, res) => {
  const user = await User.findOne({ email: { $eq: req.query.email } }); // safe
  res.json(user ? { id: user.id } : null);
});

module.exports = router;
