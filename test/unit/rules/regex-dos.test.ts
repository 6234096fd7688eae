import { strict as assert } from 'node:assert';
import { regexDos } from '../../../src/core/rules/regex-dos';
import { analyze } from '../../../src/core/engine';
import { applyFix, testRule } from '../../helpers/rule-tester';

const ESCAPE = ".replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')";

testRule(regexDos, {
  valid: [
    // Input escaped with a helper before it becomes a pattern.
    [
      "import escapeStringRegexp from 'escape-string-regexp';",
      "app.get('/api/search', async (req, res) => {",
      "  const pattern = new RegExp(escapeStringRegexp(String(req.query.q ?? '')), 'i');",
      '  res.json(await Product.find({ name: pattern }));',
      '});',
    ].join('\n'),
    // The usual inline escape, stored under a telling name.
    [
      "router.get('/users', async (req, res) => {",
      "  const term = String(req.query.term || '').trim();",
      "  const escaped = term.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');",
      "  const users = await User.find({ email: { $regex: escaped, $options: 'i' } });",
      '  res.json(users);',
      '});',
    ].join('\n'),
    // lodash's escapeRegExp.
    "import _ from 'lodash';\napp.get('/tags', (req, res) => {\n  const re = new RegExp(`^${_.escapeRegExp(req.query.prefix)}`);\n  res.json(tags.filter((tag) => re.test(tag)));\n});",
    // A constant pattern without nested repetition.
    "const EMAIL_RE = /^[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+$/;\nexport const isEmail = (value: string) => EMAIL_RE.test(value);",
    // Nested repetition with nothing after it that can fail: the first attempt always succeeds.
    'const words = text.match(/(\\w+\\s?)+/g);',
    // Each pass ends with a character the inner repetition cannot match.
    "const IPV4 = /^(\\d{1,3}\\.){3}\\d{1,3}$/;\nconst DOMAIN = /^([a-z0-9-]+\\.)+[a-z]{2,}$/i;\nconst SLUG = new RegExp('^[a-z0-9]+(?:-[a-z0-9]+)*$');",
    // Disjoint alternatives: `.` does not match a newline.
    "const block = source.replace(/\\/\\*(.|\\n)*?\\*\\//g, '');",
    // A pattern from configuration, not from the request.
    "const ignore = new RegExp(process.env.IGNORE_PATTERN ?? '^$');\nexport function skip(path: string) { return ignore.test(path); }",
    // Validated against an allow-list pattern first.
    [
      "app.get('/logs', (req, res) => {",
      '  const { filter } = req.query;',
      "  if (!/^[\\w\\s-]{1,40}$/.test(filter)) return res.status(400).end();",
      "  res.json(lines.filter((line) => new RegExp(filter, 'i').test(line)));",
      '});',
    ].join('\n'),
    // A CLI argument is the user's own pattern.
    'const pattern = new RegExp(process.argv[2]);\nfor (const file of files) if (pattern.test(file)) console.log(file);',
    // A comment stripper whose body cannot run past the closing delimiter.
    'const COMMENT = /(\\s|\\/\\*([^*]|\\*(?!\\/))*?\\*\\/)*$/;',
  ],
  invalid: [
    {
      code: [
        "app.get('/api/products', async (req, res) => {",
        "  const search = new RegExp(req.query.q, 'i');",
        '  res.json(await Product.find({ title: search }));',
        '});',
      ].join('\n'),
      errors: [
        {
          line: 2,
          column: 18,
          endColumn: 46,
          confidence: 'high',
          message: /new RegExp\(\) turns user input into a regular expression/,
          fixes: [
            {
              safety: 'review',
              title: /Escape the input/,
              output: [
                "app.get('/api/products', async (req, res) => {",
                `  const search = new RegExp(String(req.query.q)${ESCAPE}, 'i');`,
                '  res.json(await Product.find({ title: search }));',
                '});',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      // Template: only the input piece is escaped by the fix.
      code: "router.get('/files', (req, res) => {\n  const { ext } = req.query;\n  const re = RegExp(`\\\\.${ext}$`);\n  res.json(files.filter((f) => re.test(f)));\n});",
      errors: [
        {
          line: 3,
          column: 14,
          confidence: 'high',
          message: /RegExp\(\) turns user input/,
          fixes: [
            {
              safety: 'review',
              output: `router.get('/files', (req, res) => {\n  const { ext } = req.query;\n  const re = RegExp(\`\\\\.\${String(ext)${ESCAPE}}$\`);\n  res.json(files.filter((f) => re.test(f)));\n});`,
            },
          ],
        },
      ],
    },
    {
      // MongoDB compiles $regex on the database server.
      code: "app.get('/users', async (req, res) => {\n  const users = await db.collection('users').find({ name: { $regex: req.query.name, $options: 'i' } }).toArray();\n  res.json(users);\n});",
      errors: [
        {
          line: 2,
          column: 61,
          confidence: 'high',
          message: /The \$regex query turns user input/,
          fixes: [{ safety: 'review', output: `app.get('/users', async (req, res) => {\n  const users = await db.collection('users').find({ name: { $regex: String(req.query.name)${ESCAPE}, $options: 'i' } }).toArray();\n  res.json(users);\n});` }],
        },
      ],
    },
    {
      // Next.js route handler: searchParams are request input.
      code: "export async function GET(request: Request) {\n  const { searchParams } = new URL(request.url);\n  const q = searchParams.get('q') ?? '';\n  const matcher = new RegExp(q, 'gi');\n  return Response.json(posts.filter((p) => matcher.test(p.title)));\n}",
      errors: [{ line: 4, column: 19, confidence: 'high', fixes: [{ safety: 'review', output: "export async function GET(request: Request) {\n  const { searchParams } = new URL(request.url);\n  const q = searchParams.get('q') ?? '';\n  const matcher = new RegExp(String(q)" + ESCAPE + ", 'gi');\n  return Response.json(posts.filter((p) => matcher.test(p.title)));\n}" }] }],
    },
    {
      code: 'export function isValidEmail(email: string): boolean {\n  return /^([a-zA-Z0-9_\\.\\-])+\\@(([a-zA-Z0-9\\-])+\\.)+([a-zA-Z0-9]{2,4})+$/.test(email);\n}',
      errors: [{ line: 2, column: 10, confidence: 'medium', message: /`\(\[a-zA-Z0-9\]\{2,4\}\)\+` backtracks catastrophically/ }],
    },
    {
      // Applied directly to the request body: high.
      code: "app.post('/signup', (req, res) => {\n  if (!/^(\\w+\\s?)*$/.test(req.body.fullName)) return res.status(400).send('Invalid name');\n  res.sendStatus(201);\n});",
      errors: [{ line: 2, column: 8, endColumn: 21, confidence: 'high', message: /`\(\\w\+\\s\?\)\*`.*ReDoS/ }],
    },
    {
      // The well-known URL pattern from tutorials.
      code: "const URL_RE = /^(https?:\\/\\/)?([\\da-z.-]+)\\.([a-z.]{2,6})([/\\w .-]*)*\\/?$/;",
      errors: [{ line: 1, column: 16, confidence: 'medium', message: /`\(\[\/\\w \.-\]\*\)\*`/ }],
    },
    {
      // Overlapping alternatives under a star.
      code: "const stripComments = (html: string) => html.replace(/<!--(.|\\s)*?-->/g, '');",
      errors: [{ line: 1, column: 54, confidence: 'medium', message: /alternatives `\.` and `\\s` match the same characters/ }],
    },
    {
      // A constant string pattern is parsed too.
      code: "const CSV_LINE = new RegExp('^([^,]+,?)*$');\nexport const valid = (line: string) => CSV_LINE.test(line);",
      errors: [{ line: 1, column: 29, confidence: 'medium' }],
    },
    {
      // `(.*a){20}` fails by itself when it cannot reach its count.
      code: 'const re = /(.*a){20}/;',
      errors: [{ line: 1, column: 12, confidence: 'medium' }],
    },
    {
      // A nested repetition of one class flattens to the same pattern without the nesting.
      code: 'export const isDigits = (value: string) => /^(?:\\d+)+$/.test(value);',
      errors: [{
        line: 1, column: 44, endColumn: 56, confidence: 'medium',
        fixes: [{ safety: 'safe', title: /^Rewrite `\(\?:\\d\+\)\+` as `\\d\+` \(safe: it matches exactly the same strings/, output: 'export const isDigits = (value: string) => /^\\d+$/.test(value);' }],
      }],
    },
    {
      // Used with replace: the match itself is the same, so the fix is safe wherever the regex goes.
      code: "const BLANK_LINES = /(?:[ \\t]*)*\\n/g;\nexport const squeeze = (text: string) => text.replace(BLANK_LINES, '\\n');",
      errors: [{ line: 1, column: 21, fixes: [{ safety: 'safe', output: "const BLANK_LINES = /[ \\t]*\\n/g;\nexport const squeeze = (text: string) => text.replace(BLANK_LINES, '\\n');" }] }],
    },
    {
      // A capturing group in a literal that is only tested: nothing reads the capture.
      code: "app.post('/signup', (req, res) => {\n  if (!/^(\\w+)*$/.test(req.body.username)) return res.status(400).end();\n  res.sendStatus(201);\n});",
      errors: [{
        line: 2, column: 8, endColumn: 18, confidence: 'high',
        fixes: [{ safety: 'safe', title: /only tested, so its capture is never read/, output: "app.post('/signup', (req, res) => {\n  if (!/^\\w*$/.test(req.body.username)) return res.status(400).end();\n  res.sendStatus(201);\n});" }],
      }],
    },
    {
      // A string pattern written without escapes is rewritten in place too.
      code: "const re = new RegExp('^(?:a+)+$');",
      errors: [{ line: 1, column: 23, fixes: [{ safety: 'safe', output: "const re = new RegExp('^a+$');" }] }],
    },
    // No fix: the capture is read (exec), a backreference or RegExp.$1 could read it, lazy quantifiers pick other
    // matches, and a string with escapes does not hold the pattern as written.
    { code: 'const m = /^(\\w+)*$/.exec(name);', errors: [{ line: 1, column: 11 }] },
    { code: 'const ok = /^(a+)+\\1$/.test(s);', errors: [{ line: 1, column: 12 }] },
    { code: 'const ok = /^(a+)+$/.test(s);\nconsole.log(RegExp.$1);', errors: [{ line: 1, column: 12 }] },
    { code: 'const ok = /^(?:a+?)+$/.test(s);\nconst ok2 = /^(?:a+)+?$/.test(s);', errors: [{ line: 1, column: 12 }, { line: 2, column: 13 }] },
    { code: "const re = new RegExp('^(?:\\\\d+)+$');", errors: [{ line: 1, column: 23 }] },
  ],
});

describe('regex-dos: flattened nested repetition', () => {
  const ALPHABET = ['a', 'b', '1', '\n'];
  const MAX_LENGTH = 7;
  const strings: string[] = [''];
  for (let start = 0; strings[start] !== undefined && strings[start].length < MAX_LENGTH; start++) {
    for (const char of ALPHABET) strings.push(strings[start] + char);
  }
  const SHAPES = ['(?:X+)+', '(?:X+)*', '(?:X*)+', '(?:X*)*'];
  const ATOMS = ['a', '\\d', '[ab]', '.', '\\s', '[^a]', '\\w'];
  /** Something that can fail after the group, so the detector reports it. */
  const CONTEXTS: [string, string][] = [['^', '$'], ['', 'b'], ['^1?', '(?=b)']];
  const FLAGS = ['', 'i', 'ms', 'u', 'g'];

  /** The regex literal in `code` after the rule's only fix; undefined when the rule offers none. */
  function fixedLiteral(code: string, prefix: string, suffix: string): string | undefined {
    const findings = analyze(code, 'file.ts').findings.filter((finding) => finding.ruleId === 'regex-dos');
    assert.equal(findings.length, 1, code);
    const [fix] = findings[0].fixes;
    if (!fix) return undefined;
    assert.equal(fix.safety, 'safe');
    const fixed = applyFix(code, fix);
    return fixed.slice(prefix.length, fixed.length - suffix.length);
  }

  const literal = (text: string): RegExp => new Function(`return ${text};`)() as RegExp;

  it(`non-capturing groups: exec and replace agree on every string over ${JSON.stringify(ALPHABET.join(''))} up to ${MAX_LENGTH} characters`, () => {
    let compared = 0;
    for (const shape of SHAPES) {
      for (const atom of ATOMS) {
        for (const [before, after] of CONTEXTS) {
          for (const flags of FLAGS) {
            const original = `/${before}${shape.replace('X', atom)}${after}/${flags}`;
            const prefix = 'export const re = ';
            const fixedText = fixedLiteral(`${prefix}${original};`, prefix, ';');
            assert.ok(fixedText, `no fix for ${original}`);
            assert.ok(!fixedText.includes('(?:'), fixedText);
            const [a, b] = [literal(original), literal(fixedText)];
            for (const text of strings) {
              if (flags.includes('g')) assert.equal(text.replace(b, '<$&>'), text.replace(a, '<$&>'), `${original} vs ${fixedText} on ${JSON.stringify(text)}`);
              else assert.deepEqual(b.exec(text), a.exec(text), `${original} vs ${fixedText} on ${JSON.stringify(text)}`);
            }
            compared++;
          }
        }
      }
    }
    assert.equal(compared, SHAPES.length * ATOMS.length * CONTEXTS.length * FLAGS.length);
  });

  it('capturing groups in a literal that is only tested: test() agrees on every string', () => {
    for (const shape of SHAPES) {
      for (const atom of ATOMS) {
        for (const [before, after] of CONTEXTS) {
          for (const flags of ['', 'i', 'u']) {
            const original = `/${before}${shape.replace('(?:', '(').replace('X', atom)}${after}/${flags}`;
            const prefix = 'export const ok = (s: string) => ';
            const suffix = '.test(s);';
            const fixedText = fixedLiteral(`${prefix}${original}${suffix}`, prefix, suffix);
            assert.ok(fixedText, `no fix for ${original}`);
            const [a, b] = [literal(original), literal(fixedText)];
            for (const text of strings) assert.equal(b.test(text), a.test(text), `${original} vs ${fixedText} on ${JSON.stringify(text)}`);
          }
        }
      }
    }
  });
});
