const jwt = require('jsonwebtoken');
const fs = require('fs');

const PUBLIC_KEY = fs.readFileSync('./keys/jwt-public.pem');
const PRIVATE_KEY = fs.readFileSync('./keys/jwt-private.pem');

function signAccessToken(user) {
  return jwt.sign({ sub: user.id, role: user.role }, PRIVATE_KEY, { algorithm: 'RS256', expiresIn: '15m' }); // safe
}

function signRefreshToken(user) {
  return jwt.sign({ sub: user.id, type: 'refresh' }, process.env.REFRESH_SECRET); // expect: jwt-missing-expiry
}

function signInviteToken(invite) {
  return jwt.sign({ inviteId: invite.id, exp: Math.floor(Date.now() / 1000) + 7 * 24 * 3600 }, process.env.INVITE_SECRET); // safe
}

function authenticate(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  try {
    req.user = jwt.verify(token, PUBLIC_KEY); // expect: jwt-insecure-verification
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function authenticateStrict(req, res, next) {
  const token = (req.headers.authorization || '').split(' ')[1];
  try {
    req.user = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'] }); // safe
    next();
  } catch (err) {
    res.status(401).json({ error: 'invalid token' });
  }
}

function authenticateLenient(req, res, next) {
  const token = req.cookies.access_token;
  req.user = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256', 'none'] }); // expect: jwt-insecure-verification
  next();
}

function authenticateExpired(req, res, next) {
  req.user = jwt.verify(req.cookies.access_token, PUBLIC_KEY, { algorithms: ['RS256'], ignoreExpiration: true }); // expect: jwt-insecure-verification
  next();
}

function selectKey(token, keys) {
  const { header } = jwt.decode(token, { complete: true }); // safe
  return keys[header.kid];
}

module.exports = { signAccessToken, signRefreshToken, signInviteToken, authenticate, authenticateStrict, authenticateLenient, authenticateExpired, selectKey };
