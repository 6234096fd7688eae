const express = require('express');

const router = express.Router();

const USERNAME_RE = /^[a-z0-9_]{3,20}$/gi; // expect: global-regex-test
const PROFANITY_RE = /\b(?:spam|scam|casino)\b/gi; // expect: global-regex-test
const ZIP_RE = /^\d{5}(?:-\d{4})?$/; // safe
const MENTION_RE = /@(\w+)/g; // safe
const WORD_RE = /\w+/g; // safe

function isValidUsername(name) {
  return USERNAME_RE.test(name);
}

function containsProfanity(text) {
  return PROFANITY_RE.test(text);
}

function mentionedUsers(text) {
  return [...text.matchAll(MENTION_RE)].map((match) => match[1]);
}

function wordCount(text) {
  let count = 0;
  while (WORD_RE.exec(text)) count++;
  return count;
}

function isSlug(value) {
  const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/g; // safe
  return SLUG_RE.test(value);
}

router.post('/signup', (req, res) => {
  const { username, bio, zip } = req.body;
  if (!isValidUsername(username)) return res.status(400).json({ error: 'Invalid username' });
  if (containsProfanity(bio)) return res.status(400).json({ error: 'Please keep it friendly' });
  if (zip && !ZIP_RE.test(zip)) return res.status(400).json({ error: 'Invalid ZIP code' });
  if (!isSlug(username.toLowerCase())) return res.status(400).json({ error: 'Invalid handle' });
  res.status(201).json({ username, words: wordCount(bio), mentions: mentionedUsers(bio) });
});

const SKU_RE = new RegExp('^[A-Z]{3}-\\d{4}$', 'g'); // expect: global-regex-test

router.post('/orders/validate', (req, res) => {
  const items = Array.isArray(req.body.items) ? req.body.items : [];
  const invalid = items.filter((item) => !SKU_RE.test(String(item.sku)));
  res.json({ ok: invalid.length === 0, invalid });
});

module.exports = router;
