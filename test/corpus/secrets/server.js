const express = require('express');
const session = require('express-session');
const jwt = require('jsonwebtoken');
const mongoose = require('mongoose');
const nodemailer = require('nodemailer');

const app = express();

mongoose.connect('mongodb+srv://orders_svc:l49LIJwsJpzkP260@cluster0.x7k2p.mongodb.net/orders'); // expect: hardcoded-secret

app.use(
  session({
    secret: 'keyboard cat', // expect: hardcoded-secret
    resave: false,
    saveUninitialized: false,
    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },
  }),
);

const transporter = nodemailer.createTransport({
  host: 'smtp.mailprovider.net',
  port: 587,
  auth: { user: 'alerts@acme-shop.io', pass: 'Xk9#mP2vL7qQ' }, // expect: hardcoded-secret
});

function issueToken(user) {
  return jwt.sign({ sub: user.id, role: user.role }, 'mysupersecretjwtkey', { expiresIn: '1h' }); // expect: hardcoded-secret
}

function readToken(token) {
  return jwt.verify(token, process.env.JWT_SECRET || 'dev-secret', { algorithms: ['HS256'] }); // expect: hardcoded-secret
}

function readTokenStrict(token) {
  return jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] }); // safe
}

app.get('/api/me', async (req, res) => {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  try {
    res.json(readTokenStrict(token));
  } catch {
    res.sendStatus(401);
  }
});

const headers = { Authorization: `Bearer ${process.env.API_TOKEN}`, 'Content-Type': 'application/json' }; // safe
const dbOptions = { user: 'app', password: '', host: 'db' }; // safe
const validation = { password: 'required|min:8' }; // safe
const errors = { password: 'Password must be at least 8 characters' }; // safe
const storedAdmin = { email: 'admin@acme-shop.io', passwordHash: '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5Y7yZq6pQv1mWJx0ZrZl3o7fTtW8X2a' }; // safe

module.exports = { app, transporter, issueToken, readToken, headers, dbOptions, validation, errors, storedAdmin };
