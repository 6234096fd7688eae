// Offline by proof: the built CLI scans with every network entry point trapped, and no bundle imports a network module.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createWorkspace } from '../helpers/workspace';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const TRAP = join(__dirname, '..', 'helpers', 'network-trap.cjs');
const NETWORK_MODULES = ['net', 'tls', 'http', 'https', 'http2', 'dns', 'dgram', 'undici'];

/** Runs node with the trap preloaded; `attempts` lists what tried to leave the machine. */
function trapped(args: string[]): { status: number | null; stdout: string; stderr: string; attempts: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'codeward-net-'));
  const log = join(dir, 'attempts.log');
  try {
    const run = spawnSync(process.execPath, ['--require', TRAP, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CODEWARD_NETWORK_LOG: log },
    });
    const attempts = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    return { status: run.status, stdout: run.stdout, stderr: run.stderr, attempts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('offline by proof', function () {
  this.timeout(60_000);
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)'));

  it('the trap refuses and records every network entry point, in worker threads too', () => {
    const probe = `
      const tryIt = (f) => { try { f(); } catch {} };
      tryIt(() => require('node:net').connect(80, 'example.com'));
      tryIt(() => new (require('node:net').Socket)().connect(80, 'example.com'));
      tryIt(() => require('node:tls').connect(443, 'example.com'));
      tryIt(() => require('node:http').get('http://example.com'));
      tryIt(() => require('node:https').request('https://example.com'));
      tryIt(() => require('node:dns').lookup('example.com', () => {}));
      tryIt(() => require('node:dns').promises.resolve4('example.com'));
      tryIt(() => fetch('https://example.com'));
      tryIt(() => require('node:child_process').execSync('curl https://example.com'));
      tryIt(() => require('node:child_process').spawnSync('git', ['--version']));
      const { Worker } = require('node:worker_threads');
      new Worker("try { require('node:https').get('https://example.com'); } catch {}", { eval: true });`;
    const run = trapped(['-e', probe]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.attempts.sort(), [
      'child_process.execSync(curl)', 'dns.lookup', 'dns.promises.resolve4', 'globalThis.fetch', 'http.get',
      'https.get', 'https.request', 'net.Socket.connect', 'net.connect', 'tls.connect',
    ]);
  });

  it('the built CLI scans the example with the network trapped and tries nothing', () => {
    const run = trapped([CLI, 'scan', 'examples/ai-api', '--format', 'json']);
    assert.deepEqual(run.attempts, []);
    assert.equal(run.status, 1, run.stderr);
    assert.ok(JSON.parse(run.stdout).findings.length > 10);
  });

  it('the built CLI infers the scope of the example (git history included) with the network trapped and tries nothing', () => {
    const run = trapped([CLI, 'scope', 'examples/ai-api', '--format', 'json']);
    assert.deepEqual(run.attempts, []);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).declared.classification, 'confidential');
  });

  it('the built CLI on worker threads tries nothing either', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 45; i++) files[`src/r${i}.js`] = `app.get('/r', (req, res) => res.json(eval(req.query.e)));\n`;
    const workspace = createWorkspace(files);
    try {
      const run = trapped([CLI, 'scan', workspace.root, '--format', 'json']);
      assert.deepEqual(run.attempts, []);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(JSON.parse(run.stdout).findings.length, 45);
    } finally {
      workspace.remove();
    }
  });

  it('only --registry-check (opt-in) asks the network, and then only through fetch', () => {
    const workspace = createWorkspace({
      'package.json': JSON.stringify({ name: 'app', dependencies: {} }),
      'src/a.js': "const ghost = require('express-helpers-ai');\n",
    });
    try {
      const plain = trapped([CLI, 'scan', workspace.root, '--format', 'json']);
      assert.deepEqual(plain.attempts, []);
      assert.equal(JSON.parse(plain.stdout).findings[0].ruleId, 'hallucinated-package');
      const online = trapped([CLI, 'scan', workspace.root, '--format', 'json', '--registry-check']);
      assert.deepEqual(online.attempts, ['globalThis.fetch']);
      assert.equal(online.status, 0, online.stderr);
      assert.equal(JSON.parse(online.stdout).findings[0].ruleId, 'hallucinated-package', 'no answer leaves the finding as it was');
    } finally {
      workspace.remove();
    }
  });

  it('no bundle imports a network module (esbuild metafile)', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'codeward-build-'));
    try {
      const build = spawnSync(process.execPath, ['scripts/build.mjs', '--metafile', '--outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, build.stderr);
      const meta = JSON.parse(readFileSync(join(outdir, 'meta.json'), 'utf8')) as {
        outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
      };
      const imports = new Map<string, string[]>();
      for (const [file, output] of Object.entries(meta.outputs)) {
        if (file.endsWith('.js')) imports.set(basename(file), output.imports.map((entry) => entry.path.replace(/^node:/, '')));
      }
      assert.deepEqual([...imports.keys()].sort(), ['cli.js', 'core.js', 'extension.js', 'parser.js']);
      // The metafile does list what a bundle imports: the check below is not vacuous.
      assert.ok(imports.get('core.js')?.includes('fs') && imports.get('extension.js')?.includes('vscode'));
      for (const [file, paths] of imports) {
        assert.deepEqual(paths.filter((path) => NETWORK_MODULES.includes(path.split('/')[0])), [], `${file} imports a network module`);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
