const util = require('util');
const express = require('express');
const logger = require('./logger');

const app = express();
app.use(express.json());

app.post('/api/audit', (req, res) => {
  const line = util.format(req.body.format, req.user.id, new Date().toISOString()); // expect: format-string
  logger.info(line);
  res.sendStatus(204);
});

app.post('/api/feedback', (req, res) => {
  console.log(`Feedback from ${req.body.name}: %s`, req.body.rating); // expect: format-string
  console.log('Feedback from %s rated %d', req.body.name, req.body.rating); // safe
  res.sendStatus(204);
});

app.get('/api/search', (req, res) => {
  console.error(req.query.q, 'returned no results for tenant', req.user.tenantId); // expect: format-string
  const summary = util.format('%s searched for %j', req.user.id, req.query.q); // safe
  logger.debug(summary);
  res.json([]);
});

app.delete('/api/items/:id', (req, res) => {
  console.info('Deleting item %s', req.params.id); // safe
  console.warn(util.format('Item %s deleted by %s', req.params.id, req.user.email)); // safe
  res.sendStatus(204);
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'Internal error' });
});

const VERSION_FORMAT = '%s v%s (%s)';
console.log(VERSION_FORMAT, 'inventory-api', process.env.npm_package_version, process.platform); // safe

app.listen(3000);
