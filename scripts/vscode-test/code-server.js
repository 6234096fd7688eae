// Starting and stopping code-server and chromium, shared by code-server-launcher.js (runTest's
// vscodeExecutablePath stand-in) and workbench-driver.js (screen and packaged tests), so that the
// integration suites and the screen-level tests run against the same server with the same flags.
// Plain Node (runs on the project's Node 20+); code-server itself runs on the Node 24 that
// provision.sh caches in .tools/.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VERBOSE = process.env.CODEWARD_VSCODE_TEST_VERBOSE === '1';
const CHROMIUM = process.env.CODEWARD_CHROMIUM || '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 90_000;
const started = Date.now();

// Whoever reads our output may be gone (a timeout killed the test runner): never die of EPIPE
// before code-server and chromium are stopped.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function makeLogger(prefix) {
  return (message) => process.stderr.write(`[${prefix} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

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
  return { node, codeServer, versions };
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

/** The XDG folders inside `tempDir` (created), so that nothing is written to $HOME. */
function xdgDirs(tempDir) {
  const xdg = {
    XDG_DATA_HOME: path.join(tempDir, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'),
    XDG_CACHE_HOME: path.join(tempDir, 'xdg-cache'),
  };
  for (const dir of Object.values(xdg)) fs.mkdirSync(dir, { recursive: true });
  return xdg;
}

/** Environment for code-server (and its CLI). */
function serverEnv(xdg) {
  // No extension gallery: the machine is offline, and open-vsx look-ups only add failures to the log.
  return { ...process.env, ...xdg, EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}' };
}

/** Quiet, offline-friendly user settings, merged over an existing file. */
function writeSettings(file, extra = {}) {
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
  }, extra);
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

/**
 * code-server runs in its own process group, which a SIGKILL of this process would leave behind
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

/** Last resort: every process whose command line mentions our private temp folder is ours. */
function killStragglers(tempDir) {
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

/**
 * Starts code-server on a free loopback port and waits for /healthz. Its stop is pushed onto
 * `cleanups`. Resolves to { port, origin, exited } (`exited` resolves to the exit code or signal).
 */
async function startCodeServer({ tools: { node, codeServer }, tempDir, userDataDir, extensionsDir, xdg, cwd, disableWorkspaceTrust, extraArgs = [], serverLog, say, cleanups }) {
  const config = path.join(tempDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
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
    ...(disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    // Needed for the workbench to honour the URL payload (extensionDevelopmentPath, extensionTestsPath).
    '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
  ];
  say(`starting code-server on ${origin}`);
  const server = spawn(node, serverArgs, {
    cwd,
    env: serverEnv(xdg),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so its extension host and helpers go with it
  });
  let serverExit;
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => { serverExit = signal ?? code; resolve(serverExit); }));
  guard(server.pid);
  server.stdout.on('data', (d) => serverLog.push(d));
  server.stderr.on('data', (d) => serverLog.push(d));
  cleanups.push(async () => {
    if (serverExit !== undefined) return;
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
    if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) return;
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
  return { port, origin, exited };
}

/** Headless chromium (playwright-core) with a profile in `tempDir`; its close is pushed onto `cleanups`. */
async function launchChromium({ tempDir, xdg, viewport, cleanups }) {
  // playwright-core is a devDependency of the project; resolve it from the repo.
  const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT, __dirname] }));
  const context = await chromium.launchPersistentContext(path.join(tempDir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    ...(viewport ? { viewport } : {}),
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: xdg.XDG_CONFIG_HOME, XDG_CACHE_HOME: xdg.XDG_CACHE_HOME },
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // the caller closes it
    timeout: 60_000,
  });
  cleanups.push(() => Promise.race([context.close(), sleep(5000)]));
  return context;
}

module.exports = {
  ROOT, VERBOSE, Tail, killStragglers, launchChromium, makeLogger, serverEnv, sleep, startCodeServer, tools, writeSettings, xdgDirs,
};
