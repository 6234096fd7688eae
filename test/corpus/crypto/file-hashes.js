const crypto = require('crypto');
const fs = require('fs');

function etagFor(body) {
  return crypto.createHash('md5').update(body).digest('hex'); // safe
}

function fileChecksum(filePath) {
  const checksum = crypto.createHash('sha1').update(fs.readFileSync(filePath)).digest('hex'); // safe
  return checksum;
}

function gravatarUrl(email) {
  const hash = crypto.createHash('md5').update(email.trim().toLowerCase()).digest('hex'); // safe
  return `https://www.gravatar.com/avatar/${hash}?d=identicon`;
}

function cacheKey(parts) {
  return crypto.createHash('md5').update(parts.join('|')).digest('base64url'); // safe
}

function signPayload(payload, secret) {
  const signature = crypto.createHash('sha1').update(payload + secret).digest('hex'); // expect: weak-hash
  return { payload, signature };
}

function verifyWebhook(rawBody, header) {
  const expected = crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(rawBody).digest('hex');
  return header === expected; // expect: timing-unsafe-comparison
}

function verifyWebhookSafe(rawBody, header) {
  const expected = Buffer.from(crypto.createHmac('sha256', process.env.WEBHOOK_SECRET).update(rawBody).digest('hex'));
  const given = Buffer.from(String(header));
  return given.length === expected.length && crypto.timingSafeEqual(given, expected); // safe
}

function githubSignature(rawBody) {
  return 'sha1=' + crypto.createHmac('sha1', process.env.GITHUB_WEBHOOK_SECRET).update(rawBody).digest('hex'); // safe
}

function websocketAccept(key) {
  return crypto.createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64'); // safe
}

module.exports = { etagFor, fileChecksum, gravatarUrl, cacheKey, signPayload, verifyWebhook, verifyWebhookSafe, githubSignature, websocketAccept };
