const express = require('express');
const helmet = require('helmet');
const cors = require('cors');
const cookieParser = require('cookie-parser');
const rateLimit = require('express-rate-limit');
const compression = require('compression');
const routes = require('./routes');
const { requireAuth } = require('./middleware/auth');

const app = express();

app.use(helmet); // expect: security-middleware-not-invoked
app.use(cors); // expect: security-middleware-not-invoked
app.use(express.json); // expect: security-middleware-not-invoked
app.use(express.urlencoded({ extended: true })); // safe
app.use(cookieParser()); // safe
app.use(compression); // expect: security-middleware-not-invoked

const apiLimiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 });
app.use('/api', apiLimiter); // safe
app.use('/api/auth', rateLimit); // expect: security-middleware-not-invoked
app.use('/api', requireAuth, routes); // safe

app.use((err, req, res, next) => { // safe
  console.error(err);
  res.status(500).json({ error: 'Internal Server Error' });
});

const PORT = process.env.PORT || 3000;
app.listen(PORT, () => console.log(`Server running on port ${PORT}`));
