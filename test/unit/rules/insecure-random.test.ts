import { insecureRandom } from '../../../src/core/rules/insecure-random';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const UUID_TITLE = /^Use crypto\.randomUUID\(\) \(review: the value becomes a 36-character UUID/;

const forgotPassword = lines(
  "app.post('/api/auth/forgot-password', async (req, res) => {",
  '  const user = await User.findOne({ email: req.body.email });',
  '  if (!user) return res.json({ ok: true });',
  '  const resetToken = Math.random().toString(36).substring(2, 15);',
  '  user.resetToken = resetToken;',
  '  await user.save();',
  '  await mailer.sendReset(user.email, resetToken);',
  '  res.json({ ok: true });',
  '});',
);
const loginCookie = lines(
  "router.post('/login', async (req, res) => {",
  '  const user = await authenticate(req.body.username, req.body.password);',
  "  if (!user) return res.status(401).json({ error: 'Invalid credentials' });",
  "  res.cookie('sessionId', Math.random().toString(36).slice(2), { httpOnly: true });",
  "  res.redirect('/dashboard');",
  '});',
);
const csrfField = lines('class AuthService {', '  private csrfToken = Math.random().toString(36).slice(2);', '}');

testRule(insecureRandom, {
  valid: [
    // React keys and DOM ids are UI.
    {
      code: 'export function TodoList({ todos }) {\n  return <ul>{todos.map((t) => <li key={Math.random()}>{t}</li>)}</ul>;\n}',
      filename: 'TodoList.jsx',
    },
    {
      code: lines(
        'export function Field({ label }) {',
        '  const id = useMemo(() => `field-${Math.random().toString(36).slice(2)}`, []);',
        '  return <><label htmlFor={id}>{label}</label><input id={id} /></>;',
        '}',
      ),
      filename: 'Field.jsx',
    },
    // Exponential backoff with jitter.
    'const delay = Math.min(30000, 1000 * 2 ** attempt) + Math.random() * 1000;',
    "socket.on('close', () => setTimeout(connect, 1000 + Math.random() * 4000));",
    // Shuffling a quiz, sampling logs, picking a colour.
    'const shuffled = [...questions].sort(() => Math.random() - 0.5);',
    "if (Math.random() < 0.1) logger.debug('sampled request', { path: req.path });",
    "const color = '#' + Math.floor(Math.random() * 16777215).toString(16).padStart(6, '0');",
    // Temporary and uploaded file names.
    'const tmpPath = path.join(os.tmpdir(), `upload-${Math.random().toString(36).slice(2)}.png`);',
    lines(
      'const storage = multer.diskStorage({',
      '  filename: (req, file, cb) => {',
      "    const uniqueSuffix = Date.now() + '-' + Math.round(Math.random() * 1e9);",
      "    cb(null, file.fieldname + '-' + uniqueSuffix + path.extname(file.originalname));",
      '  },',
      '});',
    ),
    // A generic helper: nothing says what it is for.
    'function getRandomInt(min: number, max: number) {\n  return Math.floor(Math.random() * (max - min + 1)) + min;\n}',
    'export const generateId = () => Math.random().toString(36).substr(2, 9);',
    // A token-making function whose random number is a jittered lifetime.
    lines(
      'function createSessionToken(user) {',
      '  const ttl = 3600 + Math.floor(Math.random() * 60);',
      '  return jwt.sign({ sub: user.id }, SECRET, { expiresIn: ttl });',
      '}',
    ),
    // Tracing ids, even inside an auth route.
    "app.post('/reset-password', (req, res) => {\n  const requestId = Math.random().toString(36).slice(2);\n  logger.info({ requestId }, 'reset requested');\n});",
    // Test data: a mock object and a test file.
    'const mockUser = { id: 1, password: Math.random().toString(36) };',
    { code: 'const token = Math.random().toString(36).slice(2);\nexpect(verify(token)).toBe(false);', filename: 'test/auth.test.ts' },
    // Graphics and games; names that only contain "key".
    'const particles = Array.from({ length: 50 }, () => ({ x: Math.random() * width, y: Math.random() * height, speed: Math.random() }));',
    'function rollDice() {\n  return Math.floor(Math.random() * 6) + 1;\n}',
    'const keyframes = { keyboard: Math.random(), monkey: Math.random() };',
  ],
  invalid: [
    {
      code: lines(
        'export function generateToken(length = 32): string {',
        "  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';",
        "  let result = '';",
        '  for (let i = 0; i < length; i++) {',
        '    result += chars.charAt(Math.floor(Math.random() * chars.length));',
        '  }',
        '  return result;',
        '}',
      ),
      errors: [{ line: 5, column: 39, endColumn: 52, confidence: 'high', message: /^Math\.random\(\) is not cryptographically secure, so the value returned by generateToken\(\) can be predicted/ }],
    },
    {
      code: forgotPassword,
      errors: [
        {
          line: 4,
          column: 22,
          endColumn: 35,
          confidence: 'high',
          message: /'resetToken' can be predicted/,
          fixes: [{ safety: 'review', title: UUID_TITLE, output: forgotPassword.replace('Math.random().toString(36).substring(2, 15)', 'crypto.randomUUID()') }],
        },
      ],
    },
    {
      code: lines(
        'export async function sendVerificationCode(phone: string) {',
        '  const code = Math.floor(100000 + Math.random() * 900000).toString();',
        "  await redis.set(`otp:${phone}`, code, 'EX', 300);",
        '  await sms.send(phone, `Your code is ${code}`);',
        '}',
      ),
      errors: [{ line: 2, column: 36, endColumn: 49, confidence: 'medium', message: /'code' can be predicted/ }],
    },
    {
      code: "const otp = Array.from({ length: 6 }, () => Math.floor(Math.random() * 10)).join('');",
      errors: [{ line: 1, column: 56, endColumn: 69, confidence: 'high', message: /'otp'/ }],
    },
    {
      code: lines(
        'export function generateUUID() {',
        "  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {",
        '    const r = (Math.random() * 16) | 0;',
        "    const v = c === 'x' ? r : (r & 0x3) | 0x8;",
        '    return v.toString(16);',
        '  });',
        '}',
      ),
      errors: [{ line: 3, column: 16, endColumn: 29, confidence: 'medium', message: /the value returned by generateUUID\(\)/ }],
    },
    {
      code: loginCookie,
      errors: [
        {
          line: 4,
          column: 27,
          endColumn: 40,
          confidence: 'high',
          message: /'sessionId'/,
          fixes: [{ safety: 'review', output: loginCookie.replace('Math.random().toString(36).slice(2)', 'crypto.randomUUID()') }],
        },
      ],
    },
    {
      code: lines(
        'const newUser = await prisma.user.create({',
        '  data: {',
        '    email,',
        '    inviteCode: Math.random().toString(36).substring(2, 8).toUpperCase(),',
        '  },',
        '});',
      ),
      errors: [{ line: 4, column: 17, endColumn: 30, confidence: 'medium', message: /'inviteCode'/ }],
    },
    {
      code: csrfField,
      errors: [{ line: 2, column: 23, endColumn: 36, confidence: 'high', fixes: [{ safety: 'review', output: csrfField.replace('Math.random().toString(36).slice(2)', 'crypto.randomUUID()') }] }],
    },
    {
      code: lines(
        'function generatePassword(length = 12) {',
        "  const charset = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%';",
        "  let password = '';",
        '  for (let i = 0; i < length; i++) password += charset[Math.floor(Math.random() * charset.length)];',
        '  return password;',
        '}',
      ),
      errors: [{ line: 4, column: 67, endColumn: 80, confidence: 'high', message: /'password'/ }],
    },
    {
      code: "const apiKey = 'sk_' + [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');",
      errors: [{ line: 1, column: 60, endColumn: 73, confidence: 'high', message: /'apiKey'/ }],
    },
    {
      // Two Math.random() calls in one value: one finding.
      code: 'export const randomPassword = () => Math.random().toString(36).slice(-8) + Math.random().toString(36).toUpperCase().slice(-4);',
      filename: 'src/lib/password.js',
      errors: [{ line: 1, column: 37, endColumn: 50, confidence: 'high', message: /the value returned by randomPassword\(\)/ }],
    },
    {
      code: "const userToken = localStorage.getItem('token') || Math.random().toString(36).slice(2);",
      errors: [{ line: 1, column: 52, confidence: 'high', message: /'userToken'/ }],
    },
    {
      code: 'export function createInvite(email: string) {\n  return db.invites.insert({ email, code: Math.random().toString(36).slice(2, 10), createdAt: new Date() });\n}',
      errors: [{ line: 2, column: 43, confidence: 'medium', message: /'code'/ }],
    },
  ],
});
