const Product = require('../models/Product');

async function reorderList() {
  return Product.find({ $where: 'this.qty < this.reorderLevel' }).lean(); // safe
}

async function byEmail(req, res) {
  const user = await Product.db.model('User').findOne({ email: `${req.body.email}` }); // safe
  res.json(user ? { id: user.id } : null);
}

async function search(req, res) {
  const products = await Product.find(req.query).limit(50); // expect: nosql-injection
  res.json(products);
}

async function inStock(req, res) {
  const products = await Product.find({ qty: { $gt: 0 }, category: String(req.query.category) }); // safe
  res.json(products);
}

module.exports = { reorderList, byEmail, search, inStock };
