// Imports end to end: collected in the engine's one pass, labelled new against a git baseline by `scan --diff`
// and `--staged`, reported in text, JSON and SARIF; the package context's local resolutions.
import { strict as assert } from 'node:assert';
import type * as Sarif from 'sarif';
import { analyze } from '../../src/core/engine';
import { collectImports } from '../../src/core/imports/collect';
import { PackageContext } from '../../src/core/imports/packages';
import { createWorkspace } from '../helpers/workspace';
import { baselineImportsOf } from '../../src/core/imports/baseline';
import { parseSpecifier } from '../../src/core/imports/specifier';
import { cli, json } from '../helpers/cli';
import type { Workspace } from '../helpers/workspace';
import { committedRepository, runGit } from '../helpers/git-repo';

function git(workspace: Workspace, ...args: string[]): string {
  return runGit(workspace.root, ...args);
}

const repository = (files: Record<string, string>): Workspace => committedRepository(files);

const PROJECT = {
  '.gitignore': 'node_modules/\n',
  'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '^4.19.0', esbuild: '^0.20.0', request: '^2.88.0' } }, null, 2),
  'package-lock.json': JSON.stringify({
    name: 'shop', lockfileVersion: 3,
    packages: { 'node_modules/request': { version: '2.88.2', deprecated: 'request has been deprecated' } },
  }),
  'node_modules/express/package.json': JSON.stringify({ name: 'express', version: '4.19.2' }),
  'node_modules/debug/package.json': JSON.stringify({ name: 'debug', version: '2.6.9' }),
  'node_modules/esbuild/package.json': JSON.stringify({ name: 'esbuild', version: '0.20.2', scripts: { postinstall: 'node install.js' } }),
  'node_modules/request/package.json': JSON.stringify({ name: 'request', version: '2.88.2' }),
};
const BEFORE = "import express from 'express';\nimport { exec } from 'node:child_process';\n\nexport const app = express();\n";
const AFTER = [
  "import express from 'express';",
  "import { exec } from 'child_process';",
  "import { build } from 'esbuild';",
  "import request from 'request';",
  "import vm from 'node:vm';",
  "import debug from 'debug';",
  "import helpers from 'express-helpers-ai';",
  "import router from 'expresss';",
  '',
  'export const app = express();',
  '',
].join('\n');

const where = (findings: { path: string; line: number; ruleId: string; message: string }[]): string[] =>
  findings.map((finding) => `${finding.path}:${finding.line} ${finding.ruleId}${/New import|New capability/.test(finding.message) ? ' (new)' : ''}`);

describe('imports', function () {
  this.timeout(30_000);

  describe('collected in the one pass', () => {
    it('records every kind of import, type-only ones marked, non-constant ones without a specifier', () => {
      const code = [
        "import a from 'a';",
        "import type { B } from 'b';",
        "import { type C } from 'c';",
        "export { d } from 'd';",
        "export * from 'e';",
        "import f = require('f');",
        "const g = require('g');",
        "require.resolve('h');",
        "await import('i');",
        'require(name);',
        "const local = (require) => require('not-an-import');",
      ].join('\n');
      const records = analyze(code, 'x.ts', { rules: {} }).imports ?? [];
      assert.deepEqual(records.map((record) => [record.kind, record.specifier, record.typeOnly]), [
        ['import', 'a', false], ['import', 'b', true], ['import', 'c', true], ['export', 'd', false], ['export', 'e', false],
        ['import-equals', 'f', false], ['require', 'g', false], ['require-resolve', 'h', false], ['dynamic-import', 'i', false],
        ['require', undefined, false],
      ]);
      assert.deepEqual(collectImports(code, 'x.ts')?.map((record) => record.specifier).slice(0, 9), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    });

    it('reads baselines from components and keys built-ins with or without node:', () => {
      assert.deepEqual(baselineImportsOf("<script setup lang=\"ts\">\nimport { ref } from 'vue';\nimport fs from 'fs';\n</script>\n", 'A.vue'), ['vue', 'node:fs']);
      assert.deepEqual(baselineImportsOf(undefined, 'a.ts'), []);
      assert.deepEqual(baselineImportsOf('const = ;', 'a.ts'), []);
    });

    it('parses specifiers', () => {
      assert.deepEqual(parseSpecifier('@scope/pkg/deep/file.js'), { kind: 'package', name: '@scope/pkg', subpath: '/deep/file.js' });
      assert.deepEqual(parseSpecifier('node:fs/promises'), { kind: 'builtin', name: 'fs/promises' });
      assert.deepEqual(parseSpecifier('fs/promises'), { kind: 'builtin', name: 'fs/promises' });
      assert.deepEqual(parseSpecifier('https://esm.sh/x'), { kind: 'remote', scheme: 'https' });
      assert.deepEqual(parseSpecifier('#internal'), { kind: 'subpath-import' });
      assert.deepEqual(parseSpecifier('@/components'), { kind: 'other' });
      assert.deepEqual(parseSpecifier('Upper'), { kind: 'other' });
    });
  });

  describe('the package context', () => {
    it('keeps what it read for a few seconds, and reads again once told a manifest changed', () => {
      const workspace = createWorkspace({ 'package.json': '{"name":"app","dependencies":{}}\n', 'src/app.js': '' });
      try {
        const context = new PackageContext(() => 0);
        assert.equal(context.forFile(workspace.path('src/app.js')).isDeclared('cookie'), false);
        workspace.write('package.json', '{"name":"app","dependencies":{"cookie":"^0.7.1"}}\n');
        assert.equal(context.forFile(workspace.path('src/app.js')).isDeclared('cookie'), false, 'cached within its lifetime');
        context.forget();
        assert.equal(context.forFile(workspace.path('src/app.js')).isDeclared('cookie'), true);
      } finally {
        workspace.remove();
      }
    });
  });

  describe('change scans label new imports', () => {
    let workspace: Workspace;
    afterEach(() => workspace?.remove());

    it('scan --diff HEAD: new against the ref, in text, JSON and SARIF', async () => {
      workspace = repository({ ...PROJECT, 'src/app.ts': BEFORE });
      workspace.write('src/app.ts', AFTER);
      workspace.write('src/fresh.ts', "import { spawn } from 'node:child_process';\n");

      const report = await json(['scan', workspace.root, '--diff', 'HEAD']);
      assert.deepEqual(where(report.findings), [
        'src/app.ts:3 install-script-package (new)',
        'src/app.ts:4 deprecated-package (new)',
        'src/app.ts:5 new-capability-import (new)',
        'src/app.ts:6 undeclared-dependency (new)',
        'src/app.ts:7 hallucinated-package (new)',
        'src/app.ts:8 typosquat-package (new)',
        'src/fresh.ts:1 new-capability-import (new)',
      ]);
      const typosquat = report.findings.find((finding) => finding.ruleId === 'typosquat-package')!;
      assert.equal(typosquat.severity, 'error');
      assert.match(typosquat.message, /^Possible typosquat of 'express': New import of 'expresss'/);
      // 'expresss' is nowhere in the installed project and express is declared: replacing it is safe.
      assert.deepEqual(typosquat.fixes.map((fix) => [fix.title, fix.safety]), [
        ["Replace with express (safe: 'expresss' is not installed or declared, so this import fails today; express is a dependency)", 'safe'],
        ['Remove this import', 'review'],
      ]);

      const text = await cli(['scan', workspace.root, '--diff', 'HEAD']);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /hallucinated-package +Possibly hallucinated package: New import of 'express-helpers-ai'/);

      const sarif = JSON.parse((await cli(['scan', workspace.root, '--diff', 'HEAD', '--format', 'sarif'])).stdout) as Sarif.Log;
      const results = sarif.runs[0].results ?? [];
      assert.ok(results.some((result) => result.ruleId === 'typosquat-package' && result.level === 'error' && /New import of 'expresss'/.test(result.message.text ?? '')));
    });

    it('a plain scan checks every import but labels nothing new and skips baseline-only rules', async () => {
      workspace = repository({ ...PROJECT, 'src/app.ts': AFTER });
      assert.deepEqual(where((await json(['scan', workspace.root])).findings), [
        'src/app.ts:6 undeclared-dependency',
        'src/app.ts:7 hallucinated-package',
        'src/app.ts:8 typosquat-package',
      ]);
    });

    it('scan --diff HEAD checks dependencies added to package.json on their lines', async () => {
      workspace = repository({ ...PROJECT, 'src/app.ts': BEFORE });
      const manifest = JSON.parse(PROJECT['package.json']) as { dependencies: Record<string, string> };
      manifest.dependencies = { ...manifest.dependencies, expresss: '^1.0.0', 'pdf-tools': 'github:someone/pdf-tools' };
      workspace.write('package.json', JSON.stringify(manifest, null, 2));
      const report = await json(['scan', workspace.root, '--diff', 'HEAD']);
      assert.deepEqual(report.findings.map((finding) => `${finding.path}:${finding.line} ${finding.ruleId}`), [
        'package.json:7 dependency-not-locked',
        'package.json:7 typosquat-package',
        'package.json:8 dependency-not-locked',
        'package.json:8 risky-dependency-spec',
      ]);
    });

    it('committed imports are not new in a later change; --staged compares the index with HEAD', async () => {
      workspace = repository({ ...PROJECT, 'src/app.ts': AFTER });
      workspace.write('src/app.ts', `${AFTER}import { Worker } from 'node:worker_threads';\n`);
      assert.deepEqual(where((await json(['scan', workspace.root, '--diff', 'HEAD'])).findings), ['src/app.ts:11 new-capability-import (new)']);
      assert.deepEqual(where((await json(['scan', workspace.root, '--staged'])).findings), []);
      git(workspace, 'add', 'src/app.ts');
      assert.deepEqual(where((await json(['scan', workspace.root, '--staged'])).findings), ['src/app.ts:11 new-capability-import (new)']);
    });
  });
});
