// The rule alone reports every directive with a reason; change scans keep those on added lines (test/unit/diff.test.ts).
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/engine';
import { suppressionAdded } from '../../../src/core/rules/suppression-added';
import { testRule } from '../../helpers/rule-tester';

testRule(suppressionAdded, {
  valid: [
    'eval(expr);',
    '// codeward-ignore-next-line code-injection\neval(expr);',
    '// a comment that mentions codeward but is no directive\nrun();',
    'const note = "codeward-ignore-next-line x -- a marker inside a string";',
  ],
  invalid: [
    {
      code: 'const a = 1;\n// codeward-ignore-next-line code-injection -- the expression is a build-time constant\neval(expr);',
      errors: [{ line: 2, column: 1, confidence: 'high', message: /adds a codeward-ignore-next-line comment that silences code-injection on the next line \(reason: "the expression is a build-time constant"\)/ }],
    },
    {
      code: '/* codeward-ignore-file hardcoded-secret, weak-hash -- revoked fixture keys */\nconst key = "x";',
      errors: [{ line: 1, column: 1, message: /silences hardcoded-secret, weak-hash in the whole file/ }],
    },
    {
      // Suppressing suppression-added does not hide it.
      code: '/* codeward-ignore-file suppression-added -- quiet please */\nrun();',
      errors: [{ line: 1, column: 1, message: /silences suppression-added/ }],
    },
  ],
});

describe('suppression-added outside change scans', () => {
  it('does not run on a whole-file analysis, even when configured', () => {
    const code = '// codeward-ignore-next-line code-injection -- reviewed\neval(expr);';
    assert.deepEqual(analyze(code, 'a.ts').findings.map((finding) => finding.ruleId), ['code-injection']);
    assert.deepEqual(analyze(code, 'a.ts', { rules: { 'suppression-added': 'error' } }).findings.map((f) => f.ruleId), ['code-injection']);
  });

  it('is never suppressed itself', () => {
    const code = '/* codeward-ignore-file suppression-added -- quiet please */\nrun();';
    const [finding] = analyze(code, 'a.ts', { changes: true }).findings;
    assert.equal(finding.ruleId, 'suppression-added');
    assert.equal(finding.suppression, undefined);
  });
});
