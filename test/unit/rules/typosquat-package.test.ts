import { strict as assert } from 'node:assert';
import { typosquatPackage } from '../../../src/core/rules/typosquat-package';
import { allowedDistance, isPopularPackage, typosquatTarget } from '../../../src/core/imports/popular';
import { testRule } from '../../helpers/rule-tester';
import { createProject, installed } from '../../helpers/project';

const app = createProject({
  'package.json': { name: 'app', dependencies: { express: '^4.19.0', colour: '^0.7.1' } },
  'node_modules/express/package.json': installed('express', '4.19.2'),
  'node_modules/colour/package.json': installed('colour', '0.7.1'),
  'tsconfig.json': { compilerOptions: { paths: { 'expresss/*': ['src/*'] } } },
});
// express is declared and installed, the mistyped names are nowhere; a lockfile that lists one of them.
const service = createProject({
  'package.json': {
    name: 'service',
    dependencies: { express: '^4.19.0', chalk: '^5.3.0', lodash: '^4.17.21', moment: '^2.30.1' },
    devDependencies: { jsonwebtoken: '^9.0.0' },
  },
  'node_modules/express/package.json': installed('express', '4.19.2'),
  'node_modules/axios/package.json': installed('axios', '1.7.0'),
  'package-lock.json': { lockfileVersion: 3, packages: { 'node_modules/express': {}, 'node_modules/lodahs': {} } },
  'vite.config.ts': "export default { resolve: { alias: { 'momnet': './src/clock.ts' } } };\n",
});
// Declared but nothing installed yet: "not installed" proves nothing there.
const fresh = createProject({ 'package.json': { name: 'fresh', dependencies: { express: '^4.19.0' } } });
after(() => {
  app.remove();
  service.remove();
  fresh.remove();
});
const inApp = { packages: app.packagesFor('src/index.ts') };
const inService = { packages: service.packagesFor('src/server.ts') };
const SAFE_EXPRESS = /^Replace with express \(safe: 'expresss' is not installed or declared, so this import fails today; express is a dependency\)$/;

testRule(typosquatPackage, {
  valid: [
    "import express from 'express';\nimport lodash from 'lodash';\nimport React from 'react';",
    "import ms from 'ms';\nimport qs from 'qs';\nimport ws from 'ws';",
    "import dom from 'react-dom';\nimport is from 'react-is';",
    "import x from './expresss';\nimport type { T } from 'expresss';",
    "import fs from 'node:fs';\nimport path from 'path';",
    "import vue2 from 'vue2-helpers';",
    "import wrapper from '@acme/express';",
    { code: "import route from 'expresss/routes';", options: inApp },
    { code: '{ "dependencies": { "expresss": "^1.0.0" } }', filename: 'package.json', options: { baselineImports: ['expresss'] } },
    { code: '{ "dependencies": { "expresss": "^1.0.0" } }', filename: 'package.json' },
  ],
  invalid: [
    {
      code: "import x from 'expresss';\n",
      errors: [{
        line: 1, column: 15, endColumn: 25, confidence: 'high',
        message: /^Possible typosquat of 'express': Import of 'expresss', a near-miss of that popular package\.$/,
        fixes: [
          { safety: 'review', title: /^Replace with express$/, output: "import x from 'express';\n" },
          { safety: 'review', title: /^Remove this import$/, output: '' },
        ],
      }],
    },
    {
      code: "const jwt = require('jsonwebtokens');\nconst get = require(\"lodash.gett/index.js\");",
      options: { ...inApp, baselineImports: ['lodash.gett'] },
      errors: [
        { line: 1, column: 21, message: /typosquat of 'jsonwebtoken': New import of 'jsonwebtokens'/, fixes: [
          { safety: 'review', output: "const jwt = require('jsonwebtoken');\nconst get = require(\"lodash.gett/index.js\");" },
          { safety: 'review', output: 'const get = require("lodash.gett/index.js");' },
        ] },
        { line: 2, column: 21, message: /typosquat of 'lodash.get': Import of 'lodash.gett'/, fixes: [
          { safety: 'review', output: "const jwt = require('jsonwebtokens');\nconst get = require(\"lodash.get/index.js\");" },
          { safety: 'review', output: "const jwt = require('jsonwebtokens');\n" },
        ] },
      ],
    },
    {
      code: "import colour from 'colour';",
      options: inApp,
      errors: [{ line: 1, column: 20, confidence: 'medium', message: /typosquat of 'color'.*declared or installed here/, fixes: [
        { safety: 'review', output: "import colour from 'color';" },
        { safety: 'review', output: '' },
      ] }],
    },
    {
      code: '{\n  "dependencies": {\n    "express": "^4.19.0",\n    "expresss": "^1.0.0"\n  }\n}\n',
      filename: 'package.json',
      options: { baselineImports: ['express'] },
      errors: [{ line: 4, column: 5, endColumn: 15, message: /^Possible typosquat of 'express': 'expresss', added to dependencies, is a near-miss/, fixes: [
        { safety: 'review', title: /^Replace with express$/, output: '{\n  "dependencies": {\n    "express": "^4.19.0",\n    "express": "^1.0.0"\n  }\n}\n' },
      ] }],
    },
    {
      // The mistyped package is nowhere in the project, so the import fails today; express is a dependency.
      code: "import express from 'expresss';\nconst app = express();\n",
      options: inService,
      errors: [{
        line: 1, column: 21, confidence: 'high',
        fixes: [
          { safety: 'safe', title: SAFE_EXPRESS, output: "import express from 'express';\nconst app = express();\n" },
          { safety: 'review', title: /^Remove this import$/, output: 'const app = express();\n' },
        ],
      }],
    },
    {
      // A require of a name that is only installed (a dev dependency declared here counts as a dependency too).
      code: "const jwt = require('jsonwebtokens');\nconst http = require('axois');",
      filename: 'src/server.js',
      options: inService,
      errors: [
        { line: 1, column: 21, fixes: [
          { safety: 'safe', title: /^Replace with jsonwebtoken \(safe: 'jsonwebtokens' is not installed or declared, so this import fails today; jsonwebtoken is a dependency\)$/, output: "const jwt = require('jsonwebtoken');\nconst http = require('axois');" },
          { safety: 'review', output: "const http = require('axois');" },
        ] },
        { line: 2, column: 22, fixes: [
          { safety: 'safe', title: /^Replace with axios \(safe: .*axios is installed\)$/, output: "const jwt = require('jsonwebtokens');\nconst http = require('axios');" },
          { safety: 'review', output: "const jwt = require('jsonwebtokens');\n" },
        ] },
      ],
    },
    // Still review, each for one reason: a require in a try block expects the module may be missing; a dynamic
    // import may be caught; the lockfile lists the mistyped name; a build config names it (an alias); the intended
    // package is not in the project.
    {
      code: "let colors;\ntry { colors = require('chalkk'); } catch { colors = undefined; }",
      options: inService,
      errors: [{ line: 2, column: 24, fixes: [{ safety: 'review', title: /^Replace with chalk$/, output: "let colors;\ntry { colors = require('chalk'); } catch { colors = undefined; }" }] }],
    },
    {
      code: "const lazy = () => import('expresss');",
      options: inService,
      errors: [{ line: 1, column: 27, fixes: [{ safety: 'review', title: /^Replace with express$/, output: "const lazy = () => import('express');" }] }],
    },
    {
      code: "import _ from 'lodahs';",
      options: inService,
      errors: [{ line: 1, column: 15, fixes: [{ safety: 'review', title: /^Replace with lodash$/, output: "import _ from 'lodash';" }, { safety: 'review', output: '' }] }],
    },
    {
      code: "import moment from 'momnet';",
      options: inService,
      errors: [{ line: 1, column: 20, fixes: [{ safety: 'review', title: /^Replace with moment$/, output: "import moment from 'moment';" }, { safety: 'review', output: '' }] }],
    },
    {
      code: "import React from 'reactt';",
      options: inService,
      errors: [{ line: 1, column: 19, fixes: [{ safety: 'review', title: /^Replace with react$/, output: "import React from 'react';" }, { safety: 'review', output: '' }] }],
    },
    {
      // Nothing installed yet: after `npm install` the name might be there as a dependency of a dependency.
      code: "import express from 'expresss';",
      options: { packages: fresh.packagesFor('index.ts') },
      errors: [{ line: 1, column: 21, fixes: [
        { safety: 'review', title: /^Replace with express$/, output: "import express from 'express';" },
        { safety: 'review', output: '' },
      ] }],
    },
    {
      code: "use(await import('@type/node'));",
      errors: [{ line: 1, column: 18, message: /typosquat of '@types\/node'/, fixes: [{ safety: 'review', output: "use(await import('@types/node'));" }] }],
    },
  ],
});

describe('typosquat names', () => {
  const cases: [string, string | undefined][] = [
    ['expresss', 'express'],
    ['exrpess', 'express'],
    ['lodahs', 'lodash'],
    ['axois', 'axios'],
    ['lodash_merge', 'lodash.merge'],
    ['lodash-merge', 'lodash.merge'],
    ['@type/node', '@types/node'],
    ['@typs/node', '@types/node'],
    ['eslint-plugin-reactt', 'eslint-plugin-react'],
    ['eslint-plugin-ban', undefined],
    ['@typescript-eslint/parsr', undefined],
    ['@typescript-eslnt/parser', '@typescript-eslint/parser'],
    // Short names are dense: one letter apart and all real.
    ['ms', undefined],
    ['mss', undefined],
    ['qs', undefined],
    ['xs', undefined],
    // Popular names are never typosquats of one another.
    ['react-dom', undefined],
    ['react-is', undefined],
    ['debug', undefined],
    ['color', undefined],
    // Version digits, other scopes and unrelated names.
    ['vue2', undefined],
    ['@acme/express', undefined],
    // Only a scope's owner publishes in it: siblings under one scope are not attacks on each other.
    ['@types/nod', undefined],
    ['@babel/cor', undefined],
    ['@types/babel-core', undefined],
    ['mkdirp2', undefined],
    ['fastify-helpers-ai', undefined],
    ['left-pad', undefined],
  ];
  for (const [name, target] of cases) {
    it(`${name} -> ${target ?? 'none'}`, () => assert.equal(typosquatTarget(name), target));
  }

  it('allows more edits as names grow', () => {
    assert.deepEqual(['qs', 'lodash', 'jsonwebtoken', 'eslint-plugin-react', 'eslint-plugin-reactjs'].map(allowedDistance), [0, 1, 1, 1, 2]);
  });

  it('knows the popular list', () => {
    assert.ok(isPopularPackage('express') && isPopularPackage('@types/node') && !isPopularPackage('expresss'));
  });
});
