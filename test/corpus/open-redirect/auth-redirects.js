const express = require('express');
const router = express.Router();

const ALLOWED_RETURN_PATHS = ['/dashboard', '/settings', '/billing'];

router.get('/logout', (req, res) => {
  req.session.destroy(() => {
    res.redirect(req.query.redirect_uri); // expect: open-redirect
  });
});

router.post('/login', (req, res) => {
  const next = req.body.next || '/dashboard';
  res.redirect(next); // expect: open-redirect
});

router.post('/login/v2', (req, res) => {
  const next = String(req.body.next || '/dashboard');
  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/dashboard');
  res.redirect(next); // safe
});

router.get('/go', (req, res) => {
  const target = ALLOWED_RETURN_PATHS.includes(req.query.to) ? req.query.to : '/';
  res.redirect(target); // safe
});

router.get('/users/:id', (req, res) => {
  res.redirect(`/profiles/${req.params.id}/overview`); // safe
});

router.get('/page', (req, res) => {
  res.redirect('/' + req.query.page); // expect: open-redirect
});

router.get('/secure', (req, res) => {
  res.redirect(301, `https://${req.headers.host}${req.originalUrl}`); // safe
});

router.get('/continue', (req, res) => {
  res.redirect(req.session.returnTo || '/'); // safe
});

router.get('/out', (req, res) => {
  res.writeHead(302, { Location: req.query.url }); // expect: open-redirect
  res.end();
});

router.get('/help', (req, res) => {
  res.redirect(`https://support.example.com/search?q=${encodeURIComponent(req.query.q)}`); // safe
});

module.exports = router;
