// Webhook receivers that check an HMAC signature, as assistants write them.
const express = require('express');
const crypto = require('crypto');

const app = express();

app.post('/webhooks/github', express.raw({ type: 'application/json' }), (req, res) => {
  const signature = req.headers['x-hub-signature-256'];
  const expected = 'sha256=' + crypto.createHmac('sha256', process.env.GITHUB_WEBHOOK_SECRET).update(req.body).digest('hex');
  if (signature !== expected) { // expect: timing-unsafe-comparison
    return res.status(401).send('Invalid signature');
  }
  res.sendStatus(204);
});

app.post('/webhooks/shopify', express.raw({ type: 'application/json' }), (req, res) => {
  const digest = crypto.createHmac('sha256', process.env.SHOPIFY_API_SECRET).update(req.body, 'utf8').digest('base64');
  if (req.headers['x-shopify-hmac-sha256'] === digest) { // expect: timing-unsafe-comparison
    return res.sendStatus(200);
  }
  res.sendStatus(401);
});

function verifyPayload(payload, signature) {
  const computed = crypto.createHmac('sha256', process.env.PAYLOAD_SECRET).update(payload).digest('hex');
  return computed == signature; // expect: timing-unsafe-comparison
}

app.post('/webhooks/checked', express.raw({ type: 'application/json' }), (req, res) => {
  const received = Buffer.from(String(req.headers['x-signature'] ?? ''));
  const computed = Buffer.from(crypto.createHmac('sha256', process.env.CHECKED_SECRET).update(req.body).digest('hex'));
  if (received.length !== computed.length || !crypto.timingSafeEqual(received, computed)) return res.sendStatus(401); // safe
  res.sendStatus(204);
});

app.get('/files/:name', (req, res) => {
  const etag = crypto.createHash('sha1').update(req.params.name).digest('hex');
  if (req.headers['if-none-match'] === etag) return res.sendStatus(304); // safe
  res.send('file');
});

module.exports = { app, verifyPayload };
