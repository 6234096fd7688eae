const express = require('express');
const session = require('express-session');
const { requireLogin } = require('./auth');
const { Accounts } = require('./accounts');

const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true } }));

app.get('/account', requireLogin, async (req, res) => { // safe
  res.json(await Accounts.get(req.session.userId));
});

app.post('/account/email', requireLogin, async (req, res) => { // expect: csrf-missing
  await Accounts.updateEmail(req.session.userId, String(req.body.email));
  res.redirect('/account');
});

app.post('/account/transfer', requireLogin, async (req, res) => { // expect: csrf-missing
  await Accounts.transfer(req.session.userId, String(req.body.to), Number(req.body.amount));
  res.redirect('/account');
});

app.delete('/account', requireLogin, async (req, res) => { // expect: csrf-missing
  await Accounts.remove(req.session.userId);
  req.session.destroy(() => res.sendStatus(204));
});

module.exports = app;
