import { riskyDependencySpec } from '../../../src/core/rules/risky-dependency-spec';
import { testRule } from '../../helpers/rule-tester';

const manifest = (dependencies: Record<string, string>, field = 'dependencies'): string =>
  `${JSON.stringify({ name: 'app', [field]: dependencies }, null, 2)}\n`;

testRule(riskyDependencySpec, {
  valid: [
    { code: manifest({ express: '^4.19.0', lodash: '4.17.21', '@scope/x': '~1.2.0' }), filename: 'package.json', options: { baselineImports: [] } },
    { code: manifest({ tool: 'github:me/tool' }), filename: 'package.json', options: { baselineImports: ['tool'] } },
    { code: manifest({ tool: 'github:me/tool' }), filename: 'package.json' },
    { code: manifest({ tool: 'github:me/tool' }), filename: 'config.json', options: { baselineImports: [] } },
  ],
  invalid: [
    {
      code: manifest({ a: 'git+https://github.com/me/a.git', b: 'https://example.com/b-1.0.0.tgz', c: 'file:../c', d: 'me/d#main', e: '*', f: 'latest' }),
      filename: 'package.json',
      options: { baselineImports: ['express'] },
      errors: [
        { line: 4, column: 10, message: /^'a', added to dependencies, comes from 'git\+https:\/\/github\.com\/me\/a\.git', not from the registry/ },
        { line: 5, column: 10, message: /comes from 'https:\/\/example\.com\/b-1\.0\.0\.tgz'/ },
        { line: 6, column: 10, message: /'file:\.\.\/c'/ },
        { line: 7, column: 10, message: /'me\/d#main'/ },
        { line: 8, column: 10, message: /^'e', added to dependencies, accepts any version \('\*'\)/ },
        { line: 9, column: 10, message: /accepts any version \('latest'\)/ },
      ],
    },
  ],
});
