import { unsafeBufferAllocation } from '../../../src/core/rules/unsafe-buffer-allocation';
import { testRule } from '../../helpers/rule-tester';

const SAFE_FROM = /^Use Buffer\.from\(\) \(safe: for a string or an array the constructor is Buffer\.from with the same arguments\)$/;
const SAFE_ALLOC = /^Use Buffer\.alloc\(\) \(safe: for a number the constructor is Buffer\.alloc, zero-filled, since Node 8\)$/;

const echoRoute = [
  "app.post('/echo', (req, res) => {",
  '  const data = new Buffer(req.body.payload);',
  '  const padded = new Buffer(req.body.text.length * 2);',
  '  res.send(data);',
  '});',
].join('\n');

testRule(unsafeBufferAllocation, {
  valid: [
    "const data = Buffer.from(req.body.payload);\nconst iv = Buffer.alloc(16);\nconst scratch = Buffer.allocUnsafe(64);",
    // A Buffer of the file's own: the npm polyfill, a parameter, a class.
    "import { Buffer } from 'buffer/';\nconst bytes = new Buffer('abc');",
    'function wrap(Buffer) {\n  return new Buffer(3);\n}',
    'class Buffer {}\nconst mine = new Buffer(1);',
    // Libraries for old Node pick Buffer.from when it exists: the constructor is a deliberate fallback.
    'var bufferFrom = Buffer.from && Buffer.from !== Uint8Array.from ? Buffer.from : function (x) { return new Buffer(x); };',
    "function toBuffer(x) {\n  return typeof Buffer.from === 'function' ? Buffer.from(x) : new Buffer(x);\n}",
    "var newBuffer = typeof Buffer.allocUnsafe === 'function' ? function (n) { return Buffer.allocUnsafe(n); } : function (n) { return new Buffer(n); };",
    'function bufferAlloc(size) {\n  try { return Buffer.alloc(size); } catch (e) { return legacy(size); }\n  function legacy(size) { return new Buffer(size); }\n}',
    'function read(s) {\n  try { return Buffer.from(s); } catch (e) { return new Buffer(s); }\n}',
    // A bundled polyfill: its `function Buffer` is hoisted above calls the walk reaches first.
    'function createBuffer(length) {\n  return new Buffer(length);\n}\nfunction Buffer(arg) {\n  return createBuffer(arg);\n}',
    // Not a call of the constructor.
    'const isBuffer = value instanceof Buffer;\nconst NewBuffer = Buffer;\nconst other = new ArrayBuffer(8);',
  ],
  invalid: [
    {
      code: 'const iv = new Buffer(16);\n',
      errors: [{ line: 1, column: 12, endColumn: 26, confidence: 'medium', message: /^new Buffer\(\) is deprecated \(DEP0005\)/, fixes: [{ safety: 'safe', title: SAFE_ALLOC, output: 'const iv = Buffer.alloc(16);\n' }] }],
    },
    {
      code: "const key = new Buffer('00ff', 'hex');",
      errors: [{ line: 1, column: 13, confidence: 'medium', fixes: [{ safety: 'safe', title: SAFE_FROM, output: "const key = Buffer.from('00ff', 'hex');" }] }],
    },
    {
      code: 'const bytes = Buffer([1, 2, 3]);',
      errors: [{ line: 1, column: 15, confidence: 'medium', message: /^Buffer\(\) is deprecated/, fixes: [{ safety: 'safe', title: SAFE_FROM, output: 'const bytes = Buffer.from([1, 2, 3]);' }] }],
    },
    {
      code: 'const greeting = new Buffer(`hi ${name}`);\nconst header = new Buffer(\'Basic \' + token);',
      errors: [
        { line: 1, column: 18, fixes: [{ safety: 'safe', output: 'const greeting = Buffer.from(`hi ${name}`);\nconst header = new Buffer(\'Basic \' + token);' }] },
        { line: 2, column: 16, fixes: [{ safety: 'safe', output: 'const greeting = new Buffer(`hi ${name}`);\nconst header = Buffer.from(\'Basic \' + token);' }] },
      ],
    },
    {
      // A const size, and the global reached through globalThis.
      code: "const SALT_BYTES = 32;\nconst salt = new Buffer(SALT_BYTES);\nconst label = new globalThis.Buffer('abc');",
      errors: [
        { line: 2, column: 14, fixes: [{ safety: 'safe', title: SAFE_ALLOC, output: "const SALT_BYTES = 32;\nconst salt = Buffer.alloc(SALT_BYTES);\nconst label = new globalThis.Buffer('abc');" }] },
        { line: 3, column: 15, fixes: [{ safety: 'safe', title: SAFE_FROM, output: "const SALT_BYTES = 32;\nconst salt = new Buffer(SALT_BYTES);\nconst label = Buffer.from('abc');" }] },
      ],
    },
    {
      // Unknown types: the fix is review either way.
      code: echoRoute,
      errors: [
        {
          line: 2, column: 16, endColumn: 44, confidence: 'high', message: /a number where data was expected/,
          fixes: [{ safety: 'review', title: /^Use Buffer\.from\(\) \(review: Buffer\.from throws on a number/, output: echoRoute.replace('new Buffer(req.body.payload)', 'Buffer.from(req.body.payload)') }],
        },
        {
          line: 3, column: 18, confidence: 'high',
          fixes: [{ safety: 'review', title: /^Use Buffer\.alloc\(\) \(review:/, output: echoRoute.replace('new Buffer(req.body.text.length * 2)', 'Buffer.alloc(req.body.text.length * 2)') }],
        },
      ],
    },
    {
      // A number with an encoding throws today; a `let` may hold anything by the time it is used.
      code: "let size = 10;\nconst a = new Buffer(10, 'utf8');\nconst b = new Buffer(size);",
      errors: [
        { line: 2, column: 11, confidence: 'medium' },
        { line: 3, column: 11, confidence: 'high', fixes: [{ safety: 'review', output: "let size = 10;\nconst a = new Buffer(10, 'utf8');\nconst b = Buffer.from(size);" }] },
      ],
    },
  ],
});
