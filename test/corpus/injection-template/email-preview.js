const express = require('express');
const ejs = require('ejs');
const pug = require('pug');
const Handlebars = require('handlebars');
const _ = require('lodash');
const nunjucks = require('nunjucks');
const fs = require('fs');
const path = require('path');

const app = express();
app.use(express.json());
app.set('view engine', 'ejs');

const WELCOME_TEMPLATE = fs.readFileSync(path.join(__dirname, 'templates', 'welcome.hbs'), 'utf8');
const renderWelcome = Handlebars.compile(WELCOME_TEMPLATE); // safe

// Marketing can preview custom e-mail templates before sending them.
app.post('/api/email/preview', (req, res) => {
  const html = ejs.render(req.body.template, { user: req.user }); // expect: template-injection
  res.json({ html });
});

app.post('/api/email/preview-hbs', (req, res) => {
  const template = Handlebars.compile(req.body.source); // expect: template-injection
  res.json({ html: template({ name: req.body.name }) });
});

app.get('/greeting', (req, res) => {
  const html = pug.render(`p Hello ${req.query.name}`); // expect: template-injection
  res.send(html); // expect: reflected-xss
});

app.get('/profile', (req, res) => {
  res.render('profile', { name: req.query.name, bio: req.query.bio }); // safe
});

app.post('/api/banner', (req, res) => {
  const compiled = _.template(req.body.banner); // expect: template-injection
  res.json({ html: compiled({ site: 'Acme' }) });
});

app.post('/api/snippet', (req, res) => {
  const out = nunjucks.renderString(req.body.snippet, { now: new Date() }); // expect: template-injection
  res.json({ out });
});

app.post('/api/welcome', (req, res) => {
  res.json({ html: renderWelcome({ name: req.body.name }) }); // safe
});

app.get('/receipt', (req, res) => {
  const html = ejs.render('<p>Thanks, <%= name %>!</p>', { name: req.query.name }); // safe
  res.send(html); // safe
});

app.listen(3000);
