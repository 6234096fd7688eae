const express = require('express');
const cors = require('cors');

const app = express();

// Origins allowed to call the API with cookies.
const ALLOWED_ORIGINS = [
  /^https:\/\/app.example.com$/, // expect: unescaped-hostname-regex
  /^https:\/\/(www|admin).example.com$/, // expect: unescaped-hostname-regex
  /^https:\/\/staging\.example\.com$/, // safe
  /^http:\/\/localhost:\d+$/, // safe
];

app.use(
  cors({
    origin(origin, callback) {
      if (!origin || ALLOWED_ORIGINS.some((pattern) => pattern.test(origin))) return callback(null, true);
      return callback(new Error('Not allowed by CORS'));
    },
    credentials: true,
  }),
);

const PARTNER_CALLBACK = new RegExp('^https://partners.example.io/oauth/callback$'); // expect: unescaped-hostname-regex
const ASSET_HOST = new RegExp('^https://cdn\\.example\\.com/'); // safe

app.get('/oauth/return', (req, res) => {
  const target = String(req.query.returnTo || '');
  if (!PARTNER_CALLBACK.test(target)) return res.status(400).send('Unknown callback');
  res.json({ ok: true, target });
});

app.get('/assets/proxy-check', (req, res) => {
  res.json({ allowed: ASSET_HOST.test(String(req.query.url)) });
});

// Static file routing: extensions and versions are not hostnames.
const BUNDLE_FILE = /\.bundle.js$/; // safe
const API_VERSION = /^\/api\/v1.2\//; // safe
const SOURCE_MAP = /app.js.map$/; // safe

app.use((req, res, next) => {
  if (BUNDLE_FILE.test(req.path) || SOURCE_MAP.test(req.path)) res.set('Cache-Control', 'public, max-age=31536000');
  if (API_VERSION.test(req.path)) res.set('Deprecation', 'true');
  next();
});

module.exports = app;
