// Server-rendered page that hands the initial state to the client bundle.
const express = require('express');
const serialize = require('serialize-javascript');

const app = express();

app.get('/search', (req, res) => {
  const state = { query: req.query.q, results: [] };
  res.send(`<!doctype html><div id="app"></div>
<script>window.__INITIAL_STATE__ = ${serialize(state, { isJSON: true, unsafe: true })}</script>`); // expect: unsafe-deserialization
});

app.get('/profile', (req, res) => {
  const state = { name: req.query.name };
  res.send(`<script>window.__INITIAL_STATE__ = ${serialize(state, { isJSON: true })}</script>`); // safe
});

const BUILD_INFO = serialize({ version: '1.4.2', commit: 'abc123' }, { unsafe: true }); // safe

module.exports = { app, BUILD_INFO };
