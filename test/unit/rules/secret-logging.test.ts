import { secretLogging } from '../../../src/core/rules/secret-logging';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const REDACT = /^Log a redacted placeholder instead \(safe: only the text written to the log changes\)$/;
const named = (name: string): RegExp => new RegExp(`^This log call writes '${name.replace(/\./g, '\\.')}' in clear text, so anyone who can read the logs`);

const login = lines(
  "router.post('/login', async (req, res) => {",
  '  const { email, password } = req.body;',
  '  console.log(`Login attempt for ${email} with password ${password}`);',
  '  const user = await authenticate(email, password);',
  "  res.json({ ok: !!user });",
  '});',
);
const pino = lines(
  "import pino from 'pino';",
  'const logger = pino();',
  'export async function createUser(input: { email: string; password: string }) {',
  "  logger.info({ email: input.email, password: input.password }, 'creating user');",
  '  return db.user.create({ data: input });',
  '}',
);
const shorthand = lines(
  'export class AuthService {',
  '  async refresh(userId: string) {',
  '    const refreshToken = await this.tokens.issue(userId);',
  "    this.logger.debug('issued', { userId, refreshToken });",
  '    return refreshToken;',
  '  }',
  '}',
);
const header = lines(
  "app.use('/api', (req, res, next) => {",
  "  console.log('Authorization header:', req.headers.authorization);",
  '  next();',
  '});',
);
const envKey = "console.log(`Using OpenAI key ${process.env.OPENAI_API_KEY}`);";

testRule(secretLogging, {
  valid: [
    // Test output with fake credentials.
    { code: "const token = await login('user@example.com', 'hunter2');\nconsole.log('token', token);", filename: 'e2e/login.spec.ts' },
    // Flags, lengths, masks and counts instead of the value.
    lines(
      "router.post('/login', async (req, res) => {",
      '  const { email, password } = req.body;',
      "  console.log('login', { email, hasPassword: !!password, passwordLength: password.length });",
      "  console.log('token', mask(token), token.slice(0, 6) + '...');",
      '});',
    ),
    // Names that contain a secret word but hold something else.
    "console.log({ tokenType: 'Bearer', passwordResetSent: true, tokenExpiresAt: expiresAt, csrfToken: 'n/a' });\nlogger.info('password reset email sent', { email });",
    // React state flags.
    'const [showPassword, setShowPassword] = useState(false);\nconsole.log(showPassword);\nconst isTokenValid: boolean = check(token);\nconsole.debug(isTokenValid);',
    // The whole body of a route that is not about credentials.
    "app.post('/api/products', (req, res) => {\n  console.log('new product', req.body);\n  res.sendStatus(201);\n});",
    // A tokenizer's tokens.
    'function tokenize(input: string) {\n  for (const token of lex(input)) {\n    console.log(token);\n    out.push(token.type);\n  }\n}',
    // Hashes are not the password.
    "const hashedPassword = await bcrypt.hash(password, 12);\nconsole.log('stored hash', hashedPassword);",
    // Not a logger.
    "const api = createClient();\napi.log('token', token);\nanalytics.track('login', { token });",
    // Constant strings and a presence check of an env variable.
    "console.log('JWT secret configured:', Boolean(process.env.JWT_SECRET));\nconsole.warn('Missing password for', username);",
    // The page's own cookies in browser code.
    "console.log('cookies', document.cookie);",
    // Language-model token counts and streamed tokens.
    lines(
      'const completion = await openai.chat.completions.create({ model, messages });',
      'console.log(`Used ${completion.usage.total_tokens} tokens`);',
      "logger.info('usage', { totalTokens: usage.totalTokens, maxTokens: 4096, tokensUsed });",
      'for await (const chunk of stream) {',
      '  const token = chunk.choices[0]?.delta?.content;',
      '  console.log(token);',
      '}',
    ),
    // Names of variables and headers, not their values.
    lines(
      "const EnvVarNames = { API_SECRET: 'API_SECRET', DB_PASSWORD: 'DB_PASSWORD' } as const;",
      'enum Header { AUTHORIZATION = "authorization" }',
      'logger.warn(`Set ${EnvVarNames.API_SECRET} and ${EnvVarNames.DB_PASSWORD} before starting`);',
      "logger.info('Reading', Header.AUTHORIZATION);",
      "const KEYS = { apiKey: 'x-api-key' };",
      "console.log('send the key in', KEYS.apiKey);",
    ),
  ],
  invalid: [
    {
      code: login,
      errors: [{
        line: 3, column: 59, endColumn: 67, confidence: 'high', message: named('password'),
        fixes: [{ safety: 'safe', title: REDACT, output: login.replace('with password ${password}', "with password ${'[REDACTED]'}") }],
      }],
    },
    {
      code: pino,
      errors: [{
        line: 4, column: 47, endColumn: 61, confidence: 'high', message: named('input.password'),
        fixes: [{ safety: 'safe', title: REDACT, output: pino.replace('password: input.password', "password: '[REDACTED]'") }],
      }],
    },
    {
      code: shorthand,
      errors: [{
        line: 4, column: 43, endColumn: 55, confidence: 'high', message: named('refreshToken'),
        fixes: [{ safety: 'safe', title: REDACT, output: shorthand.replace('{ userId, refreshToken }', "{ userId, refreshToken: '[REDACTED]' }") }],
      }],
    },
    {
      code: header,
      filename: 'server.js',
      errors: [{
        line: 2, column: 40, endColumn: 65, confidence: 'high', message: named('req.headers.authorization'),
        fixes: [{ safety: 'safe', title: REDACT, output: header.replace('req.headers.authorization)', "'[REDACTED]')") }],
      }],
    },
    {
      code: envKey,
      errors: [{ line: 1, column: 33, endColumn: 59, confidence: 'high', message: named('process.env.OPENAI_API_KEY'), fixes: [{ safety: 'safe', title: REDACT, output: "console.log(`Using OpenAI key ${'[REDACTED]'}`);" }] }],
    },
    // A whole sign-up body, and all headers.
    {
      code: lines(
        "app.post('/auth/register', (req, res) => {",
        "  console.log('Register request:', req.body);",
        '  console.log(req.headers);',
        '  res.sendStatus(201);',
        '});',
      ),
      filename: 'app.js',
      errors: [
        { line: 2, column: 36, endColumn: 44, confidence: 'high', message: /writes the whole sign-in or sign-up request body \(with the password\)/ },
        { line: 3, column: 15, endColumn: 26, confidence: 'medium', message: /writes all request headers \(Authorization and Cookie included\)/ },
      ],
    },
    {
      code: "console.log('env', JSON.stringify(process.env, null, 2));",
      filename: 'scripts/debug.js',
      errors: [{ line: 1, column: 35, endColumn: 46, confidence: 'high', message: /writes the whole environment/ }],
    },
    // A bare token: medium.
    {
      code: lines(
        'export async function login(email: string, pw: string) {',
        "  const { token } = await api.post('/login', { email, password: pw });",
        "  console.log('Got token:', token);",
        "  localStorage.setItem('token', token);",
        '}',
      ),
      filename: 'client.tsx',
      errors: [{ line: 3, column: 29, endColumn: 34, confidence: 'medium', message: named('token'), fixes: [{ safety: 'safe', output: lines(
        'export async function login(email: string, pw: string) {',
        "  const { token } = await api.post('/login', { email, password: pw });",
        "  console.log('Got token:', '[REDACTED]');",
        "  localStorage.setItem('token', token);",
        '}',
      ) }] }],
    },
    // Winston with a secret under a secret-named key.
    {
      code: "import winston from 'winston';\nwinston.error('Stripe call failed', { apiKey: key, status: err.statusCode });",
      errors: [{ line: 2, column: 39, endColumn: 50, confidence: 'high', message: named('apiKey'), fixes: [{ safety: 'safe', output: "import winston from 'winston';\nwinston.error('Stripe call failed', { apiKey: '[REDACTED]', status: err.statusCode });" }] }],
    },
  ],
});
