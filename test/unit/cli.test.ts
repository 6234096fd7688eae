// The CLI contract (docs/cli.md): flags, exit codes, one-line errors, output shapes, what a directory walk skips.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { cli, json } from '../helpers/cli';
import { createWorkspace, Workspace } from '../helpers/workspace';
import type { JsonReport } from '../../src/core/report/json';

const VULNERABLE = 'app.get("/x", (req, res) => {\n  res.json(eval(req.query.expr));\n});\n';
const WARNING_ONLY = '// codeward-ignore-next-line code-injection\nrun();\n';
const CLEAN = 'export const add = (a: number, b: number) => a + b;\n';


describe('CLI', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  describe('exit codes', () => {
    it('exits 1 when a finding is at or above --fail-on (default error)', async () => {
      workspace = createWorkspace({ 'src/app.js': VULNERABLE });
      const result = (await cli(['scan', workspace.root]));
      assert.equal(result.code, 1);
      assert.match(result.stdout, /src\/app\.js\n  2:12 +error +code-injection +eval\(\) runs user input as code/);
      assert.match(result.stdout, /1 finding \(1 errors, 0 warnings, 0 info\), 0 suppressed, 1 files scanned, 0 skipped/);
    });

    it('exits 0 on clean code', async () => {
      workspace = createWorkspace({ 'src/math.ts': CLEAN });
      const result = (await cli(['scan', workspace.root]));
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
    });

    it('honours --fail-on: none never fails, warning fails on warnings', async () => {
      workspace = createWorkspace({ 'a.js': VULNERABLE, 'b.js': WARNING_ONLY });
      assert.equal((await cli(['scan', workspace.root, '--fail-on', 'none'])).code, 0);
      assert.equal((await cli(['scan', workspace.path('b.js')])).code, 0);
      assert.equal((await cli(['scan', workspace.path('b.js'), '--fail-on', 'warning'])).code, 1);
    });

    it('does not count suppressed findings for --fail-on', async () => {
      workspace = createWorkspace({
        'a.js': 'app.get("/x", (req, res) => {\n  // codeward-ignore-next-line code-injection -- sandboxed calculator, reviewed\n  res.json(eval(req.query.expr));\n});\n',
      });
      const result = (await cli(['scan', workspace.root]));
      assert.equal(result.code, 0);
      assert.match(result.stdout, /suppressed +code-injection/);
      assert.match(result.stdout, /suppressed: sandboxed calculator, reviewed/);
    });

    it('exits 2 with one line on a missing path', async () => {
      const result = (await cli(['scan', '/definitely/not/here']));
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'codeward: cannot read /definitely/not/here: no such file or directory\n');
    });

    it('exits 2 with one line on bad flags and values', async () => {
      for (const args of [
        ['scan', '--bogus'],
        ['scan', '--format', 'xml'],
        ['scan', '--fail-on', 'critical'],
        ['scan', '--min-confidence', 'certain'],
        ['scan', '--rule', 'code-injection'],
        ['scan', '--rule', 'no-such-rule=off'],
        ['scan', '--rule', 'code-injection=loud'],
        ['frobnicate'],
        [],
      ]) {
        const result = await cli(args);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, /^codeward: [^\n]+\n$/, `one line for ${args.join(' ')}`);
        assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      }
    });
  });

  describe('configuration', () => {
    it('reads .codeward/config.json at the root: rules, exclude, minConfidence', async () => {
      workspace = createWorkspace({
        'a.js': VULNERABLE,
        'legacy/old.js': VULNERABLE,
        'b.js': 'function f(t) { return eval("`" + t + "`"); }\n',
        '.codeward/config.json': JSON.stringify({ exclude: ['legacy/'], minConfidence: 'high' }),
      });
      const report = (await json(['scan', workspace.root]));
      assert.deepEqual(report.findings.map((finding) => finding.path), ['a.js']);
      assert.equal(report.summary.filesIgnored, 1);
    });

    it('lets --rule and --min-confidence override the file', async () => {
      workspace = createWorkspace({ 'a.js': VULNERABLE, '.codeward/config.json': '{ "rules": { "code-injection": "warning" } }' });
      assert.equal((await json(['scan', workspace.root])).findings[0].severity, 'warning');
      assert.equal((await json(['scan', workspace.root, '--rule', 'code-injection=info'])).findings[0].severity, 'info');
      assert.equal((await json(['scan', workspace.root, '--rule', 'code-injection=off'])).findings.length, 0);
    });

    it('exits 2 naming the file, the JSON path and the reason for a broken config', async () => {
      workspace = createWorkspace({ 'a.js': CLEAN, '.codeward/config.json': '{ "rules": { "code-injection": "loud" } }' });
      const result = (await cli(['scan', workspace.root]));
      assert.equal(result.code, 2);
      assert.equal(
        result.stderr,
        `codeward: invalid configuration: ${workspace.path('.codeward/config.json')}: $.rules.code-injection: must be one of off, error, warning, info\n`,
      );
      workspace.write('.codeward/config.json', '{ "rules": ');
      assert.match((await cli(['scan', workspace.root])).stderr, /^codeward: invalid configuration: .*config\.json: \$: not valid JSON/);
    });

    it('exits 2 when --config names a file that does not exist', async () => {
      workspace = createWorkspace({ 'a.js': CLEAN });
      const result = (await cli(['scan', workspace.root, '--config', workspace.path('nope.json')]));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /nope\.json: \$: cannot be read \(ENOENT\)/);
    });
  });

  describe('directory walk', () => {
    it('respects .gitignore files (nested too) and skips dependencies and build output with notes', async () => {
      workspace = createWorkspace({
        '.gitignore': 'generated/\n*.gen.js\n',
        'src/.gitignore': 'local.js\n',
        'src/app.js': VULNERABLE,
        'src/local.js': VULNERABLE,
        'src/api.gen.js': VULNERABLE,
        'generated/x.js': VULNERABLE,
        'node_modules/pkg/index.js': VULNERABLE,
        'dist/bundle.js': VULNERABLE,
        'README.md': '# not code',
      });
      const report = (await json(['scan', workspace.root]));
      assert.deepEqual(report.findings.map((finding) => finding.path), ['src/app.js']);
      assert.equal(report.summary.filesIgnored, 3);
      assert.deepEqual(
        report.notes.map((note) => `${note.path}: ${note.message}`).sort(),
        ['dist: Skipped: build output', 'node_modules: Skipped: dependencies'],
      );
    });

    it('skips minified and oversized files and notes binary, non-UTF-8 and unparsable ones, and goes on', async () => {
      workspace = createWorkspace({
        'app.js': VULNERABLE,
        'vendor.min.js': VULNERABLE,
        'bundle.js': `var a=${'1+'.repeat(15000)}1;`,
        'big.js': `// ${'x'.repeat(3000)}\n`,
        'binary.js': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
        'latin1.js': new Uint8Array([0x2f, 0x2f, 0x20, 0xe9, 0x0a]),
        'half.ts': 'function broken( {\n  return eval(',
        '.codeward/config.json': '{ "maxFileSizeKb": 2 }',
      });
      const result = (await cli(['scan', workspace.root, '--format', 'json']));
      const report = JSON.parse(result.stdout) as JsonReport;
      assert.equal(result.code, 1);
      assert.deepEqual(report.findings.map((finding) => finding.path), ['app.js']);
      const notes = Object.fromEntries(report.notes.map((note) => [note.path, note]));
      assert.match(notes['vendor.min.js'].message, /minified/);
      assert.match(notes['bundle.js'].message, /larger than maxFileSizeKb|minified/);
      assert.match(notes['big.js'].message, /larger than maxFileSizeKb \(3 KB > 2 KB\)/);
      assert.equal(notes['binary.js'].kind, 'binary');
      assert.match(notes['latin1.js'].message, /not valid UTF-8/);
      assert.equal(notes['half.ts'].kind, 'parse-error');
      assert.deepEqual([notes['half.ts'].line, notes['half.ts'].column], [2, 10]);
    });

    it('scans a file named on the command line even when .gitignore lists it', async () => {
      workspace = createWorkspace({ '.gitignore': 'scratch.js\n', 'scratch.js': VULNERABLE });
      assert.equal((await json(['scan', workspace.path('scratch.js')])).findings.length, 1);
    });
  });

  describe('output', () => {
    it('writes a versioned JSON document with findings, notes and summary', async () => {
      workspace = createWorkspace({ 'a.js': VULNERABLE, 'b.ts': 'const x = (' });
      const report = (await json(['scan', workspace.root]));
      assert.equal(report.schemaVersion, 1);
      assert.equal(report.tool.name, 'codeward');
      const [finding] = report.findings;
      assert.deepEqual(
        { path: finding.path, ruleId: finding.ruleId, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, severity: finding.severity, confidence: finding.confidence, cwe: finding.cwe, suppressed: finding.suppressed },
        { path: 'a.js', ruleId: 'code-injection', line: 2, column: 12, endLine: 2, endColumn: 32, severity: 'error', confidence: 'high', cwe: ['CWE-95'], suppressed: false },
      );
      assert.match(finding.fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(finding.related[0].line, 2);
      assert.equal(report.notes[0].path, 'b.ts');
      assert.equal(report.summary.findings.error, 1);
    });

    it('writes to --output instead of standard output', async () => {
      workspace = createWorkspace({ 'a.js': VULNERABLE });
      const out = workspace.path('report.sarif');
      const result = (await cli(['scan', workspace.path('a.js'), '--format', 'sarif', '--output', out]));
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '');
      assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, '2.1.0');
    });

    it('lists the rules with metadata', async () => {
      const result = (await cli(['rules', '--format', 'json']));
      const rules = JSON.parse(result.stdout) as { id: string; cwe: string[]; docs: string }[];
      assert.equal(result.code, 0);
      const codeInjection = rules.find((rule) => rule.id === 'code-injection');
      assert.deepEqual(codeInjection?.cwe, ['CWE-95']);
      assert.match(codeInjection?.docs ?? '', /docs\/rules\/code-injection\.md$/);
    });
  });
  describe('--fix', () => {
    const PROJECT = {
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '^4.19.0' } }),
      'node_modules/express/package.json': JSON.stringify({ name: 'express', version: '4.19.2' }),
    };

    it('applies every safe fix in one run, including two that add the same import and ones that only become safe after another, and leaves review fixes alone', async () => {
      workspace = createWorkspace({
        ...PROJECT,
        'src/codes.js': [
          "const express = require('expresss');",
          'const pin = Math.floor(Math.random() * 1000000);',
          'const otp = Math.floor(Math.random() * 900000) + 100000;',
          "const digest = require('crypto').createHash('md5').update(String(Date.now())).digest('hex');",
          'module.exports = { express, digest, pin, otp };',
          '',
        ].join('\n'),
      });
      const result = await cli(['scan', workspace.root, '--fix', '--no-cache']);
      assert.equal(
        readFileSync(workspace.path('src/codes.js'), 'utf8'),
        [
          "const { randomInt } = require('crypto');",
          "const express = require('express');",
          'const pin = randomInt(1000000);',
          'const otp = randomInt(100000, 1000000);',
          "const digest = require('crypto').createHash('md5').update(String(Date.now())).digest('hex');",
          'module.exports = { express, digest, pin, otp };',
          '',
        ].join('\n'),
      );
      assert.match(result.stderr, /codeward: fixed src\/codes\.js: .*Replace with express \(safe: .*Use randomInt\(1000000\).*Use randomInt\(100000, 1000000\)/);
      assert.match(result.stderr, /applied safe fixes to 1 file; rescanning/);
      // The rescan reports what is left: MD5's fix is a review fix.
      assert.match(result.stdout, /weak-hash/);
      assert.doesNotMatch(result.stdout, /insecure-random|typosquat-package/);
    });

    it('changes nothing when no finding has a safe fix', async () => {
      const source = "const digest = require('crypto').createHash('md5').update(String(Date.now())).digest('hex');\nmodule.exports = digest;\n";
      workspace = createWorkspace({ ...PROJECT, 'src/hash.js': source });
      const result = await cli(['scan', workspace.root, '--fix', '--no-cache']);
      assert.equal(readFileSync(workspace.path('src/hash.js'), 'utf8'), source);
      assert.match(result.stderr, /applied safe fixes to 0 files/);
    });
  });
});
