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
    // Only the folder is computed: the file that loads is named in the code.
    "const ROOT = path.resolve(__dirname, '..');\nconst pkg = require(path.join(ROOT, 'package.json'));",
    "const config = require(path.resolve(process.cwd(), 'config', 'app.config.js'));",
    'const local = require(`${__dirname}/local.json`);',
    "const native = require(bindingDir + '/build/addon.node');",
    "const sibling = require(path.join(path.dirname(require.resolve('pkg')), 'lib', 'x.js'));",
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
      // A computed piece after the folder, or no file name at the end: which module loads is still decided at run time.
      code: "require(path.join(pluginsDir, name, 'index.js'));\nrequire(path.join(__dirname, name));\nrequire(`${dir}/${name}.js`);\nrequire(base + '/' + name + '.js');\nrequire.resolve(`${cli.package}/package.json`);\nrequire(path.join(pluginName, 'index.js'));",
      errors: [{ line: 1, column: 9 }, { line: 2, column: 9 }, { line: 3, column: 9 }, { line: 4, column: 9 }, { line: 5, column: 17 }, { line: 6, column: 9 }],
    },
    {
      code: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst plugin = require(process.argv[2]);",
      errors: [{ line: 3, column: 24 }],
    },
  ],
});
