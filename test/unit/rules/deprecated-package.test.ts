import { deprecatedPackage } from '../../../src/core/rules/deprecated-package';
import { testRule } from '../../helpers/rule-tester';
import { createProject, installed } from '../../helpers/project';

const app = createProject({
  'package.json': { name: 'app', dependencies: { request: '^2.88.0', left: '^1.0.0', express: '^4.0.0' } },
  'package-lock.json': {
    name: 'app', lockfileVersion: 3,
    packages: {
      '': { name: 'app' },
      'node_modules/request': { version: '2.88.2', deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' },
      'node_modules/express': { version: '4.19.2' },
    },
  },
  'node_modules/request/package.json': installed('request', '2.88.2'),
  'node_modules/left/package.json': installed('left', '1.0.0', { deprecated: 'use left-pad' }),
  'node_modules/express/package.json': installed('express', '4.19.2'),
});
after(() => app.remove());
const packages = app.packagesFor('src/index.ts');

testRule(deprecatedPackage, {
  valid: [
    { code: "import request from 'request';", options: { packages } },
    { code: "import request from 'request';", options: { packages, baselineImports: ['request'] } },
    { code: "import express from 'express';", options: { packages, baselineImports: [] } },
  ],
  invalid: [
    {
      code: "import request from 'request';\nimport left from 'left';",
      options: { packages, baselineImports: [] },
      errors: [
        { line: 1, column: 21, message: /^New import of 'request', which is deprecated: "request has been deprecated, see https:/ },
        { line: 2, column: 18, message: /"use left-pad"/ },
      ],
    },
  ],
});
