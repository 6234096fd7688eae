import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/engine';
import { RULES } from '../../../src/core/rules';
import { incompleteSanitization } from '../../../src/core/rules/incomplete-sanitization';
import { applyFix, testRule } from '../../helpers/rule-tester';

const SAFE_ESCAPE = /^Replace every occurrence with `.+` \(safe: the later .+ are exactly what this call was written to escape\)$/;
const SAFE_REMOVE = /\(safe: the later .+ are exactly what this call was written to remove\)$/;

testRule(incompleteSanitization, {
  valid: [
    // Stripping one leading character on purpose: a path's slash, a hash's #, a query's ?, a price's $.
    "const route = path.replace('/', '');\nconst anchor = location.hash.replace('#', '');\nconst query = location.search.replace('?', '');\nconst amount = price.replace('$', '');",
    // Already global.
    "const safe = str.replace(/</g, '&lt;').replace(/>/g, '&gt;');\nconst quoted = value.replaceAll(\"'\", \"\\\\'\");",
    // Not an escape: template filling, path separators, typography, key normalisation, line breaks.
    "const body = tpl.replace('{{name}}', escapeHtml(name));\nconst unix = p.replace('\\\\', '/');\nconst pretty = text.replace(\"'\", '\u2019');\nconst field = key.replace('.', '_');\nconst line = s.replace('<br>', '\\n');\nconst next = url.replace('&', '?');",
    // Anchored or sticky patterns replace at most one place by design; \\s is not a metacharacter.
    "const trimmed = s.replace(/^</, '').replace(/>$/, '');\nconst sticky = s.replace(/[<>]/y, '');\nconst spaced = s.replace(/\\s/, '&nbsp;');",
    // Percent-encoding the slash of a scoped npm package name (it has exactly one).
    "const url = `${REGISTRY}/${name.replace('/', '%2F')}`;",
    // Removing one character outside any sanitiser may be parsing: a blockquote marker, a quoted value.
    "const quote = line.replace('>', '').trim();\nconst etag = header.replace('\"', '');",
    // A constant has no input in it.
    "const label = 'a<b'.replace('<', '&lt;');",
    // Only `replace` with two arguments.
    "router.replace('/login');\nhistory.replace('<', '&lt;', extra);",
  ],
  invalid: [
    {
      code: "function escapeHtml(name: string) {\n  return name.replace('<', '&lt;').replace('>', '&gt;');\n}",
      errors: [
        {
          line: 2,
          column: 15,
          endColumn: 35,
          confidence: 'high',
          message: /^This replace\(\) escapes only the first `<` \(a string pattern replaces one occurrence\); input with a second one keeps it: `<<` becomes `&lt;<`\. Replace every occurrence\.$/,
          fixes: [{ safety: 'safe', title: SAFE_ESCAPE, output: "function escapeHtml(name: string) {\n  return name.replace(/</g, '&lt;').replace('>', '&gt;');\n}" }],
        },
        {
          line: 2,
          column: 36,
          endColumn: 56,
          confidence: 'high',
          fixes: [{ safety: 'safe', title: SAFE_ESCAPE, output: "function escapeHtml(name: string) {\n  return name.replace('<', '&lt;').replace(/>/g, '&gt;');\n}" }],
        },
      ],
    },
    {
      code: "const js = `var title = '${value.replace(\"'\", \"\\\\'\")}';`;",
      errors: [{ line: 1, column: 34, confidence: 'high', message: /`''` becomes `\\''`/, fixes: [{ safety: 'safe', title: SAFE_ESCAPE, output: "const js = `var title = '${value.replace(/'/g, \"\\\\'\")}';`;" }] }],
    },
    {
      code: "const attr = `title=\"${title.replace('\"', '&quot;')}\"`;",
      errors: [{ line: 1, column: 30, fixes: [{ safety: 'safe', output: "const attr = `title=\"${title.replace(/\"/g, '&quot;')}\"`;" }] }],
    },
    {
      // A regex without g: the fix adds the flag.
      code: "el.innerHTML = input.replace(/</i, '&lt;');",
      errors: [{ line: 1, column: 22, message: /a regex without the g flag/, fixes: [{ safety: 'safe', title: /`\/<\/ig`/, output: "el.innerHTML = input.replace(/</ig, '&lt;');" }] }],
    },
    {
      // An escaper's lookup table with the g flag forgotten.
      code: "const escape = (str) => str.replace(/[&<>\"']/, (char) => ENTITIES[char]);",
      errors: [{ line: 1, column: 29, confidence: 'high', message: /escapes only the first match of `\/\[&<>"'\]\/`.*keeps it\. Replace/, fixes: [{ safety: 'safe', title: SAFE_ESCAPE, output: "const escape = (str) => str.replace(/[&<>\"']/g, (char) => ENTITIES[char]);" }] }],
    },
    {
      // SQL quote doubling, and a shell single-quote escape.
      code: "db.query(`SELECT * FROM users WHERE name = '${name.replace(\"'\", \"''\")}'`);\nexec(`grep '${term.replace(\"'\", \"'\\\\''\")}' log.txt`);",
      errors: [
        { line: 1, column: 52, message: /`''` becomes `'''`/, fixes: [{ safety: 'safe', output: "db.query(`SELECT * FROM users WHERE name = '${name.replace(/'/g, \"''\")}'`);\nexec(`grep '${term.replace(\"'\", \"'\\\\''\")}' log.txt`);" }] },
        { line: 2, column: 20, fixes: [{ safety: 'safe', output: "db.query(`SELECT * FROM users WHERE name = '${name.replace(\"'\", \"''\")}'`);\nexec(`grep '${term.replace(/'/g, \"'\\\\''\")}' log.txt`);" }] },
      ],
    },
    {
      // Removal is medium: stripping a character once may be parsing rather than sanitising.
      code: "const cleaned = comment.replace(/[<>]/, '');\nconst file = req.params.name.replace('..', '');",
      errors: [
        { line: 1, column: 25, confidence: 'medium', message: /removes only the first match of `\/\[<>\]\/`.*`<<` becomes `<`/, fixes: [{ safety: 'safe', title: SAFE_REMOVE, output: "const cleaned = comment.replace(/[<>]/g, '');\nconst file = req.params.name.replace('..', '');" }] },
        { line: 2, column: 30, confidence: 'medium', message: /`\.\.\.\.` becomes `\.\.`/, fixes: [{ safety: 'safe', title: SAFE_REMOVE, output: "const cleaned = comment.replace(/[<>]/, '');\nconst file = req.params.name.replace(/\\.\\./g, '');" }] },
      ],
    },
    {
      // One character removed in a sanitiser: by its name, a method's name, or a chain of strips.
      code: "function sanitizeName(s) {\n  return s.replace(\"'\", '');\n}\nclass Html {\n  stripTags(s) { return s.replace('<', ''); }\n}\nconst bare = from.replace('<', '').replace(/>/g, '');",
      errors: [
        { line: 2, column: 12, confidence: 'medium', message: /removes only the first `'`/, fixes: [{ safety: 'safe', title: SAFE_REMOVE, output: "function sanitizeName(s) {\n  return s.replace(/'/g, '');\n}\nclass Html {\n  stripTags(s) { return s.replace('<', ''); }\n}\nconst bare = from.replace('<', '').replace(/>/g, '');" }] },
        { line: 5, column: 27, confidence: 'medium', fixes: [{ safety: 'safe', output: "function sanitizeName(s) {\n  return s.replace(\"'\", '');\n}\nclass Html {\n  stripTags(s) { return s.replace(/</g, ''); }\n}\nconst bare = from.replace('<', '').replace(/>/g, '');" }] },
        { line: 7, column: 19, confidence: 'medium', fixes: [{ safety: 'safe', output: "function sanitizeName(s) {\n  return s.replace(\"'\", '');\n}\nclass Html {\n  stripTags(s) { return s.replace('<', ''); }\n}\nconst bare = from.replace(/</g, '').replace(/>/g, '');" }] },
      ],
    },
    {
      // Escaping a regex metacharacter (medium: a looser match, not markup) and quotes (high).
      code: "const pattern = new RegExp(host.replace('.', '\\\\.'));\nconst quoted = q.replace(/[\"']/, '\\\\$&');",
      errors: [
        { line: 1, column: 33, confidence: 'medium', message: /escapes only the first `\.`/, fixes: [{ safety: 'safe', title: /`\/\\\.\/g`/, output: "const pattern = new RegExp(host.replace(/\\./g, '\\\\.'));\nconst quoted = q.replace(/[\"']/, '\\\\$&');" }] },
        { line: 2, column: 18, confidence: 'high', fixes: [{ safety: 'safe', output: "const pattern = new RegExp(host.replace('.', '\\\\.'));\nconst quoted = q.replace(/[\"']/g, '\\\\$&');" }] },
      ],
    },
  ],
});

describe('incomplete-sanitization: the fixed call', () => {
  const settings = Object.fromEntries(RULES.filter((rule) => rule !== incompleteSanitization).map((rule) => [rule.meta.id, 'off' as const]));

  /** The function `const f = (s) => <call>;` defines, before and after the fix. */
  function both(code: string): [(input: string) => string, (input: string) => string] {
    const [finding] = analyze(code, 'file.js', { rules: settings }).findings;
    assert.ok(finding, `flagged: ${code}`);
    const make = (source: string) => new Function(`${source}\nreturn f;`)() as (input: string) => string;
    return [make(code), make(applyFix(code, finding.fixes[0]))];
  }

  /** Every string up to `length` characters over `alphabet`. */
  function strings(alphabet: string[], length: number): string[] {
    let all = [''];
    let layer = [''];
    for (let size = 0; size < length; size++) {
      layer = layer.flatMap((prefix) => alphabet.map((char) => prefix + char));
      all = all.concat(layer);
    }
    return all;
  }

  const cases: { code: string; matches: RegExp; alphabet: string[]; many: string; leftover: RegExp }[] = [
    { code: "const f = (s) => s.replace('<', '&lt;');", matches: /</g, alphabet: ['<', 'a', '&'], many: '<b>x</b>', leftover: /</ },
    { code: "const f = (s) => s.replace(\"'\", \"\\\\'\");", matches: /'/g, alphabet: ["'", '\\', 'a'], many: "it's Bob's", leftover: /(?<!\\)'/ },
    { code: "const f = (s) => s.replace('\"', '&quot;');", matches: /"/g, alphabet: ['"', 'a', ';'], many: '"a" "b"', leftover: /"/ },
    { code: "const f = (s) => s.replace(/[<>]/, '');", matches: /[<>]/g, alphabet: ['<', '>', 'a'], many: '<img onerror=x>', leftover: /[<>]/ },
    { code: "const f = (s) => s.replace('..', '');", matches: /\.\./g, alphabet: ['.', 'a', '/'], many: '../../etc/passwd', leftover: /\.\./ },
    { code: "const f = (s) => s.replace('$', '\\\\$');", matches: /\$/g, alphabet: ['$', 'a', '\\'], many: '$HOME $PATH', leftover: /(?<!\\)\$/ },
  ];
  for (const { code, matches, alphabet, many, leftover } of cases) {
    it(`${code} changes only inputs with a second match, and handles every match`, () => {
      const [original, fixed] = both(code);
      for (const input of strings(alphabet, 6)) {
        if ((input.match(matches) ?? []).length <= 1) assert.equal(fixed(input), original(input), `same result for ${JSON.stringify(input)}`);
      }
      assert.match(original(many), leftover, `the original leaves one in ${JSON.stringify(original(many))}`);
      assert.doesNotMatch(fixed(many), leftover, `the fix leaves none in ${JSON.stringify(fixed(many))}`);
    });
  }

  it('reads $ patterns in the replacement the same way with a string pattern and with the global regex', () => {
    for (const replacement of ['$1', '$<name>', '$&$&', '$`', "$'", '$$']) {
      assert.equal('a<b'.replace(/</g, replacement), 'a<b'.replace('<', replacement), replacement);
    }
  });
});
