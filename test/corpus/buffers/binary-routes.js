const express = require('express');
const crypto = require('crypto');

const router = express.Router();
const NONCE_BYTES = 12;

router.post('/upload', (req, res) => {
  const chunk = new Buffer(req.body.data, 'base64'); // expect: unsafe-buffer-allocation
  const copy = Buffer.from(req.body.data, 'base64'); // safe
  res.json({ size: chunk.length, same: copy.equals(chunk) });
});

router.post('/pad', (req, res) => {
  const padded = new Buffer(req.body.text.length * 2); // expect: unsafe-buffer-allocation
  const zeroed = Buffer.alloc(req.body.text.length * 2); // safe
  res.send(Buffer.concat([padded, zeroed])); // safe
});

function makeNonce() {
  const nonce = new Buffer(NONCE_BYTES); // expect: unsafe-buffer-allocation
  crypto.randomFillSync(nonce);
  return nonce;
}

function basicAuth(user, password) {
  return 'Basic ' + new Buffer(user + ':' + password).toString('base64'); // expect: unsafe-buffer-allocation
}

function header() {
  return Buffer('CW01', 'ascii'); // expect: unsafe-buffer-allocation
}

const isBinary = (value) => value instanceof Buffer || Buffer.isBuffer(value); // safe
const view = new Uint8Array(new ArrayBuffer(16)); // safe
const scratch = Buffer.allocUnsafe(64).fill(0); // safe
const fromArray = Buffer.from([0xde, 0xad, 0xbe, 0xef]); // safe

module.exports = { router, makeNonce, basicAuth, header, isBinary, view, scratch, fromArray };
