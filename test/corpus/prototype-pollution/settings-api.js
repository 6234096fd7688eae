const express = require('express');
const _ = require('lodash');
const User = require('../models/User');
const { prisma } = require('../db');

const router = express.Router();
const ALLOWED_SETTINGS = ['theme', 'language', 'timezone'];

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      target[key] = deepMerge(target[key] || {}, source[key]);
    } else {
      target[key] = source[key]; // expect: prototype-pollution
    }
  }
  return target;
}

const defaults = { theme: 'light', notifications: { email: true } };

router.post('/settings/:section', (req, res) => {
  const settings = req.session.settings || {};
  settings[req.params.section][req.body.key] = req.body.value; // expect: prototype-pollution
  req.session.settings = settings;
  res.json(settings);
});

router.post('/settings', (req, res) => {
  const merged = deepMerge(defaults, req.body); // expect: prototype-pollution
  res.json(merged);
});

router.post('/settings/v2', (req, res) => {
  const { key, value } = req.body;
  if (!ALLOWED_SETTINGS.includes(key)) return res.status(400).json({ error: 'unknown setting' });
  req.session.settings = { ...req.session.settings, [key]: String(value) }; // safe
  res.json(req.session.settings);
});

router.post('/settings/v3', (req, res) => {
  const prefs = new Map(Object.entries(req.body)); // safe
  res.json(Object.fromEntries(prefs));
});

router.post('/settings/v4', (req, res) => {
  const store = Object.create(null);
  store[req.body.key] = String(req.body.value); // safe
  res.json(store);
});

router.post('/users', async (req, res) => {
  const user = await User.create(req.body); // expect: mass-assignment
  res.status(201).json(user);
});

router.post('/users/v2', async (req, res) => {
  const user = await User.create({ name: req.body.name, email: req.body.email }); // safe
  res.status(201).json(user);
});

router.put('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  Object.assign(user, req.body); // expect: mass-assignment
  await user.save();
  res.json(user);
});

router.patch('/users/:id', async (req, res) => {
  const updates = _.pick(req.body, ['name', 'bio', 'avatarUrl']);
  const user = await User.findByIdAndUpdate(req.params.id, updates, { new: true }); // safe
  res.json(user);
});

router.patch('/profile', async (req, res) => {
  const user = await prisma.user.update({ where: { id: req.user.id }, data: req.body }); // expect: mass-assignment
  res.json(user);
});

router.post('/posts', async (req, res) => {
  const post = await prisma.post.create({ data: { ...req.body, authorId: req.user.id } }); // expect: mass-assignment
  res.status(201).json(post);
});

router.post('/posts/v2', async (req, res) => {
  const { title, content } = req.body;
  const post = await prisma.post.create({ data: { title, content, authorId: req.user.id } }); // safe
  res.status(201).json(post);
});

router.post('/merge-defaults', (req, res) => {
  const options = _.merge({}, defaults, _.pick(req.body, ALLOWED_SETTINGS)); // safe
  res.json(options);
});

module.exports = router;
