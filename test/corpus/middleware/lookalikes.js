// Middlewares that are used correctly, or look like the factories but are not them.
const express = require('express');
const helmet = require('helmet');
const cors = require('cors');
const session = require('express-session');
const RedisStore = require('connect-redis').default;

const app = express();

const corsOptions = { origin: ['https://app.acme.io'], credentials: false };
const corsMiddleware = cors(corsOptions);
app.use(corsMiddleware); // safe
app.options('*', cors(corsOptions)); // safe
app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'self'"] } } })); // safe
app.use(helmet.hsts({ maxAge: 31536000 })); // safe
app.use(session({ store: new RedisStore({ client: redis }), secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false })); // safe
app.use(express.static('public')); // safe

function noCache(req, res, next) {
  res.set('Cache-Control', 'no-store');
  next();
}
app.use(noCache); // safe

module.exports = app;
