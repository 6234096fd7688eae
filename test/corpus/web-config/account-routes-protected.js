const express = require('express');
const session = require('express-session');
const csrf = require('csurf');
const { requireLogin } = require('./auth');
const { Accounts } = require('./accounts');

const app = express();
const csrfProtection = csrf();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true } }));

app.get('/account', requireLogin, csrfProtection, async (req, res) => {
  res.json({ account: await Accounts.get(req.session.userId), csrfToken: req.csrfToken() });
});

app.post('/account/email', requireLogin, csrfProtection, async (req, res) => { // safe
  await Accounts.updateEmail(req.session.userId, String(req.body.email));
  res.redirect('/account');
});

app.post('/account/transfer', requireLogin, csrfProtection, async (req, res) => { // safe
  await Accounts.transfer(req.session.userId, String(req.body.to), Number(req.body.amount));
  res.redirect('/account');
});

module.exports = app;
