import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/engine';
import { RULES } from '../../../src/core/rules';
import { globalRegexTest } from '../../../src/core/rules/global-regex-test';
import { applyFix, testRule } from '../../helpers/rule-tester';

const SAFE_TITLE = /^Remove the g flag \(safe: the regex is only used by \.test\(\)\/\.exec\(\), where the flag only carries a stale position from one call to the next\)$/;

testRule(globalRegexTest, {
  valid: [
    // A regex made inside the function is a new object on each call.
    'function isDigits(value: string) {\n  const DIGITS = /^\\d+$/g;\n  return DIGITS.test(value);\n}',
    // A literal used in place is a new object each time it is evaluated.
    "const valid = (value) => /^[a-z]+$/g.test(value);",
    // Stepping through matches on purpose: in a loop condition, anywhere in a while loop, or twice on one string.
    'const WORD = /\\w+/g;\nfunction countWords(text) {\n  let count = 0;\n  while (WORD.exec(text)) count++;\n  return count;\n}',
    'const NUMBER = /\\d+/g;\nfunction sum(text) {\n  let total = 0;\n  for (let match; (match = NUMBER.exec(text)) !== null;) total += Number(match[0]);\n  return total;\n}',
    'const PAIR = /(\\w+)=(\\w+)/g;\nfunction firstTwo(text) {\n  const first = PAIR.exec(text);\n  const second = PAIR.exec(text);\n  return [first, second];\n}',
    // Other uses need the g flag, or read lastIndex.
    "const TAG = /#\\w+/g;\nconst tags = (text) => text.match(TAG);\nconst hasTag = (text) => TAG.test(text);",
    'const TOKEN = /\\s+/g;\nfunction next(text) {\n  TOKEN.lastIndex = 0;\n  return TOKEN.test(text);\n}',
    // Exported, passed around, or shadowed: its other users are not visible here.
    'export const SLUG = /^[a-z-]+$/g;\nexport const isSlug = (value) => SLUG.test(value);',
    'const CODE = /^[A-Z]{3}$/g;\nmodule.exports = { CODE, isCode: (value) => CODE.test(value) };',
    'const ID = /^\\d+$/g;\nfunction check(ID, value) {\n  return ID.test(value);\n}\nconst ok = (value) => ID.test(value);',
    // Sticky, or without g, or reassignable.
    'const AT = /\\d+/gy;\nconst digitsAt = (text) => AT.test(text);\nconst PLAIN = /\\d+/;\nconst digits = (text) => PLAIN.test(text);',
    'let MUTABLE = /x/g;\nconst hasX = (text) => MUTABLE.test(text);',
    // Called once at the top level.
    "const FLAG = /^--verbose$/g;\nconst verbose = FLAG.test(process.argv[2] ?? '');",
  ],
  invalid: [
    {
      code: "const EMAIL_RE = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/g;\n\nexport function isValidEmail(email: string): boolean {\n  return EMAIL_RE.test(email);\n}",
      errors: [
        {
          line: 1,
          column: 18,
          endColumn: 47,
          confidence: 'high',
          message: /^`EMAIL_RE` has the g flag, so each \.test\(\) starts where the previous match ended \(lastIndex\) instead of at the start: after one match, the next call on another string can miss, so a validator rejects every second valid input and a deny-list lets a blocked value through\. Remove the g flag\.$/,
          fixes: [{ safety: 'safe', title: SAFE_TITLE, output: "const EMAIL_RE = /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/;\n\nexport function isValidEmail(email: string): boolean {\n  return EMAIL_RE.test(email);\n}" }],
        },
      ],
    },
    {
      // A deny-list built with new RegExp: the fix edits the flags string.
      code: "const BLOCKED = new RegExp('<script|javascript:', 'gi');\napp.post('/comments', (req, res) => {\n  if (BLOCKED.test(req.body.html)) return res.status(400).send('Rejected');\n  res.sendStatus(201);\n});",
      errors: [{ line: 1, column: 17, fixes: [{ safety: 'safe', title: SAFE_TITLE, output: "const BLOCKED = new RegExp('<script|javascript:', 'i');\napp.post('/comments', (req, res) => {\n  if (BLOCKED.test(req.body.html)) return res.status(400).send('Rejected');\n  res.sendStatus(201);\n});" }] }],
    },
    {
      // Two calls in a row on one object, and a callback over many strings.
      code: "function bothNumeric(a, b) {\n  const NUMERIC = /^\\d+$/g;\n  return NUMERIC.test(a) && NUMERIC.test(b);\n}\nconst HEX = /^[0-9a-f]+$/gi;\nconst valid = ids.filter((id) => HEX.test(id));",
      errors: [
        { line: 2, column: 19, fixes: [{ safety: 'safe', output: "function bothNumeric(a, b) {\n  const NUMERIC = /^\\d+$/;\n  return NUMERIC.test(a) && NUMERIC.test(b);\n}\nconst HEX = /^[0-9a-f]+$/gi;\nconst valid = ids.filter((id) => HEX.test(id));" }] },
        { line: 5, column: 13, fixes: [{ safety: 'safe', output: "function bothNumeric(a, b) {\n  const NUMERIC = /^\\d+$/g;\n  return NUMERIC.test(a) && NUMERIC.test(b);\n}\nconst HEX = /^[0-9a-f]+$/i;\nconst valid = ids.filter((id) => HEX.test(id));" }] },
      ],
    },
    {
      // Only g: the flags argument goes.
      code: "const SKU = new RegExp('^[A-Z]{3}-\\\\d{4}$', 'g');\nconst invalid = (items) => items.filter((item) => !SKU.test(item.sku));",
      errors: [{ line: 1, column: 13, fixes: [{ safety: 'safe', title: SAFE_TITLE, output: "const SKU = new RegExp('^[A-Z]{3}-\\\\d{4}$');\nconst invalid = (items) => items.filter((item) => !SKU.test(item.sku));" }] }],
    },
    {
      // exec in a for-of loop over different strings.
      code: "const VERSION = /v(\\d+)\\.(\\d+)/g;\nfor (const line of lines) {\n  const match = VERSION.exec(line);\n  if (match) versions.push(match[1]);\n}",
      errors: [{ line: 1, column: 17, message: /each \.exec\(\) starts/, fixes: [{ safety: 'safe', output: "const VERSION = /v(\\d+)\\.(\\d+)/;\nfor (const line of lines) {\n  const match = VERSION.exec(line);\n  if (match) versions.push(match[1]);\n}" }] }],
    },
  ],
});

describe('global-regex-test: behaviour before and after the fix', () => {
  const settings = Object.fromEntries(RULES.filter((rule) => rule !== globalRegexTest).map((rule) => [rule.meta.id, 'off' as const]));

  function fixedSource(code: string): string {
    const [finding] = analyze(code, 'file.js', { rules: settings }).findings;
    assert.ok(finding, 'flagged');
    return applyFix(code, finding.fixes[0]);
  }

  /** Runs the module text and returns its `check` function. */
  function load(code: string): (value: string) => boolean {
    return new Function(`${code}\nreturn check;`)() as (value: string) => boolean;
  }

  it('a validator: the original rejects every second valid input, the fixed one accepts them all', () => {
    const code = 'const DIGITS = /^\\d+$/g;\nfunction check(value) {\n  return DIGITS.test(value);\n}';
    const original = load(code);
    const fixed = load(fixedSource(code));
    assert.deepEqual(['123', '456', '789', '012'].map(original), [true, false, true, false]);
    assert.deepEqual(['123', '456', '789', '012'].map(fixed), [true, true, true, true]);
  });

  it('a deny-list: the original lets a blocked value through after a match, the fixed one blocks it', () => {
    const code = "const BLOCKED = new RegExp('<script', 'gi');\nfunction check(value) {\n  return BLOCKED.test(value);\n}";
    const original = load(code);
    const fixed = load(fixedSource(code));
    assert.deepEqual(['hello <script>x</script>', '<script>y'].map(original), [true, false]);
    assert.deepEqual(['hello <script>x</script>', '<script>y'].map(fixed), [true, true]);
  });

  it('exec: the fixed regex finds the same first match the original finds on a first call', () => {
    const code = 'const VERSION = /v(\\d+)/g;\nfunction check(value) {\n  return VERSION.exec(value)?.[1] ?? null;\n}';
    const original = load(code) as unknown as (value: string) => string | null;
    const fixed = load(fixedSource(code)) as unknown as (value: string) => string | null;
    assert.equal(original('release v12'), '12');
    assert.equal(original('v3'), null, 'the original resumes past the end of the shorter string');
    assert.deepEqual(['release v12', 'v3', 'v4 and v5'].map(fixed), ['12', '3', '4']);
  });
});
