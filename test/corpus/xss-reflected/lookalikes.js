const express = require('express');
const { marked } = require('marked');

const app = express();
app.use(express.json());

app.get('/robots.txt', (req, res) => {
  res.type('text/plain').send('User-agent: *\nDisallow: /admin'); // safe
});

app.get('/api/items/count', (req, res) => {
  res.send(String(req.query.ids ? req.query.ids.split(',').length : 0)); // safe
});

app.post('/api/preview', (req, res) => {
  res.send(marked.parse(req.body.markdown)); // expect: reflected-xss
});

app.get('/not-found', (req, res) => {
  res.status(404).send('Not found'); // safe
});

module.exports = app;
