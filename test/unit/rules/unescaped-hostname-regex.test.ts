import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/engine';
import { RULES } from '../../../src/core/rules';
import { unescapedHostnameRegex } from '../../../src/core/rules/unescaped-hostname-regex';
import { applyFix, testRule } from '../../helpers/rule-tester';

const SAFE_TITLE = /^Escape the dots in .* \(safe: a dot between hostname labels means a dot; only other hosts stop matching\)$/;

testRule(unescapedHostnameRegex, {
  valid: [
    // Already escaped.
    "const API_URL = /^https:\\/\\/api\\.example\\.com\\//;\nconst SITE = /^(www|app)\\.example\\.com$/;",
    "const origin = new RegExp('^https://api\\\\.example\\\\.com$');",
    // Character classes, versions, file extensions, decimals and wildcards are not hostnames.
    'const SLUG = /^[a-z0-9.-]+$/;\nconst VERSION = /v1.2/;\nconst MINIFIED = /\\.min.js$/;\nconst PI = /3.14/;',
    'const ANY_SUBDOMAIN = /^.*\\.example\\.com$/;\nconst BETWEEN = /foo.+bar/;\nconst IP = /^192.168.1.1$/;',
    // File names and property paths whose last part is not a top-level domain (or is also a file extension).
    'const README = /README.md$/;\nconst MANIFEST = /package.json$/;\nconst FIELD = /user.id/;\nconst SCRIPT = /install.sh$/;',
    // The run of labels goes on past `.com`: a file name, not a host.
    'const FIXTURE = /google.com.json$/;\nconst WORD = /my_site.com/;',
    // Rewriting text is not a check on a host.
    "const html = page.replace(/cdn.example.com/g, 'cdn.example.org');\nconst parts = text.split(new RegExp('example.com'));",
    // Test assertions gate nothing.
    "expect(res.headers.location).toMatch(/^https:\\/\\/accounts.google.com\\//);\nassert.match(url, /api.example.com/);\nexpect(link).to.match(/docs.example.com/);",
    // A plain string is compared as text; a pattern that is not constant is not read.
    "const HOST = 'api.example.com';\nconst matcher = new RegExp(pattern);\nconst widget = new Widget('api.example.com');",
  ],
  invalid: [
    {
      code: "const API_URL = /^https:\\/\\/api.example.com\\//;\nif (!API_URL.test(url)) throw new Error('untrusted');",
      errors: [
        {
          line: 1,
          column: 17,
          endColumn: 47,
          confidence: 'high',
          message: /^The `\.` in the hostname `api\.example\.com` matches any character, not just a dot, so `api-example\.com`, a domain anyone can register, passes too; escape it as `\\\.`\.$/,
          fixes: [{ safety: 'safe', title: SAFE_TITLE, output: "const API_URL = /^https:\\/\\/api\\.example\\.com\\//;\nif (!API_URL.test(url)) throw new Error('untrusted');" }],
        },
      ],
    },
    {
      // The dot after a group of subdomains is a dot between labels too.
      code: 'const SITE = /^(www|app).example.com$/;',
      errors: [
        {
          line: 1,
          column: 14,
          confidence: 'high',
          message: /hostname `www\.example\.com` .* so `www-example\.com`, a domain anyone can register/,
          fixes: [{ safety: 'safe', title: /`www\.example\.com`/, output: 'const SITE = /^(www|app)\\.example\\.com$/;' }],
        },
      ],
    },
    {
      // Only the dot before the TLD, and the host ends there: a wrong check, but `example-com` is not a domain.
      code: "app.use(cors({ origin: [/example.com$/], credentials: true }));",
      errors: [
        {
          line: 1,
          column: 25,
          confidence: 'low',
          message: /so it also accepts `example-com`; escape it/,
          fixes: [{ safety: 'safe', title: SAFE_TITLE, output: "app.use(cors({ origin: [/example\\.com$/], credentials: true }));" }],
        },
      ],
    },
    {
      // Nothing after the host: `example-com.net` passes.
      code: "if (/^https:\\/\\/example.com/.test(event.origin)) handle(event.data);",
      errors: [{ line: 1, column: 5, confidence: 'high', message: /`example-com\.net`, a domain anyone can register/, fixes: [{ safety: 'safe', output: "if (/^https:\\/\\/example\\.com/.test(event.origin)) handle(event.data);" }] }],
    },
    {
      // In a string the escape needs its own backslash: '\\.' is the pattern \. .
      code: "const trusted = new RegExp('^https://api.example.com/');",
      errors: [
        {
          line: 1,
          column: 17,
          endColumn: 56,
          confidence: 'high',
          fixes: [{ safety: 'safe', title: SAFE_TITLE, output: "const trusted = new RegExp('^https://api\\\\.example\\\\.com/');" }],
        },
      ],
    },
    {
      // Offsets stay right after other escapes in the string; the subdomain group already escapes its dot.
      code: "const allowed = new RegExp('^https:\\\\/\\\\/([a-z0-9-]+\\\\.)*example.com$', 'i');",
      errors: [{ line: 1, column: 17, confidence: 'low', fixes: [{ safety: 'safe', output: "const allowed = new RegExp('^https:\\\\/\\\\/([a-z0-9-]+\\\\.)*example\\\\.com$', 'i');" }] }],
    },
    {
      code: 'const CALLBACK = RegExp(`^https://[a-z0-9-]+.example.io/callback$`);',
      errors: [
        {
          line: 1,
          column: 18,
          confidence: 'high',
          message: /hostname `\*\.example\.io` .* so `a-example\.io`/,
          fixes: [{ safety: 'safe', output: 'const CALLBACK = RegExp(`^https://[a-z0-9-]+\\\\.example\\\\.io/callback$`);' }],
        },
      ],
    },
    {
      // The dot is written as \x2e in the string: flagged, but no edit can put a backslash before it.
      code: "const legacy = new RegExp('^api\\x2eexample.com$');",
      errors: [{ line: 1, column: 16, confidence: 'high', fixes: [] }],
    },
  ],
});

describe('unescaped-hostname-regex: the fixed pattern', () => {
  const settings = Object.fromEntries(RULES.filter((rule) => rule !== unescapedHostnameRegex).map((rule) => [rule.meta.id, 'off' as const]));

  /** The regular expression a one-line `const NAME = <expression>;` defines, evaluated. */
  function compile(code: string): RegExp {
    const expression = code.slice(code.indexOf('=') + 1).trim().replace(/;$/, '');
    return new Function('RegExp', `return ${expression};`)(RegExp) as RegExp;
  }

  const cases: { code: string; host: string; lookalike: string }[] = [
    { code: 'const RE = /^https:\\/\\/api.example.com\\//;', host: 'https://api.example.com/v1', lookalike: 'https://api-example.com/v1' },
    { code: 'const RE = /^(www|app).example.com$/;', host: 'app.example.com', lookalike: 'appXexample.com' },
    { code: "const RE = new RegExp('^https://api.example.com/');", host: 'https://api.example.com/', lookalike: 'https://apiXexample.com/' },
    { code: 'const RE = RegExp(`^https://[a-z0-9-]+.example.io/cb$`);', host: 'https://eu.example.io/cb', lookalike: 'https://evil-example.io/cb' },
  ];
  for (const { code, host, lookalike } of cases) {
    it(`${code} accepts ${host} and, once fixed, rejects ${lookalike}`, () => {
      const [finding] = analyze(code, 'file.ts', { rules: settings }).findings;
      const fixed = applyFix(code, finding.fixes[0]);
      const before = compile(code);
      const after = compile(fixed);
      assert.ok(before.test(host) && before.test(lookalike), 'the original accepts both');
      assert.ok(after.test(host), `the fixed ${after} still accepts ${host}`);
      assert.ok(!after.test(lookalike), `the fixed ${after} rejects ${lookalike}`);
    });
  }
});
