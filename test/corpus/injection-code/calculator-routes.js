const express = require('express');
const vm = require('vm');
const { notifyUser, refreshCache } = require('../services/jobs');
const { SAMPLE_ROWS } = require('../data/sample');

const router = express.Router();

// POST /api/calc - evaluate a formula typed by the user
router.post('/calc', (req, res) => {
  const { expression } = req.body;
  try {
    const result = eval(expression); // expect: code-injection
    res.json({ result });
  } catch (err) {
    res.status(400).json({ error: 'Invalid expression' });
  }
});

// POST /api/rules/test - check a pricing rule against an order
router.post('/rules/test', (req, res) => {
  const sandbox = { order: req.body.order, result: null };
  vm.runInNewContext(`result = (${req.body.rule})`, sandbox, { timeout: 50 }); // expect: code-injection
  res.json({ matches: Boolean(sandbox.result) });
});

// GET /api/transform?mapper=row.price*2
router.get('/transform', (req, res) => {
  const mapper = new Function('row', `return ${req.query.mapper};`); // expect: code-injection
  res.json(SAMPLE_ROWS.map(mapper));
});

router.get('/double', (req, res) => {
  const n = Number(req.query.n);
  res.json({ value: eval(`${n} * 2`) }); // safe
});

router.post('/schedule', (req, res) => {
  setTimeout(() => notifyUser(req.body.userId), 1000); // safe
  setTimeout('refreshCache("' + req.body.key + '")', 5000); // expect: code-injection
  res.sendStatus(202);
});

router.post('/import', (req, res) => {
  const payload = JSON.parse(req.body.payload); // safe
  refreshCache(payload.key);
  res.json({ imported: true });
});

module.exports = router;
