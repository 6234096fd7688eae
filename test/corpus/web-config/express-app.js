const express = require('express');
const cors = require('cors');
const helmet = require('helmet');
const session = require('express-session');
const cookieParser = require('cookie-parser');
const RedisStore = require('connect-redis').default;
const { redisClient } = require('./redis');
const { exchangeCode } = require('./oauth');

const app = express();

app.disable('x-powered-by'); // safe
app.use(helmet({ contentSecurityPolicy: false })); // expect: security-headers-disabled
app.use(cors({ origin: true, credentials: true })); // expect: cors-misconfiguration
app.use(cookieParser(process.env.COOKIE_SECRET));
app.use(express.json());
app.use(
  session({
    store: new RedisStore({ client: redisClient }),
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: true, sameSite: 'strict', maxAge: 24 * 3600 * 1000 }, // expect: insecure-cookie
  }),
);

app.get('/auth/callback', async (req, res) => {
  const { accessToken, refreshToken } = await exchangeCode(req.query.code);
  res.cookie('access_token', accessToken, { httpOnly: false, secure: true, sameSite: 'strict' }); // expect: insecure-cookie
  res.cookie('refresh_token', refreshToken, { httpOnly: true, secure: true, sameSite: 'none', path: '/auth/refresh' }); // safe
  res.cookie('auth', accessToken); // expect: insecure-cookie
  res.cookie('theme', req.query.theme === 'dark' ? 'dark' : 'light', { maxAge: 365 * 24 * 3600 * 1000 }); // safe
  res.redirect('/dashboard');
});

app.get('/auth/logout', (req, res) => {
  res.clearCookie('access_token'); // safe
  res.redirect('/');
});

app.get('/api/profile', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin); // expect: cors-misconfiguration
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.json({ id: req.session.userId });
});

app.get('/api/public/stats', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*'); // safe
  res.json({ uptime: process.uptime() });
});

module.exports = app;
