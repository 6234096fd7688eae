import { jwtMissingExpiry } from '../../../src/core/rules/jwt-missing-expiry';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const MESSAGE = /^jwt\.sign\(\) issues a token with no expiry \(no expiresIn option and no exp claim\), so a leaked or stolen token stays valid forever\.$/;
const TITLE = /^Add expiresIn: '1h' \(review: tokens stop working after an hour, so clients must refresh or sign in again\)$/;

const helper = lines(
  "import jwt from 'jsonwebtoken';",
  '',
  'export function generateToken(user: { id: string; email: string }) {',
  '  return jwt.sign({ id: user.id, email: user.email }, process.env.JWT_SECRET!);',
  '}',
);
const loginRoute = lines(
  "const jwt = require('jsonwebtoken');",
  '',
  "router.post('/login', async (req, res) => {",
  '  const user = await User.findOne({ email: req.body.email });',
  '  const payload = { userId: user._id, role: user.role };',
  "  const token = jwt.sign(payload, process.env.JWT_SECRET, { algorithm: 'HS256' });",
  '  res.json({ token });',
  '});',
);
const callbackSign = lines(
  "import jwt from 'jsonwebtoken';",
  'export const issue = (id: string, res: Response) =>',
  '  jwt.sign({ sub: id }, SECRET, (err, token) => {',
  '    res.json({ token });',
  '  });',
);
const jose = lines(
  "import { SignJWT } from 'jose';",
  '',
  'export async function createSession(userId: string) {',
  '  const secret = new TextEncoder().encode(process.env.JWT_SECRET);',
  '  return await new SignJWT({ userId })',
  "    .setProtectedHeader({ alg: 'HS256' })",
  '    .setIssuedAt()',
  '    .sign(secret);',
  '}',
);
const refresh = lines(
  "import jwt from 'jsonwebtoken';",
  'export function issueTokens(user: User) {',
  "  const accessToken = jwt.sign({ sub: user.id }, ACCESS_SECRET, { expiresIn: '15m' });",
  '  const refreshToken = jwt.sign({ sub: user.id }, REFRESH_SECRET, {});',
  '  return { accessToken, refreshToken };',
  '}',
);

testRule(jwtMissingExpiry, {
  valid: [
    // expiresIn option, or an exp claim in the payload.
    "import jwt from 'jsonwebtoken';\nexport const sign = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET!, { expiresIn: '15m' });",
    "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ id, exp: Math.floor(Date.now() / 1000) + 60 * 60 }, secret);",
    // A payload that may already carry exp: a variable of unknown content, a spread, re-signing decoded claims.
    "import jwt from 'jsonwebtoken';\nexport const resign = (claims: JwtPayload) => jwt.sign(claims, secret);",
    "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ ...session, role: 'admin' }, secret);",
    // Options in a variable, or spread from defaults: not visible.
    "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ id }, secret, signOptions);\nconst other = jwt.sign({ id }, secret, { ...DEFAULT_SIGN_OPTIONS, algorithm: 'RS256' });",
    // exp added to the payload before signing.
    lines(
      "import jwt from 'jsonwebtoken';",
      'export function makeToken(userId: string) {',
      '  const payload = { sub: userId };',
      '  payload.exp = Math.floor(Date.now() / 1000) + 3600;',
      '  return jwt.sign(payload, process.env.JWT_SECRET);',
      '}',
    ),
    // Options object built as a const with expiresIn.
    "import jwt from 'jsonwebtoken';\nconst options = { expiresIn: '7d', issuer: 'api' };\nexport const sign = (sub: string) => jwt.sign({ sub }, secret, options);",
    // jose with setExpirationTime anywhere in the chain.
    "import { SignJWT } from 'jose';\nconst jwt = await new SignJWT({ sub }).setProtectedHeader({ alg: 'ES256' }).setExpirationTime('2h').setIssuedAt().sign(privateKey);",
    // Test files mint throwaway tokens.
    { code: "import jwt from 'jsonwebtoken';\nconst token = jwt.sign({ id: 1 }, 'test-secret');", filename: 'src/__tests__/auth.test.ts' },
    // Hono payload with exp.
    "import { sign } from 'hono/jwt';\nconst token = await sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 300 }, secret);",
    // Computed claim names may be exp.
    "import jwt from 'jsonwebtoken';\nconst assertion = jwt.sign({ [Claims.AUDIENCE]: audience, [Claims.EXPIRATION]: expiresAt }, privateKey, { header });",
    // Other libraries' sign methods (NestJS JwtService gets expiry from module options).
    'export class AuthService {\n  login(user: User) {\n    return { access_token: this.jwtService.sign({ sub: user.id }) };\n  }\n}',
  ],
  invalid: [
    {
      code: helper,
      errors: [{
        line: 4, column: 10, endColumn: 79, confidence: 'high', message: MESSAGE,
        fixes: [{ safety: 'review', title: TITLE, output: helper.replace('process.env.JWT_SECRET!)', "process.env.JWT_SECRET!, { expiresIn: '1h' })") }],
      }],
    },
    {
      code: loginRoute,
      filename: 'routes/auth.js',
      errors: [{
        line: 6, column: 17, endColumn: 82, confidence: 'high', message: MESSAGE,
        fixes: [{ safety: 'review', title: TITLE, output: loginRoute.replace("{ algorithm: 'HS256' }", "{ expiresIn: '1h', algorithm: 'HS256' }") }],
      }],
    },
    {
      code: callbackSign,
      errors: [{
        line: 3, column: 3, endColumn: 11, confidence: 'high', message: MESSAGE,
        fixes: [{ safety: 'review', title: TITLE, output: callbackSign.replace('SECRET, (err', "SECRET, { expiresIn: '1h' }, (err") }],
      }],
    },
    {
      code: jose,
      errors: [{
        line: 8, column: 6, endColumn: 10, confidence: 'high', message: /^This SignJWT chain never calls setExpirationTime\(\)/,
        fixes: [{ safety: 'review', title: /^Add \.setExpirationTime\('1h'\) \(review: /, output: jose.replace('.setIssuedAt()\n', ".setIssuedAt().setExpirationTime('1h')\n") }],
      }],
    },
    // A refresh token with empty options: medium (often revocable server-side), empty object replaced.
    {
      code: refresh,
      errors: [{
        line: 4, column: 24, endColumn: 70, confidence: 'medium', message: MESSAGE,
        fixes: [{ safety: 'review', title: TITLE, output: refresh.replace('REFRESH_SECRET, {}', "REFRESH_SECRET, { expiresIn: '1h' }") }],
      }],
    },
    {
      code: lines(
        "import { sign } from 'jsonwebtoken';",
        'const claims = { id: account.id, plan: account.plan };',
        'export const apiToken = sign(claims, process.env.API_TOKEN_SECRET as string, { issuer: "billing" });',
      ),
      errors: [{
        line: 3, column: 25, endColumn: 100, confidence: 'high', message: MESSAGE,
        fixes: [{ safety: 'review', output: lines(
          "import { sign } from 'jsonwebtoken';",
          'const claims = { id: account.id, plan: account.plan };',
          'export const apiToken = sign(claims, process.env.API_TOKEN_SECRET as string, { expiresIn: \'1h\', issuer: "billing" });',
        ) }],
      }],
    },
    // Next.js route handler with jose, imported as a namespace.
    {
      code: lines(
        "import * as jose from 'jose';",
        'export async function POST(request: Request) {',
        '  const { email } = await request.json();',
        "  const token = await new jose.SignJWT({ email }).setProtectedHeader({ alg: 'HS256' }).sign(KEY);",
        "  return Response.json({ token });",
        '}',
      ),
      errors: [{ line: 4, column: 88, endColumn: 92, confidence: 'high', fixes: [{ safety: 'review', output: lines(
        "import * as jose from 'jose';",
        'export async function POST(request: Request) {',
        '  const { email } = await request.json();',
        "  const token = await new jose.SignJWT({ email }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(KEY);",
        "  return Response.json({ token });",
        '}',
      ) }] }],
    },
    // Hono's helper: only an exp claim in the payload expires the token.
    {
      code: "import { sign } from 'hono/jwt';\napp.post('/login', async (c) => c.json({ token: await sign({ sub: user.id, role: user.role }, c.env.JWT_SECRET) }));",
      errors: [{
        line: 2, column: 55, endColumn: 112, confidence: 'high', message: /^sign\(\) issues a token whose payload has no exp claim/,
        fixes: [{ safety: 'review', title: /^Add an exp claim one hour ahead \(review: /, output: "import { sign } from 'hono/jwt';\napp.post('/login', async (c) => c.json({ token: await sign({ sub: user.id, role: user.role, exp: Math.floor(Date.now() / 1000) + 60 * 60 }, c.env.JWT_SECRET) }));" }],
      }],
    },
    {
      code: "const jwt = require('jsonwebtoken');\nmodule.exports = (user) => jwt.sign({ id: user.id, isAdmin: user.isAdmin }, config.jwtSecret, {});",
      filename: 'utils/token.js',
      errors: [{ line: 2, column: 28, endColumn: 98, confidence: 'high', message: MESSAGE, fixes: [{ safety: 'review', output: "const jwt = require('jsonwebtoken');\nmodule.exports = (user) => jwt.sign({ id: user.id, isAdmin: user.isAdmin }, config.jwtSecret, { expiresIn: '1h' });" }] }],
    },
  ],
});
