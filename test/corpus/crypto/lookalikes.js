const crypto = require('crypto');
const md5 = require('md5');

function pwnedPrefix(password) {
  const sha1 = crypto.createHash('sha1').update(password).digest('hex').toUpperCase(); // safe
  return { prefix: sha1.slice(0, 5), suffix: sha1.slice(5) };
}

function dedupKey(buffer) {
  return md5(buffer); // safe
}

function gitBlobId(content) {
  return crypto.createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex'); // safe
}

function abVariant() {
  return Math.random() < 0.5 ? 'A' : 'B'; // safe
}

function requestId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`; // safe
}

function cspNonce() {
  const nonce = Math.random().toString(36).slice(2); // expect: insecure-random
  return nonce;
}

function hashPassword(password) {
  return new Promise((resolve, reject) => {
    const salt = crypto.randomBytes(16);
    crypto.scrypt(password, salt, 64, (err, key) => (err ? reject(err) : resolve(`${salt.toString('hex')}:${key.toString('hex')}`))); // safe
  });
}

const BCRYPT_ROUNDS = 10;
function bcryptRounds() {
  return BCRYPT_ROUNDS; // safe
}

module.exports = { pwnedPrefix, dedupKey, gitBlobId, abVariant, requestId, cspNonce, hashPassword, bcryptRounds };
