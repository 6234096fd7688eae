const express = require('express');
const logger = require('./logger');
const { authenticate, createResetToken } = require('./auth');

const router = express.Router();

router.post('/login', async (req, res) => {
  const { email, password } = req.body;
  console.log('Login attempt', { email, password }); // expect: secret-logging
  logger.info(`Login attempt for ${email}`); // safe
  const session = await authenticate(email, password);
  if (!session) return res.status(401).json({ error: 'Invalid credentials' });
  logger.debug(`Issued token ${session.token} for ${email}`); // expect: secret-logging
  logger.info('Session issued', { userId: session.userId, expiresIn: session.expiresIn }); // safe
  res.json({ token: session.token });
});

router.post('/password/forgot', async (req, res) => {
  const resetToken = await createResetToken(req.body.email);
  console.log('Reset token:', resetToken); // expect: secret-logging
  console.log('Password reset requested for', req.body.email); // safe
  res.sendStatus(202);
});

router.use((req, res, next) => {
  logger.info(`${req.method} ${req.path}`, { headers: req.headers }); // expect: secret-logging
  logger.info(`${req.method} ${req.path}`, { userAgent: req.headers['user-agent'] }); // safe
  next();
});

function startup() {
  console.log('DB password is', process.env.DB_PASSWORD); // expect: secret-logging
  console.log('Stripe key configured:', Boolean(process.env.STRIPE_SECRET_KEY)); // safe
  if (!process.env.JWT_SECRET) console.warn('JWT_SECRET is not set; refusing to start'); // safe
  console.log(`Token lifetime: ${process.env.TOKEN_TTL_SECONDS}s`); // safe
  const passwordLabel = 'Password';
  console.log('Rendering form field', passwordLabel); // safe
}

module.exports = { router, startup };
