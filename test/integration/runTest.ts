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
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

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
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, process.env.CODEWARD_SUITE === 'bench' ? 'bench' : 'suite', 'index'),
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(temp, 'user-data')}`,
        `--extensions-dir=${path.join(temp, 'extensions')}`,
        '--disable-extensions',
      ],
      extensionTestsEnv: { CODEWARD_INTEGRATION_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
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
