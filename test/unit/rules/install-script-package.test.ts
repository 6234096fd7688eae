import { installScriptPackage } from '../../../src/core/rules/install-script-package';
import { testRule } from '../../helpers/rule-tester';
import { createProject, installed } from '../../helpers/project';

const app = createProject({
  'package.json': { name: 'app', dependencies: { esbuild: '^0.20.0', bcrypt: '^5.0.0', express: '^4.0.0' } },
  'node_modules/esbuild/package.json': installed('esbuild', '0.20.2', { scripts: { postinstall: 'node install.js', test: 'x' } }),
  'node_modules/bcrypt/package.json': installed('bcrypt', '5.1.1'),
  'node_modules/bcrypt/binding.gyp': '{}',
  'node_modules/express/package.json': installed('express', '4.19.2', { scripts: { test: 'mocha' } }),
});
after(() => app.remove());
const packages = app.packagesFor('src/index.ts');

testRule(installScriptPackage, {
  valid: [
    { code: "import esbuild from 'esbuild';", options: { packages } },
    { code: "import esbuild from 'esbuild';", options: { packages, baselineImports: ['esbuild'] } },
    { code: "import express from 'express';", options: { packages, baselineImports: [] } },
    { code: "import type { BuildOptions } from 'esbuild';", options: { packages, baselineImports: [] } },
    { code: "import esbuild from 'esbuild';", options: { baselineImports: [] } },
    { code: '{ "devDependencies": { "esbuild": "^0.20.0" } }', filename: 'package.json', options: { packages, baselineImports: ['esbuild'] } },
  ],
  invalid: [
    {
      code: "import { build } from 'esbuild';\nconst bcrypt = require('bcrypt');",
      options: { packages, baselineImports: ['express'] },
      errors: [
        { line: 1, column: 23, message: /^New import of 'esbuild', whose installed version 0\.20\.2 runs install scripts \(postinstall\)/ },
        { line: 2, column: 24, message: /'bcrypt', whose installed version 5\.1\.1 runs install scripts \(install\)/ },
      ],
    },
    {
      code: '{\n  "devDependencies": {\n    "esbuild": "^0.20.0",\n    "express": "^4.0.0"\n  }\n}\n',
      filename: 'package.json',
      options: { packages: app.packagesFor('package.json'), baselineImports: [] },
      errors: [{ line: 3, column: 5, message: /^'esbuild', added to devDependencies, runs install scripts in its installed version 0\.20\.2 \(postinstall\)/ }],
    },
  ],
});
