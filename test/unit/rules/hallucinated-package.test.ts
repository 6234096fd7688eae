import { hallucinatedPackage } from '../../../src/core/rules/hallucinated-package';
import { testRule } from '../../helpers/rule-tester';
import { createProject, installed } from '../../helpers/project';

const app = createProject({
  'package.json': {
    name: 'shop-app',
    dependencies: { express: '^4.19.0' },
    devDependencies: { mocha: '^10.0.0' },
    peerDependencies: { react: '^18.0.0' },
    optionalDependencies: { fsevents: '^2.3.0' },
    imports: { '#db': './src/db.js' },
  },
  'node_modules/express/package.json': installed('express', '4.19.2'),
  'node_modules/debug/package.json': installed('debug', '2.6.9'),
  'node_modules/@types/vscode/package.json': installed('@types/vscode', '1.90.0'),
  'tsconfig.json': '{\n  // aliases for the app\n  "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"], "shared": ["src/shared/index.ts"] } },\n}\n',
  'src/utils/strings.ts': 'export const x = 1;\n',
});
const monorepo = createProject({
  'package.json': { name: 'acme', private: true, workspaces: ['packages/*'] },
  'packages/ui/package.json': { name: '@acme/ui', version: '1.0.0' },
  'packages/web/package.json': { name: '@acme/web', version: '1.0.0', dependencies: {} },
});
const pnp = createProject({
  'package.json': { name: 'pnp-app', dependencies: {} },
  '.pnp.cjs': '#!/usr/bin/env node\nconst RAW_RUNTIME_STATE = \'{"packageRegistryData": [["left-pad", [["npm:1.3.0", {}]]]]}\';\n',
});
const bare = createProject({ 'package.json': { name: 'not-installed', dependencies: { express: '^4.0.0' } } });
const loose = createProject({ 'script.js': '' });
after(() => [app, monorepo, pnp, bare, loose].forEach((project) => project.remove()));

const inApp = { packages: app.packagesFor('src/index.ts') };
const local = (code: string, options = inApp) => ({ code, options });

testRule(hallucinatedPackage, {
  valid: [
    local("import { a } from './a';\nimport b from '../b';"),
    local("import db from '#db';"),
    local("import fs from 'node:fs';\nimport { readFile } from 'fs/promises';\nimport test from 'node:test';"),
    local("import express from 'express';\nimport router from 'express/lib/router';"),
    local("import mocha from 'mocha';\nimport react from 'react';\nimport fsevents from 'fsevents';"),
    local("import debug from 'debug';"),
    local("import { User } from '@app/models';\nimport shared from 'shared';\nimport { x } from 'utils/strings';"),
    local("import * as vscode from 'vscode';"),
    local("import type { Ghost } from 'ghost-types';\nimport { type Other } from 'ghost-types-two';"),
    local("import self from 'shop-app/internal';"),
    local("import { test } from 'bun:test';\nimport v from 'virtual:pwa';\nimport c from '@/components/card';\nimport h from '~/helpers';\nimport raw from '!raw-loader!./file.txt';"),
    local("const lib = require(process.env.LIB);"),
    local("let highlight;\ntry {\n  highlight = require('cardinal').highlight;\n} catch {\n  highlight = (text) => text;\n}"),
    local("import expresss from 'expresss';"),
    { code: "import ui from '@acme/ui';", options: { packages: monorepo.packagesFor('packages/web/src/index.ts') } },
    { code: "import pad from 'left-pad';", options: { packages: pnp.packagesFor('src/index.ts') } },
    { code: "import ghost from 'fastify-helpers-ai';", options: { packages: loose.packagesFor('script.js') } },
    "import ghost from 'fastify-helpers-ai';",
  ],
  invalid: [
    {
      code: "import { thing } from 'fastify-helpers-ai';\nthing();",
      options: inApp,
      errors: [{
        line: 1, column: 23, endColumn: 43, confidence: 'high',
        message: /^Possibly hallucinated package: Import of 'fastify-helpers-ai', which is not declared in package\.json and not installed\./,
        fixes: [{ safety: 'review', title: /^Remove this import$/, output: 'thing();' }],
      }],
    },
    {
      code: "import express from 'express';\nimport { thing } from 'fastify-helpers-ai';\n",
      options: { ...inApp, baselineImports: ['express'] },
      errors: [{ line: 2, column: 23, message: /New import of 'fastify-helpers-ai'/, fixes: [{ safety: 'review', output: "import express from 'express';\n" }] }],
    },
    {
      code: "const tools = require('super-json-tools');\nconst { a } = require(\"ghost-lib/sub\");\n",
      options: { ...inApp, baselineImports: ['super-json-tools'] },
      errors: [
        { line: 1, column: 23, message: /Import of 'super-json-tools'/, fixes: [{ safety: 'review', output: "const { a } = require(\"ghost-lib/sub\");\n" }] },
        { line: 2, column: 23, message: /New import of 'ghost-lib'/, fixes: [{ safety: 'review', output: "const tools = require('super-json-tools');\n" }] },
      ],
    },
    {
      code: "use(require('ghost-lib'), require.resolve('@ghost/lib'));\nexport * from 'ghost-reexport';\nimport legacy = require('ghost-legacy');\nconst m = await import('ghost-lazy');",
      options: inApp,
      errors: [
        { line: 1, column: 13 },
        { line: 1, column: 43, message: /'@ghost\/lib'/ },
        { line: 2, column: 15, fixes: [{ safety: 'review', output: "use(require('ghost-lib'), require.resolve('@ghost/lib'));\nimport legacy = require('ghost-legacy');\nconst m = await import('ghost-lazy');" }] },
        { line: 3, column: 25, fixes: [{ safety: 'review', output: "use(require('ghost-lib'), require.resolve('@ghost/lib'));\nexport * from 'ghost-reexport';\nconst m = await import('ghost-lazy');" }] },
        { line: 4, column: 24 },
      ],
    },
    {
      code: "import ghost from 'fastify-helpers-ai';",
      options: { packages: bare.packagesFor('src/index.ts') },
      errors: [{ line: 1, column: 19, confidence: 'medium', message: /nothing is installed to check against/, fixes: [{ safety: 'review', output: '' }] }],
    },
    {
      code: "import debug from 'debug';\nimport ghost from 'ghost-lib';",
      options: { packages: monorepo.packagesFor('packages/web/src/index.ts') },
      errors: [{ line: 1, column: 19, fixes: [{ safety: 'review', output: "import ghost from 'ghost-lib';" }] }, { line: 2, column: 19, fixes: [{ safety: 'review', output: "import debug from 'debug';\n" }] }],
    },
  ],
});
