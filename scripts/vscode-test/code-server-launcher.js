#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches
// (`vscodeExecutablePath`). It speaks the part of VS Code's command line that test-electron uses and
// runs the tests in a real VS Code: code-server (VS Code's server + web workbench, from npm, on
// Node 24) with Debian's chromium as the workbench client, driven headless by playwright-core.
// See shared/vscode-testing.md and code-server.js (shared with the screen and packaged tests). Runs on
// the project's Node (20+); code-server runs on the Node 24 that provision.sh caches in .tools/.
//
// Understood arguments (others are ignored):
//   --extensionDevelopmentPath=<dir>   the extension under test (first one only)
//   --extensionTestsPath=<file>        the compiled test runner (exports run())
//   --user-data-dir=<dir> | --user-data-dir <dir>
//   --extensions-dir=<dir> | --extensions-dir <dir>
//   --disable-workspace-trust          passed on to code-server
//   <folder>                           the workspace folder to open (first positional argument)
// Environment:
//   CODEWARD_TOOLS_DIR              tools cache (default <repo>/.tools)
//   CODEWARD_CHROMIUM               chromium executable (default /usr/bin/chromium)
//   CODEWARD_VSCODE_TEST_TIMEOUT    seconds for the whole run (default 300)
//   CODEWARD_VSCODE_TEST_VERBOSE=1  print code-server's and the page's own logs as they come
// Exit code: the tests' exit code; 1 on any failure of the harness; 124 on timeout.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const {
  ROOT, VERBOSE, Tail, killStragglers, launchChromium, makeLogger, sleep, startCodeServer, tools, writeSettings, xdgDirs,
} = require('./code-server');

const TIMEOUT_MS = Number(process.env.CODEWARD_VSCODE_TEST_TIMEOUT || 300) * 1000;
const started = Date.now();
/** Routine workbench log lines, shown only with CODEWARD_VSCODE_TEST_VERBOSE=1 or after a failure. */
const WORKBENCH_CHATTER = new RegExp([
  '^Resolv(ing|ed) connection token', '^Creating a socket', '^\\[reconnection-grace-time\\]', '^\\[Service Worker\\]',
  '^\\[AgentHost', '^\\[AccountPolicyGate\\]', 'additional builtin extensions', 'ENOTFOUND open-vsx\\.org',
  '^Timed out waiting for authentication provider',
].join('|'));

const say = makeLogger('launcher');

// ------------------------------------------------------------------------------------- arguments
function parseArgs(argv) {
  const out = { developmentPaths: [], testsPath: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined, disableWorkspaceTrust: false, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const valued = (name) => {
      if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
      if (arg === `--${name}` && i + 1 < argv.length) return argv[++i];
      return undefined;
    };
    let value;
    if ((value = valued('extensionDevelopmentPath')) !== undefined) out.developmentPaths.push(path.resolve(value));
    else if ((value = valued('extensionTestsPath')) !== undefined) out.testsPath = path.resolve(value);
    else if ((value = valued('user-data-dir')) !== undefined) out.userDataDir = path.resolve(value);
    else if ((value = valued('extensions-dir')) !== undefined) out.extensionsDir = path.resolve(value);
    else if (arg === '--disable-workspace-trust') out.disableWorkspaceTrust = true;
    else if (!arg.startsWith('-') && out.folder === undefined) out.folder = path.resolve(arg);
    else out.ignored.push(arg);
  }
  return out;
}

// --------------------------------------------------------------------------------------- cleanup
const cleanups = [];
let tempDir;

let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try { await fn(); } catch (error) { say(`cleanup: ${error.message}`); }
    }
    killStragglers(tempDir);
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  })();
  return cleaning;
}

async function finish(code) {
  await Promise.race([cleanup(), sleep(15_000)]);
  killStragglers(tempDir);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => { say(`${signal}: stopping`); void finish(signal === 'SIGINT' ? 130 : 143); });
}

// ------------------------------------------------------------------------------------------ main
async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.developmentPaths.length === 0 || !args.testsPath) {
    throw new Error('expected --extensionDevelopmentPath=<dir> and --extensionTestsPath=<file> (as @vscode/test-electron passes them)');
  }
  if (args.developmentPaths.length > 1) say(`only the first --extensionDevelopmentPath is loaded: ${args.developmentPaths[0]}`);
  if (VERBOSE && args.ignored.length) say(`ignored arguments: ${args.ignored.join(' ')}`);
  const toolPaths = tools();

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeward-vscode-test-'));
  const userDataDir = args.userDataDir ?? path.join(tempDir, 'user-data');
  const extensionsDir = args.extensionsDir ?? path.join(tempDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(path.join(userDataDir, 'User', 'settings.json'));
  const xdg = xdgDirs(tempDir);

  const serverLog = new Tail('[code-server] ');
  const { port, origin, exited: serverExited } = await startCodeServer({
    tools: toolPaths, tempDir, userDataDir, extensionsDir, xdg, cwd: args.folder ?? ROOT,
    disableWorkspaceTrust: args.disableWorkspaceTrust, serverLog, say, cleanups,
  });
  const context = await launchChromium({ tempDir, xdg, cleanups });

  let resolveExit, failExit;
  const testExit = new Promise((resolve, reject) => { resolveExit = resolve; failExit = reject; });
  testExit.catch(() => {}); // a late page close during cleanup must not become an unhandled rejection
  const page = context.pages()[0] ?? (await context.newPage());
  const pageLog = new Tail('[page] ', 100);
  await page.exposeFunction('codeAutomationExit', (code) => {
    const n = Number(code);
    resolveExit(Number.isInteger(n) ? n : 1);
  });
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    const text = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
    // The workbench's own start-up chatter arrives here too; keep it out of the test output.
    if (!VERBOSE && WORKBENCH_CHATTER.test(text)) { pageLog.push(`${type}: ${text}\n`); return; }
    if (type === 'error') process.stderr.write(`${text}\n`); else process.stdout.write(`${text}\n`);
  });
  page.on('console', (message) => {
    const text = message.text();
    if (!text.startsWith('%c')) pageLog.push(`${message.type()}: ${text}\n`); // '%c' ones repeat the extension host's log
  });
  page.on('pageerror', (error) => pageLog.push(`pageerror: ${error.message}\n`));
  page.on('crash', () => failExit(new Error('the workbench page crashed')));
  page.on('close', () => failExit(new Error('the workbench page closed before the tests ended')));

  const remote = (file) => `vscode-remote://127.0.0.1:${port}${file}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(args.developmentPaths[0])],
    ['extensionTestsPath', remote(args.testsPath)],
  ]);
  const query = new URLSearchParams();
  if (args.folder) query.set('folder', args.folder);
  query.set('payload', payload);
  say(`opening the workbench${args.folder ? ` on ${args.folder}` : ''}`);
  await page.goto(`${origin}/?${query}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  const remaining = TIMEOUT_MS - (Date.now() - started);
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), Math.max(remaining, 1000)); });
  const serverDied = serverExited.then((how) => `server-exit:${how}`);
  let outcome;
  try {
    outcome = await Promise.race([testExit, timedOut, serverDied]);
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'timeout') {
    serverLog.dump(); pageLog.dump();
    say(`timed out after ${TIMEOUT_MS / 1000} s waiting for the tests to finish`);
    return 124;
  }
  if (typeof outcome === 'string') {
    serverLog.dump(); pageLog.dump();
    throw new Error(`code-server exited while the tests ran (${outcome.slice('server-exit:'.length)})`);
  }
  say(`tests finished with exit code ${outcome}`);
  return outcome;
}

main().then(
  (code) => finish(code),
  (error) => { say(`error: ${error && error.stack ? error.stack : error}`); return finish(1); },
);
