// Entry point of the integration tests: runs the mocha suites in test/integration/suite inside a real
// VS Code through @vscode/test-electron's runTests(). On these machines (no VS Code download) the
// "executable" is scripts/vscode-test/code-server-launcher.js, which runs the same suites in
// code-server's extension host with a headless chromium as the workbench (see
// scripts/vscode-test/provision.sh). Compiled by tsconfig.integration.json to out/test/integration/.
//
// Environment:
//   CODEWARD_VSCODE_EXECUTABLE   another VS Code executable to use instead of the launcher
//   CODEWARD_VSCODE_DOWNLOAD=1   let @vscode/test-electron download VS Code (machines with internet)
//   CODEWARD_TEST_GREP           only run tests whose title matches (passed to mocha in the host)
//   CODEWARD_SUITE=bench         run test/integration/bench (the editor latency benchmark) instead
//   CODEWARD_SUITE=trust         run only test/integration/trust (by default it runs after the suites)
//
// The suites run in an instance that trusts every folder (runTests() always passes --disable-workspace-trust); the
// Workspace Trust suite needs an untrusted workspace, so that second instance is started here without the flag.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..'); // out/test/integration -> repo root

async function main(): Promise<number> {
  const launcher = path.join(ROOT, 'scripts', 'vscode-test', 'code-server-launcher.js');
  const vscodeExecutablePath =
    process.env.CODEWARD_VSCODE_DOWNLOAD === '1' ? undefined : (process.env.CODEWARD_VSCODE_EXECUTABLE ?? launcher);
  if (vscodeExecutablePath === launcher) fs.chmodSync(launcher, 0o755); // spawned directly, so it must be executable

  // A profile left in .vscode-test/ by an earlier run brings back its unsaved editors: start clean.
  // (Downloaded VS Code builds in .vscode-test/ are kept.)
  for (const stale of ['user-data', 'extensions']) {
    fs.rmSync(path.join(ROOT, '.vscode-test', stale), { recursive: true, force: true });
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeward-integration-'));
  // On SIGTERM (an overall timeout) VS Code gets the signal too: wait for it to stop, then clean up below.
  process.on('SIGTERM', () => console.error('SIGTERM: waiting for VS Code to stop'));
  const suite = process.env.CODEWARD_SUITE;
  try {
    if (suite !== 'trust') {
      // The benchmark times activation, so its folder must hold nothing that activates the extension at start-up
      // (the fixture has a scope file and agent instructions: workspaceContains events).
      const workspace = suite === 'bench' ? emptyFolder(temp, 'bench-workspace') : copyFixture(temp, 'workspace');
      const code = await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: path.join(__dirname, suite === 'bench' ? 'bench' : 'suite', 'index'),
        launchArgs: instanceArgs(temp, 'trusted', workspace),
        extensionTestsEnv: { CODEWARD_INTEGRATION_WORKSPACE: workspace },
      });
      if (code !== 0 || suite === 'bench') return code;
    }
    return await runUntrusted(vscodeExecutablePath ?? (await downloadAndUnzipVSCode()), temp);
  } finally {
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

function emptyFolder(temp: string, name: string): string {
  const folder = path.join(temp, name);
  fs.mkdirSync(folder);
  return folder;
}

function copyFixture(temp: string, name: string): string {
  const workspace = path.join(temp, name);
  fs.cpSync(path.join(ROOT, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
  return workspace;
}

/** A profile of its own per instance, so the untrusted run starts with no folder ever trusted. */
function instanceArgs(temp: string, profile: string, workspace: string): string[] {
  return [
    workspace,
    `--user-data-dir=${path.join(temp, profile, 'user-data')}`,
    `--extensions-dir=${path.join(temp, profile, 'extensions')}`,
    '--disable-extensions',
  ];
}

/**
 * The Workspace Trust suite: the fixture as a cloned repository would arrive with a .codeward/config.json and
 * workspace settings that would hide its findings, opened by an instance started without --disable-workspace-trust.
 * runTests() cannot leave that flag out, so the instance is started here with the arguments it would pass otherwise.
 */
async function runUntrusted(executable: string, temp: string): Promise<number> {
  const workspace = copyFixture(temp, 'untrusted-workspace');
  fs.mkdirSync(path.join(workspace, '.codeward'));
  fs.writeFileSync(path.join(workspace, '.codeward', 'config.json'), `${JSON.stringify({ rules: { 'code-injection': 'off' }, exclude: ['src/**'] }, null, 2)}\n`);
  const settings = {
    'files.exclude': { 'hidden-by-files-exclude': true },
    'codeward.enable': false,
    'codeward.rules': { 'code-injection': 'off' },
    'codeward.exclude': ['src/**'],
    'codeward.maxFileSizeKb': 100_000,
    'codeward.minConfidence': 'high',
  };
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  const args = [
    ...instanceArgs(temp, 'untrusted', workspace),
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    `--extensionDevelopmentPath=${ROOT}`,
    `--extensionTestsPath=${path.join(__dirname, 'trust', 'index')}`,
  ];
  const child = spawn(executable, args, { env: { ...process.env, CODEWARD_INTEGRATION_WORKSPACE: workspace }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Integration tests failed: ${error instanceof Error ? error.message : String(error)}`);
    // Keep the launcher's own code (124 = timed out) when runTests() reports one.
    const code = (error as { code?: unknown } | null)?.code;
    process.exit(typeof code === 'number' && code > 0 ? code : 1);
  },
);
