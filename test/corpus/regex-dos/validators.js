const express = require('express');
const escapeRegExp = require('lodash/escapeRegExp');
const Product = require('../models/Product');

const router = express.Router();

const EMAIL_RE = /^([a-zA-Z0-9_\.\-])+\@(([a-zA-Z0-9\-])+\.)+([a-zA-Z0-9]{2,4})+$/; // expect: regex-dos
const SIMPLE_EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/; // safe
const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // safe
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/; // safe
const NAME_RE = /^([a-zA-Z]+\s?)*$/; // expect: regex-dos
const NESTED_RE = /^(a+)+$/; // expect: regex-dos
const HEX_COLOR_RE = /^#(?:[0-9a-fA-F]{3}){1,2}$/; // safe

router.get('/search', async (req, res) => {
  const pattern = new RegExp(req.query.q, 'i'); // expect: regex-dos
  res.json(await Product.find({ name: pattern }).limit(20)); // safe
});

router.get('/search/v2', async (req, res) => {
  const pattern = new RegExp(escapeRegExp(String(req.query.q)), 'i'); // safe
  res.json(await Product.find({ name: pattern }).limit(20)); // safe
});

router.get('/filter', (req, res) => {
  const matcher = new RegExp(`^${req.query.prefix}.*`); // expect: regex-dos
  res.json(['alpha', 'beta', 'gamma'].filter((s) => matcher.test(s)));
});

router.post('/validate', (req, res) => {
  res.json({
    email: SIMPLE_EMAIL_RE.test(req.body.email),
    slug: SLUG_RE.test(req.body.slug),
    date: DATE_RE.test(req.body.date),
    legacyEmail: EMAIL_RE.test(req.body.email),
    name: NAME_RE.test(req.body.name),
    nested: NESTED_RE.test(req.body.code),
    color: HEX_COLOR_RE.test(req.body.color),
  });
});

module.exports = router;
