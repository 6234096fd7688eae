import { suppressionWithoutReason } from '../../../src/core/rules/suppression-without-reason';
import { testRule } from '../../helpers/rule-tester';

testRule(suppressionWithoutReason, {
  valid: [
    '// codeward-ignore-next-line code-injection -- the expression is a build-time constant\neval(expr);',
    '/* codeward-ignore-file hardcoded-secret -- revoked fixture keys used only by tests */\nconst key = "x";',
    '// codeward-ignore-next-line code-injection, sql-injection -- reviewed in PR 42\nrun(q);',
    '// a comment that mentions codeward but is no directive\nrun();',
    'const note = "codeward-ignore-next-line is a marker inside a string";',
  ],
  invalid: [
    {
      code: 'const a = 1;\n// codeward-ignore-next-line code-injection\neval(expr);',
      errors: [{ line: 2, column: 1, endColumn: 44, confidence: 'high', message: /codeward-ignore-next-line comment has no reason/ }],
    },
    {
      code: '/* codeward-ignore-file hardcoded-secret */\nconst key = "x";',
      errors: [{ line: 1, column: 1, message: /codeward-ignore-file comment has no reason/ }],
    },
    {
      code: '// codeward-ignore-next-line code-injection --\neval(expr);',
      errors: [{ line: 1, column: 1 }],
    },
    {
      code: 'run(); // codeward-ignore-next-line code-injection --   \nrun();',
      errors: [{ line: 1, column: 8 }],
    },
  ],
});
