#!/usr/bin/env node
// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches
// (`vscodeExecutablePath`). It speaks the part of VS Code's command line that test-electron uses and
// runs the tests in a real VS Code: code-server (VS Code's server + web workbench, from npm, on
// Node 24) with Debian's chromium as the workbench client, driven headless by playwright-core.
// See shared/vscode-testing.md. Runs on the project's Node (20+); code-server runs on the Node 24
// that scripts/vscode-test/provision.sh caches in .tools/.
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

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const ROOT = path.resolve(__dirname, '..', '..');
const VERBOSE = process.env.CODEWARD_VSCODE_TEST_VERBOSE === '1';
const TIMEOUT_MS = Number(process.env.CODEWARD_VSCODE_TEST_TIMEOUT || 300) * 1000;
const HEALTH_TIMEOUT_MS = 90_000;
const CHROMIUM = process.env.CODEWARD_CHROMIUM || '/usr/bin/chromium';
const started = Date.now();
/** Routine workbench log lines, shown only with CODEWARD_VSCODE_TEST_VERBOSE=1 or after a failure. */
const WORKBENCH_CHATTER = new RegExp([
  '^Resolv(ing|ed) connection token', '^Creating a socket', '^\\[reconnection-grace-time\\]', '^\\[Service Worker\\]',
  '^\\[AgentHost', '^\\[AccountPolicyGate\\]', 'additional builtin extensions', 'ENOTFOUND open-vsx\\.org',
  '^Timed out waiting for authentication provider',
].join('|'));

// Whoever reads our output may be gone (a timeout killed the test runner): never die of EPIPE
// before code-server and chromium are stopped.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

function say(message) {
  process.stderr.write(`[launcher +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

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

// ----------------------------------------------------------------------------------------- tools
function tools() {
  const versions = Object.fromEntries(
    fs.readFileSync(path.join(__dirname, 'versions.env'), 'utf8').split('\n')
      .map((line) => /^\s*([A-Z_]+)=(\S+)/.exec(line)).filter(Boolean).map((m) => [m[1], m[2]]),
  );
  const dir = process.env.CODEWARD_TOOLS_DIR || path.join(ROOT, '.tools');
  const node = path.join(dir, `node-${versions.NODE_VERSION}`, 'node_modules', 'node', 'bin', 'node');
  const codeServer = path.join(dir, `code-server-${versions.CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  for (const [what, file] of [['Node 24', node], ['code-server', codeServer], ['chromium', CHROMIUM]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} not found at ${file}: run scripts/vscode-test/provision.sh`);
  }
  return { node, codeServer };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the last lines of a process's output, to show when something goes wrong. */
class Tail {
  constructor(prefix, max = 200) { this.prefix = prefix; this.max = max; this.lines = []; this.partial = ''; }
  push(chunk) {
    const parts = (this.partial + chunk.toString()).split('\n');
    this.partial = parts.pop();
    for (const line of parts) {
      if (VERBOSE) process.stderr.write(`${this.prefix}${line}\n`);
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
  }
  dump() {
    if (VERBOSE) return;
    process.stderr.write(`---- last ${this.lines.length} lines of ${this.prefix.trim()} ----\n`);
    for (const line of [...this.lines, this.partial].filter(Boolean)) process.stderr.write(`${this.prefix}${line}\n`);
  }
}

// --------------------------------------------------------------------------------------- cleanup
/**
 * code-server runs in its own process group, which a SIGKILL of this launcher would leave behind
 * (its extension host lives on by itself). A tiny detached watcher stops that group once this
 * process is gone. Chromium needs none: it exits when playwright's pipe to it closes.
 */
function guard(pgid) {
  const script = [
    'while kill -0 "$1" 2>/dev/null && kill -0 -- "-$2" 2>/dev/null; do sleep 1; done',
    'kill -0 -- "-$2" 2>/dev/null || exit 0',
    'kill -TERM -- "-$2" 2>/dev/null; sleep 5; kill -KILL -- "-$2" 2>/dev/null; exit 0',
  ].join('\n');
  spawn('bash', ['-c', script, 'codeward-code-server-guard', String(process.pid), String(pgid)], { detached: true, stdio: 'ignore' }).unref();
}

const cleanups = [];
let tempDir;

/** Last resort: every process whose command line mentions our private temp folder is ours. */
function killStragglers() {
  if (!tempDir || process.platform !== 'linux') return;
  let pids = [];
  try { pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number); } catch { return; }
  for (const pid of pids) {
    if (pid === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(tempDir)) process.kill(pid, 'SIGKILL');
    } catch { /* gone or not ours to read */ }
  }
}

let cleaning;
function cleanup() {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try { await fn(); } catch (error) { say(`cleanup: ${error.message}`); }
    }
    killStragglers();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  })();
  return cleaning;
}

async function finish(code) {
  await Promise.race([cleanup(), sleep(15_000)]);
  killStragglers();
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
  const { node, codeServer } = tools();
  // playwright-core is a devDependency of the project; resolve it from the repo.
  const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT, __dirname] }));

  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeward-vscode-test-'));
  const userDataDir = args.userDataDir ?? path.join(tempDir, 'user-data');
  const extensionsDir = args.extensionsDir ?? path.join(tempDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeSettings(path.join(userDataDir, 'User', 'settings.json'));
  const config = path.join(tempDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const xdgData = path.join(tempDir, 'xdg-data');
  fs.mkdirSync(xdgData);

  // ---- code-server
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const serverArgs = [
    codeServer,
    '--config', config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
    ...(args.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  say(`starting code-server on ${origin}`);
  const serverLog = new Tail('[code-server] ');
  const server = spawn(node, serverArgs, {
    cwd: args.folder ?? ROOT,
    env: {
      ...process.env,
      XDG_DATA_HOME: xdgData, XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'), XDG_CACHE_HOME: path.join(tempDir, 'xdg-cache'),
      // No extension gallery: the machine is offline, and open-vsx look-ups only add failures to the log.
      EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so its extension host and helpers go with it
  });
  let serverExit;
  const serverExited = new Promise((resolve) => server.on('exit', (code, signal) => { serverExit = signal ?? code; resolve(serverExit); }));
  guard(server.pid);
  server.stdout.on('data', (d) => serverLog.push(d));
  server.stderr.on('data', (d) => serverLog.push(d));
  cleanups.push(async () => {
    if (serverExit !== undefined) return;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    if (await Promise.race([serverExited.then(() => true), sleep(5000).then(() => false)])) return;
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
  });

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  for (;;) {
    if (serverExit !== undefined) { serverLog.dump(); throw new Error(`code-server exited early (${serverExit})`); }
    if ((await httpStatus(`${origin}/healthz`)) === 200) break;
    if (Date.now() > deadline) { serverLog.dump(); throw new Error(`code-server did not answer ${origin}/healthz within ${HEALTH_TIMEOUT_MS / 1000} s`); }
    await sleep(250);
  }
  say('code-server is up');

  // ---- chromium
  const context = await chromium.launchPersistentContext(path.join(tempDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'), XDG_CACHE_HOME: path.join(tempDir, 'xdg-cache') },
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // we close it ourselves
    timeout: 60_000,
  });
  cleanups.push(() => Promise.race([context.close(), sleep(5000)]));

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

/** Quiet, offline-friendly user settings for the run (merged over an existing file). */
function writeSettings(file) {
  let settings = {};
  try { settings = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { /* none or not plain JSON */ }
  Object.assign(settings, {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.enableExperiments': false,
  });
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

main().then(
  (code) => finish(code),
  (error) => { say(`error: ${error && error.stack ? error.stack : error}`); return finish(1); },
);
