const crypto = require('crypto');

function generateResetToken() {
  return Math.random().toString(36).substring(2, 15); // expect: insecure-random
}

function generateOtp() {
  const otp = Array.from({ length: 6 }, () => Math.floor(Math.random() * 10)).join(''); // expect: insecure-random
  return otp;
}

function generateApiKey() {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let key = '';
  for (let i = 0; i < 32; i++) key += chars.charAt(Math.floor(Math.random() * chars.length)); // expect: insecure-random
  return key;
}

function createSession(res, userId) {
  res.cookie('sessionId', Math.random().toString(36).slice(2), { httpOnly: true, secure: true, sameSite: 'lax' }); // expect: insecure-random
  return userId;
}

function secureToken() {
  return crypto.randomBytes(32).toString('hex'); // safe
}

function secureOtp() {
  return String(crypto.randomInt(100000, 1000000)); // safe
}

function backoffDelay(attempt) {
  return Math.min(30000, 2 ** attempt * 100 + Math.random() * 1000); // safe
}

function shuffle(questions) {
  return [...questions].sort(() => Math.random() - 0.5); // safe
}

function uploadName(original) {
  const uniqueSuffix = Date.now() + '-' + Math.round(Math.random() * 1e9); // safe
  return `${uniqueSuffix}-${original}`;
}

function shouldSample() {
  return Math.random() < 0.1; // safe
}

function randomColor() {
  return `hsl(${Math.floor(Math.random() * 360)}, 70%, 50%)`; // safe
}

module.exports = { generateResetToken, generateOtp, generateApiKey, createSession, secureToken, secureOtp, backoffDelay, shuffle, uploadName, shouldSample, randomColor };
