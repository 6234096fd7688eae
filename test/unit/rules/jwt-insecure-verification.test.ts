import { jwtInsecureVerification } from '../../../src/core/rules/jwt-insecure-verification';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const PIN_TITLE = /^Accept only (?:HS256|HS512|RS256) \(review: tokens signed with any other algorithm will be rejected\)$/;

const publicKeyVerify = lines(
  "import jwt from 'jsonwebtoken';",
  "import fs from 'fs';",
  '',
  "const publicKey = fs.readFileSync('./keys/public.pem');",
  '',
  'export function verifyToken(token: string) {',
  '  return jwt.verify(token, publicKey);',
  '}',
);
const callbackVerify = lines(
  "const jwt = require('jsonwebtoken');",
  '',
  'function authenticateToken(req, res, next) {',
  "  const token = req.headers['authorization'] && req.headers['authorization'].split(' ')[1];",
  '  if (token == null) return res.sendStatus(401);',
  '  jwt.verify(token, process.env.TOKEN_SECRET, (err, user) => {',
  '    if (err) return res.sendStatus(403);',
  '    req.user = user;',
  '    next();',
  '  });',
  '}',
);
const emptyOptions = lines(
  "import jwt from 'jsonwebtoken';",
  'export function signAccessToken(user) {',
  "  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS512', expiresIn: '15m' });",
  '}',
  'export function verifyAccessToken(token) {',
  '  return jwt.verify(token, process.env.JWT_SECRET, {});',
  '}',
);
const issuerOnly = lines(
  "import * as jose from 'jose';",
  "const JWKS = jose.createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));",
  'export async function verify(token: string) {',
  "  const { payload } = await jose.jwtVerify(token, JWKS, { issuer: 'https://auth.example.com' });",
  '  return payload;',
  '}',
);

testRule(jwtInsecureVerification, {
  valid: [
    // Algorithms pinned.
    "import jwt from 'jsonwebtoken';\nconst payload = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });",
    "import { jwtVerify } from 'jose';\nconst secret = new TextEncoder().encode(process.env.JWT_SECRET);\nconst { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });",
    // Options in a variable: not visible, not guessed.
    "import jwt from 'jsonwebtoken';\nconst options = { algorithms: ['RS256'] };\nconst claims = jwt.verify(token, publicKey, options);",
    // decode() behind authentication middleware.
    lines(
      "import jwt from 'jsonwebtoken';",
      "app.get('/me', authenticate, (req, res) => {",
      '  const { sub } = jwt.decode(req.headers.authorization.slice(7));',
      '  res.json({ id: sub });',
      '});',
    ),
    lines(
      "import jwt from 'jsonwebtoken';",
      'app.use(requireAuth);',
      "app.get('/profile', (req, res) => {",
      '  const claims = jwt.decode(req.cookies.token);',
      '  res.json(claims);',
      '});',
    ),
    // decode() to pick the key, then verify().
    lines(
      "import jwt from 'jsonwebtoken';",
      'export function verifyWithKid(token) {',
      '  const { header } = jwt.decode(token, { complete: true });',
      '  const key = keys[header.kid];',
      "  return jwt.verify(token, key, { algorithms: ['RS256'] });",
      '}',
    ),
    // Client code reading claims of its own token.
    lines(
      "import { jwtDecode } from 'jwt-decode';",
      'export function useAuth() {',
      "  const token = localStorage.getItem('token');",
      '  const user = token ? jwtDecode(token) : null;',
      '  return { user, isExpired: user ? user.exp * 1000 < Date.now() : true };',
      '}',
    ),
    "import jwt from 'jsonwebtoken';\nfunction isTokenExpired(token) {\n  const decoded = jwt.decode(token);\n  return !decoded || decoded.exp * 1000 < Date.now();\n}",
    // Not JWT options.
    "const compression = { algorithm: 'none' };",
    "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });",
    "import jwt from 'jsonwebtoken';\nconst payload = jwt.verify(token, secret, { algorithms: ['HS256'], ignoreExpiration: false });",
  ],
  invalid: [
    {
      code: lines(
        "import jwt from 'jsonwebtoken';",
        '',
        'export const authMiddleware = (req, res, next) => {',
        "  const token = req.headers.authorization?.split(' ')[1];",
        "  if (!token) return res.status(401).json({ message: 'No token provided' });",
        '  try {',
        '    const decoded = jwt.decode(token);',
        '    req.user = decoded;',
        '    next();',
        '  } catch (err) {',
        "    return res.status(401).json({ message: 'Invalid token' });",
        '  }',
        '};',
      ),
      errors: [{ line: 7, column: 21, endColumn: 38, confidence: 'high', message: /^jwt\.decode\(\) returns the claims without checking the signature/ }],
    },
    {
      code: publicKeyVerify,
      errors: [
        {
          line: 7,
          column: 10,
          endColumn: 38,
          confidence: 'medium',
          message: /algorithm confusion/,
          fixes: [{ safety: 'review', title: PIN_TITLE, output: publicKeyVerify.replace('jwt.verify(token, publicKey)', "jwt.verify(token, publicKey, { algorithms: ['RS256'] })") }],
        },
      ],
    },
    {
      code: callbackVerify,
      filename: 'auth.js',
      errors: [
        {
          line: 6,
          column: 3,
          endColumn: 13,
          confidence: 'low',
          message: /^jwt\.verify\(\) does not pin the accepted algorithms/,
          fixes: [{ safety: 'review', output: callbackVerify.replace('TOKEN_SECRET, (err', "TOKEN_SECRET, { algorithms: ['HS256'] }, (err") }],
        },
      ],
    },
    {
      code: "import jwt from 'jsonwebtoken';\nconst payload = jwt.verify(token, secret, { algorithms: ['HS256', 'none'] });",
      errors: [{ line: 2, column: 45, endColumn: 74, confidence: 'high', message: /'none' algorithm/ }],
    },
    {
      code: "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ sub: user.id, role: user.role }, '', { algorithm: 'none' });",
      errors: [{ line: 2, column: 65, endColumn: 82, confidence: 'high', message: /^Signing with algorithm 'none'/ }],
    },
    {
      code: lines(
        "import jwt from 'jsonwebtoken';",
        'export function getUserFromToken(token: string) {',
        "  return jwt.verify(token, process.env.JWT_SECRET!, { ignoreExpiration: true, algorithms: ['HS256'] });",
        '}',
      ),
      errors: [{ line: 3, column: 55, endColumn: 77, confidence: 'medium', message: /^ignoreExpiration: true accepts expired tokens/ }],
    },
    {
      // Next.js middleware trusting an unverified session cookie.
      code: lines(
        "import { NextRequest, NextResponse } from 'next/server';",
        "import { decodeJwt } from 'jose';",
        '',
        'export function middleware(request: NextRequest) {',
        "  const token = request.cookies.get('session')?.value;",
        "  if (!token) return NextResponse.redirect(new URL('/login', request.url));",
        '  const { role } = decodeJwt(token);',
        "  if (role !== 'admin') return NextResponse.redirect(new URL('/403', request.url));",
        '  return NextResponse.next();',
        '}',
      ),
      errors: [{ line: 7, column: 20, endColumn: 36, confidence: 'high', message: /^decodeJwt\(\) returns the claims/ }],
    },
    {
      code: issuerOnly,
      errors: [
        {
          line: 4,
          column: 29,
          endColumn: 96,
          confidence: 'low',
          message: /^jwtVerify\(\) does not pin the accepted algorithms/,
          fixes: [{ safety: 'review', output: issuerOnly.replace("{ issuer: 'https", "{ algorithms: ['RS256'], issuer: 'https") }],
        },
      ],
    },
    {
      // The algorithm used for signing in the same file is the one to pin.
      code: emptyOptions,
      errors: [
        {
          line: 6,
          column: 10,
          endColumn: 55,
          confidence: 'low',
          // Every token this file issues is HS512, so pinning it rejects only tokens the app never made.
          fixes: [{ safety: 'safe', title: /^Accept only HS512, the algorithm this file signs with$/, output: emptyOptions.replace('JWT_SECRET, {});', "JWT_SECRET, { algorithms: ['HS512'] });") }],
        },
      ],
    },
    {
      // Signed without an explicit algorithm: the library chose it from the key, so the pin is a guess.
      code: emptyOptions.replace("{ algorithm: 'HS512', expiresIn: '15m' }", "{ expiresIn: '15m' }"),
      errors: [
        {
          line: 6,
          column: 10,
          confidence: 'low',
          fixes: [{ safety: 'review', title: PIN_TITLE, output: emptyOptions.replace("{ algorithm: 'HS512', expiresIn: '15m' }", "{ expiresIn: '15m' }").replace('JWT_SECRET, {});', "JWT_SECRET, { algorithms: ['HS256'] });") }],
        },
      ],
    },
  ],
});
