import { undeclaredDependency } from '../../../src/core/rules/undeclared-dependency';
import { testRule } from '../../helpers/rule-tester';
import { createProject, installed } from '../../helpers/project';

const manifest = '{\n  "name": "app",\n  "dependencies": {\n    "express": "^4.19.0",\n    "zod": "^3.0.0"\n  },\n  "devDependencies": {\n    "mocha": "^10.0.0"\n  }\n}\n';
const app = createProject({
  'package.json': manifest,
  'node_modules/express/package.json': installed('express', '4.19.2'),
  'node_modules/debug/package.json': installed('debug', '2.6.9'),
  'node_modules/@babel/parser/package.json': installed('@babel/parser', '7.24.0'),
  'node_modules/no-version/package.json': { name: 'no-version' },
});
const pnp = createProject({
  'package.json': { name: 'pnp-app', dependencies: {} },
  '.pnp.cjs': 'const RAW_RUNTIME_STATE = \'{"packageRegistryData": [["left-pad", [["npm:1.3.0", {}]]]]}\';\n',
});
const npmLock = (debugVersion: string): object => ({
  name: 'locked-app',
  lockfileVersion: 3,
  packages: {
    '': { name: 'locked-app', dependencies: { express: '^4.19.0' } },
    'node_modules/express': { version: '4.19.2' },
    'node_modules/debug': { version: debugVersion },
  },
});
const lockedProject = (files: Record<string, string | object>) =>
  createProject({
    'package.json': manifest,
    'node_modules/express/package.json': installed('express', '4.19.2'),
    'node_modules/debug/package.json': installed('debug', '2.6.9'),
    ...files,
  });
const npmLocked = lockedProject({ 'package-lock.json': npmLock('2.6.9') });
const staleLock = lockedProject({ 'package-lock.json': npmLock('2.6.8') });
const pnpmToo = lockedProject({ 'package-lock.json': npmLock('2.6.9'), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
const nestedInstall = lockedProject({ 'package-lock.json': npmLock('2.6.9'), 'src/node_modules/debug/package.json': installed('debug', '2.6.9') });
after(() => [app, pnp, npmLocked, staleLock, pnpmToo, nestedInstall].forEach((project) => project.remove()));
const inApp = { packages: app.packagesFor('src/index.ts') };
const manifestPath = app.path('package.json');

testRule(undeclaredDependency, {
  valid: [
    { code: "import express from 'express';\nimport mocha from 'mocha';", options: inApp },
    { code: "import ghost from 'not-installed-anywhere';\nimport fs from 'fs';\nimport './local';", options: inApp },
    { code: "import type { Debugger } from 'debug';", options: inApp },
    { code: "import app from 'app/server';", options: inApp },
    "import debug from 'debug';",
  ],
  invalid: [
    {
      code: "import debug from 'debug';\n",
      options: inApp,
      errors: [{
        line: 1, column: 19, endColumn: 26,
        message: /^Undeclared dependency: Import of 'debug', which package\.json does not declare \(2\.6\.9 is installed\); it is installed only as another package's dependency\.$/,
        fixes: [{
          safety: 'review', title: /^Add debug@\^2\.6\.9 to package\.json dependencies$/, file: manifestPath,
          output: manifest.replace('"dependencies": {\n', '"dependencies": {\n    "debug": "^2.6.9",\n'),
        }],
      }],
    },
    {
      code: "const { parse } = require('@babel/parser');\nimport x from 'no-version';",
      filename: 'test/parse.test.ts',
      options: { ...inApp, baselineImports: [] },
      errors: [
        { line: 1, column: 27, message: /New import of '@babel\/parser'/, fixes: [{
          safety: 'review', title: /devDependencies$/, file: manifestPath,
          output: manifest.replace('"devDependencies": {\n', '"devDependencies": {\n    "@babel/parser": "^7.24.0",\n'),
        }] },
        { line: 2, column: 15, message: /which package\.json does not declare; it is installed/ },
      ],
    },
    {
      // npm's lockfile installs debug 2.6.9 at the top level: declaring ^2.6.9 leaves `npm ci` installing the same.
      code: "import debug from 'debug';\n",
      options: { packages: npmLocked.packagesFor('src/index.ts') },
      errors: [{
        line: 1, column: 19,
        fixes: [{
          safety: 'safe', file: npmLocked.path('package.json'),
          title: /^Add debug@\^2\.6\.9 to package\.json dependencies \(safe: package-lock\.json already installs 2\.6\.9, npm ci installs the same packages\)$/,
          output: manifest.replace('"dependencies": {\n', '"dependencies": {\n    "debug": "^2.6.9",\n'),
        }],
      }],
    },
    // The lockfile names another version, a pnpm lockfile sits beside it, or the import resolves to another copy.
    ...[staleLock, pnpmToo, nestedInstall].map((project) => ({
      code: "import debug from 'debug';\n",
      options: { packages: project.packagesFor('src/index.ts') },
      errors: [{ line: 1, column: 19, fixes: [{ safety: 'review' as const, title: /^Add debug@\^2\.6\.9 to package\.json dependencies$/, file: project.path('package.json'),
        output: manifest.replace('"dependencies": {\n', '"dependencies": {\n    "debug": "^2.6.9",\n') }] }],
    })),
    {
      code: "import pad from 'left-pad';",
      options: { packages: pnp.packagesFor('src/index.ts') },
      errors: [{ line: 1, column: 17 }],
    },
  ],
});
