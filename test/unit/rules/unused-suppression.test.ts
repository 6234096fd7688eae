// Unused codeward-ignore comments; unused ledger entries are in test/unit/ledger.test.ts.
import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/engine';
import { unusedSuppression } from '../../../src/core/rules/unused-suppression';
import { testRule } from '../../helpers/rule-tester';

testRule(unusedSuppression, {
  valid: [
    'eval(expr);',
    // Without a reason: suppression-without-reason reports it.
    '// codeward-ignore-next-line code-injection\nrun();',
    // The rule it names is off in this run (the tester turns every other rule off), so it cannot be judged.
    '// codeward-ignore-next-line code-injection -- reviewed\nrun();',
    '// codeward-ignore-next-line suppression-added -- changes only\nrun();',
  ],
  invalid: [
    {
      code: 'run();\n// codeward-ignore-next-line no-such-rule -- typo\nrun();\n',
      errors: [{
        line: 2, column: 1, confidence: 'high',
        message: /^This codeward-ignore-next-line comment suppresses no-such-rule on the next line, but there is no such finding there \(no-such-rule: no such rule\); delete the comment\.$/,
        fixes: [{ safety: 'safe', title: /Delete the unused suppression comment/, output: 'run();\nrun();\n' }],
      }],
    },
  ],
});

describe('unused-suppression with the rules it judges', () => {
  const ids = (code: string): string[] => analyze(code, 'a.ts').findings.map((finding) => `${finding.start.line} ${finding.ruleId}${finding.suppression ? ' suppressed' : ''}`);

  it('reports a next-line comment whose line has no such finding, not one whose line has', () => {
    assert.deepEqual(ids('// codeward-ignore-next-line code-injection -- reviewed\nrun();\n// codeward-ignore-next-line code-injection -- reviewed\neval(x);\n'), [
      '1 unused-suppression',
      '4 code-injection suppressed',
    ]);
  });

  it('judges a file comment by the whole file, and names only the unused ids of a partly used comment', () => {
    const [finding] = analyze('/* codeward-ignore-file code-injection, weak-hash -- legacy */\neval(x);\n', 'a.ts').findings.filter((f) => f.ruleId === 'unused-suppression');
    assert.match(finding.message, /suppresses weak-hash in this file, but there is no such finding there; remove those rule ids from it\.$/);
    assert.deepEqual(finding.fixes, []);
    assert.deepEqual(ids('/* codeward-ignore-file code-injection -- legacy */\nrun();\n\neval(x);\n'), ['4 code-injection suppressed']);
  });

  it('counts a finding that minConfidence hides as a use', () => {
    const code = 'function f(t) {\n  // codeward-ignore-next-line code-injection -- template is internal\n  return eval("`" + t + "`");\n}\n';
    assert.deepEqual(analyze(code, 'a.ts', { minConfidence: 'high' }).findings, []);
  });

  it('keeps the rest of the line when the comment follows code', () => {
    const code = 'run(); // codeward-ignore-next-line code-injection -- stale\nrun();\n';
    const [finding] = analyze(code, 'a.ts').findings;
    assert.equal(finding.fixes[0].edits[0].range[0], 7);
    assert.equal(finding.fixes[0].edits[0].range[1], code.indexOf('\n'));
  });
});
