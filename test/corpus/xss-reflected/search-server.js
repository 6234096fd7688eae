const express = require('express');
const escapeHtml = require('escape-html');

const app = express();

app.get('/search', (req, res) => {
  const q = req.query.q || '';
  res.send(`<h1>Search results for: ${q}</h1><p>No matches.</p>`); // expect: reflected-xss
});

app.get('/search/v2', (req, res) => {
  const q = escapeHtml(req.query.q || '');
  res.send(`<h1>Search results for: ${q}</h1>`); // safe
});

app.get('/api/search', (req, res) => {
  res.json({ query: req.query.q, results: [] }); // safe
});

app.get('/hello/:name', (req, res) => {
  res.write('<html><body>');
  res.write('<p>Hello ' + req.params.name + '</p>'); // expect: reflected-xss
  res.end('</body></html>');
});

app.get('/error', (req, res) => {
  res.status(400).send('Invalid value: ' + req.query.value); // expect: reflected-xss
});

app.get('/plain', (req, res) => {
  res.type('text/plain').send(`You asked for ${req.query.item}`); // safe
});

app.get('/count', (req, res) => {
  const n = parseInt(req.query.n, 10) || 0;
  res.send(`<p>You have ${n} notifications</p>`); // safe
});

app.get('/callback', (req, res) => {
  res.set('Content-Type', 'text/html');
  res.end(`<script>window.opener.postMessage(${JSON.stringify({ code: req.query.code })}, location.origin)</script>`); // expect: reflected-xss
});

app.use((req, res) => {
  res.status(404).send(`<h1>Not found</h1><p>${escapeHtml(req.path)} does not exist.</p>`); // safe
});

app.listen(8080);
