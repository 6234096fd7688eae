import { dynamicModuleSpecifier } from '../../../src/core/rules/dynamic-module-specifier';
import { testRule } from '../../helpers/rule-tester';

testRule(dynamicModuleSpecifier, {
  valid: [
    "const a = require('a');\nconst b = await import('b');\nrequire.resolve('c');",
    "const name = 'lodash';\nconst lodash = require(name);",
    'const x = require(`./fixed.js`);',
    'function load(require) { return require(0); }',
    "webpackModules(function (module, exports, require) { require(12); });",
    "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst pkg = require('./package.json');",
  ],
  invalid: [
    {
      code: "const plugin = require(`./plugins/${name}`);\nconst mod = await import(req.query.module);\nrequire.resolve(path);",
      errors: [
        { line: 1, column: 24, endColumn: 43, message: /^require\(\) of a module name computed at run time/ },
        { line: 2, column: 26, message: /^import\(\) of a module name/ },
        { line: 3, column: 17, message: /^require\.resolve\(\)/ },
      ],
    },
    {
      code: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst plugin = require(process.argv[2]);",
      errors: [{ line: 3, column: 24 }],
    },
  ],
});
