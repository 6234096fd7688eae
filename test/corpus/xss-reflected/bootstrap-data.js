// Server-rendered pages that hand request data to client scripts, as assistants write them.
const express = require('express');
const escapeHtml = require('escape-html');

const app = express();
app.use(express.urlencoded({ extended: true }));

app.get('/app', (req, res) => {
  res.send(`<div id="root"></div><script>window.__INITIAL_FILTERS__ = ${JSON.stringify(req.query)};</script><script src="/bundle.js"></script>`); // expect: reflected-xss
});

app.post('/checkout/review', (req, res) => {
  const nonce = res.locals.cspNonce;
  res.send('<main id="review"></main><script nonce="' + nonce + '" type="application/json" id="cart">' + JSON.stringify(req.body.cart) + '</script>'); // expect: reflected-xss
});

app.get('/oauth/callback', (req, res) => {
  res.send(`<script>window.opener.postMessage(${JSON.stringify({ code: req.query.code, state: req.query.state })}, location.origin); window.close();</script>`); // expect: reflected-xss
});

app.get('/debug/query', (req, res) => {
  res.send(`<h2>Query</h2><pre>${JSON.stringify(req.query, null, 2)}</pre>`); // expect: reflected-xss
});

app.get('/settings', (req, res) => {
  const theme = JSON.stringify({ dark: req.query.theme === 'dark' });
  res.send(`<script>window.theme = ${theme};</script>`); // safe
});

app.get('/escaped', (req, res) => {
  res.send(`<script>window.filters = ${JSON.stringify(req.query).replace(/</g, '\\u003c')};</script>`); // safe
});

app.get('/title', (req, res) => {
  res.send(`<title>${escapeHtml(String(req.query.title ?? ''))}</title><script>window.config = ${JSON.stringify({ env: 'prod' })}</script>`); // safe
});

module.exports = app;
