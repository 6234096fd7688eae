const express = require('express');
const bcrypt = require('bcryptjs');
const jwt = require('jsonwebtoken');
const User = require('../models/User');

const router = express.Router();

router.post('/register', async (req, res) => {
  const { name, email, password } = req.body;
  const existing = await User.findOne({ email }); // expect: nosql-injection
  if (existing) return res.status(400).json({ msg: 'User already exists' });
  const salt = await bcrypt.genSalt(10);
  const hashed = await bcrypt.hash(password, salt);
  const user = await User.create({ name, email, password: hashed });
  res.status(201).json({ id: user.id });
});

router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email }); // expect: nosql-injection
  if (!user) return res.status(400).json({ msg: 'Invalid credentials' });

  const isMatch = bcrypt.compare(password, user.password); // expect: unawaited-security-check
  if (!isMatch) return res.status(400).json({ msg: 'Invalid credentials' });

  const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
  res.json({ token });
});

router.post('/change-password', async (req, res) => {
  const { currentPassword, newPassword } = req.body;
  const user = await User.findById(req.user.id);
  if (!(await bcrypt.compare(currentPassword, user.password))) { // safe
    return res.status(401).json({ msg: 'Current password is incorrect' });
  }
  user.password = await bcrypt.hash(newPassword, 10);
  await user.save();
  res.sendStatus(204);
});

router.post('/delete-account', async (req, res) => {
  const user = await User.findById(req.user.id);
  if (user && bcrypt.compare(req.body.password, user.password)) { // expect: unawaited-security-check
    await user.deleteOne();
    return res.sendStatus(204);
  }
  res.status(401).json({ msg: 'Password required' });
});

// Legacy passport strategy: the callback form answers in the callback.
function checkPassword(user, password, done) {
  bcrypt.compare(password, user.password, (err, same) => { // safe
    if (err) return done(err);
    return same ? done(null, user) : done(null, false);
  });
}

function checkPasswordSync(user, password) {
  return bcrypt.compareSync(password, user.password); // safe
}

module.exports = { router, checkPassword, checkPasswordSync };
