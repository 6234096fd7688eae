// Shared by screen-test.js and packaged-test.js: starts code-server (VS Code's server + web
// workbench, on the Node 24 that provision.sh caches in .tools/) exactly as code-server-launcher.js
// does (same flags, temp user-data-dir / extensions-dir / XDG folders, nothing written to $HOME),
// opens the workbench in a headless Debian chromium through playwright-core, and drives it like a
// user: keyboard shortcuts, the command palette, Quick Open, the Problems panel, the quick-fix menu.
// Plain Node (runs on the project's Node 20+).
'use strict';

const { spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VERBOSE = process.env.CODEWARD_VSCODE_TEST_VERBOSE === '1';
const CHROMIUM = process.env.CODEWARD_CHROMIUM || '/usr/bin/chromium';
const HEALTH_TIMEOUT_MS = 90_000;
const started = Date.now();

for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function makeLogger(prefix) {
  return (message) => process.stderr.write(`[${prefix} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
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

// --------------------------------------------------------------------------------------- session
/**
 * One test's temp folder, its code-server and chromium, and their cleanup. Everything the session
 * starts is stopped by close(), by a signal, or (code-server, whose extension host would outlive a
 * SIGKILL of this process) by a detached watcher.
 */
class Session {
  constructor(name) {
    this.say = makeLogger(name);
    this.tools = tools();
    this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), `codeward-${name}-`));
    this.userDataDir = path.join(this.tempDir, 'user-data');
    this.extensionsDir = path.join(this.tempDir, 'extensions');
    this.xdg = {
      XDG_DATA_HOME: path.join(this.tempDir, 'xdg-data'),
      XDG_CONFIG_HOME: path.join(this.tempDir, 'xdg-config'),
      XDG_CACHE_HOME: path.join(this.tempDir, 'xdg-cache'),
    };
    for (const dir of [path.join(this.userDataDir, 'User'), this.extensionsDir, ...Object.values(this.xdg)]) fs.mkdirSync(dir, { recursive: true });
    this.cleanups = [];
    this.serverLog = new Tail('[code-server] ');
    this.pageLog = new Tail('[page] ', 150);
    writeSettings(path.join(this.userDataDir, 'User', 'settings.json'));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => { this.say(`${signal}: stopping`); void this.close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143)); });
    }
  }

  /** Environment for code-server (and its CLI): no writes outside the temp folder, no gallery. */
  env() {
    return { ...process.env, ...this.xdg, EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}' };
  }

  /** Runs code-server's CLI (e.g. --install-extension) against this session's folders. */
  cli(args, { timeoutMs = 120_000 } = {}) {
    const { node, codeServer } = this.tools;
    const full = [codeServer, '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir, ...args];
    return new Promise((resolve, reject) => {
      execFile(node, full, { env: this.env(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`code-server ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stdout}\n${stderr}`));
        else resolve({ stdout, stderr });
      });
    });
  }

  async startServer({ cwd = ROOT, disableWorkspaceTrust = true, extraArgs = [] } = {}) {
    const { node, codeServer } = this.tools;
    const config = path.join(this.tempDir, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\ncert: false\n');
    this.port = await freePort();
    this.origin = `http://127.0.0.1:${this.port}`;
    const serverArgs = [
      codeServer,
      '--config', config,
      '--bind-addr', `127.0.0.1:${this.port}`,
      '--auth', 'none',
      '--user-data-dir', this.userDataDir,
      '--extensions-dir', this.extensionsDir,
      '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened',
      ...(disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
      // Needed for the workbench to honour the URL payload (extensionDevelopmentPath); harmless otherwise.
      '--vscode-option', 'enable-smoke-test-driver',
      ...extraArgs,
    ];
    this.say(`starting code-server on ${this.origin}`);
    const server = spawn(node, serverArgs, { cwd, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let serverExit;
    const exited = new Promise((resolve) => server.on('exit', (code, signal) => { serverExit = signal ?? code; resolve(serverExit); }));
    this.serverExited = exited;
    guard(server.pid);
    server.stdout.on('data', (d) => this.serverLog.push(d));
    server.stderr.on('data', (d) => this.serverLog.push(d));
    this.cleanups.push(async () => {
      if (serverExit !== undefined) return;
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ }
      if (await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) return;
      try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    });
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    for (;;) {
      if (serverExit !== undefined) { this.serverLog.dump(); throw new Error(`code-server exited early (${serverExit})`); }
      if ((await httpStatus(`${this.origin}/healthz`)) === 200) break;
      if (Date.now() > deadline) { this.serverLog.dump(); throw new Error(`code-server did not answer /healthz within ${HEALTH_TIMEOUT_MS / 1000} s`); }
      await sleep(250);
    }
    this.say('code-server is up');
  }

  /** Launches chromium and opens the workbench on `folder`; `developmentPath` loads an extension from source. */
  async openWorkbench({ folder, developmentPath, viewport = { width: 1440, height: 900 } }) {
    const { chromium } = require(require.resolve('playwright-core', { paths: [ROOT, __dirname] }));
    const context = await chromium.launchPersistentContext(path.join(this.tempDir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      ],
      env: { ...process.env, XDG_CONFIG_HOME: this.xdg.XDG_CONFIG_HOME, XDG_CACHE_HOME: this.xdg.XDG_CACHE_HOME },
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      timeout: 60_000,
    });
    this.cleanups.push(() => Promise.race([context.close(), sleep(5000)]));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => { if (!message.text().startsWith('%c')) this.pageLog.push(`${message.type()}: ${message.text()}\n`); });
    page.on('pageerror', (error) => this.pageLog.push(`pageerror: ${error.message}\n`));
    page.on('crash', () => this.say('the workbench page crashed'));
    this.page = page;

    const query = new URLSearchParams();
    query.set('folder', folder);
    if (developmentPath) {
      query.set('payload', JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${this.port}${developmentPath}`]]));
    }
    this.say(`opening the workbench on ${folder}${developmentPath ? ` with the extension from ${developmentPath}` : ''}`);
    await page.goto(`${this.origin}/?${query}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    // Ready for a user: the workbench is laid out and the explorer shows the folder's files.
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    return page;
  }

  /** Stops chromium and code-server and removes the temp folder. */
  close() {
    this.closing ??= (async () => {
      const t0 = Date.now();
      for (const fn of this.cleanups.reverse()) {
        try { await fn(); } catch (error) { this.say(`cleanup: ${error.message}`); }
      }
      if (this.cleanups.length) this.say(`stopped code-server and chromium in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      killStragglers(this.tempDir);
      if (process.env.CODEWARD_KEEP_TEMP === '1') this.say(`kept ${this.tempDir}`);
      else fs.rmSync(this.tempDir, { recursive: true, force: true, maxRetries: 3 });
    })();
    return Promise.race([this.closing, sleep(20_000)]);
  }

  dumpLogs() {
    this.serverLog.dump();
    this.pageLog.dump();
    // The extension host's own log (activation errors land there).
    for (const file of findFiles(path.join(this.userDataDir, 'logs'), (name) => /exthost\.log$/.test(name))) {
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-40);
      process.stderr.write(`---- last ${lines.length} lines of ${path.relative(this.tempDir, file)} ----\n${lines.join('\n')}\n`);
    }
  }
}

function findFiles(dir, match) {
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return []; }
  return entries.flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(file, match);
    return entry.isFile() && match(entry.name) ? [file] : [];
  });
}

/** Polls `locator`'s text (non-breaking spaces as spaces) until it matches `pattern`; returns it. */
async function waitForText(locator, pattern, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = (await locator.innerText({ timeout: 2000 }).catch(() => '')).replace(/\u00a0/g, ' ');
    if (pattern.test(text)) return text;
    await sleep(250);
  }
  throw new Error(`${what} did not show ${pattern} within ${timeoutMs / 1000} s; it showed:\n${text}`);
}

/** Stops code-server's process group once this process is gone (even after a SIGKILL). */
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
    } catch { /* gone or not ours */ }
  }
}

/** Quiet, offline-friendly user settings (as the launcher writes them). */
function writeSettings(file) {
  fs.writeFileSync(file, JSON.stringify({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    // Screenshots a person can read, without the secondary side bar's chat view taking space.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
  }, null, 2));
}

// ----------------------------------------------------------------------------------- user actions
/** What a user does, step by step, with screenshots; every wait has a time limit. */
class User {
  constructor(page, { shotsDir, say }) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.say = say;
    this.step = 0;
    fs.mkdirSync(shotsDir, { recursive: true });
  }

  async screenshot(name) {
    this.step += 1;
    const file = path.join(this.shotsDir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    this.say(`screenshot ${path.relative(ROOT, file)}`);
    return file;
  }

  /** Retries `attempt` (which presses keys) until `check` sees its effect. */
  async until(what, attempt, check, { tries = 4, waitMs = 5000 } = {}) {
    let last;
    for (let i = 1; i <= tries; i++) {
      if (i > 1) this.say(`${what}: not seen yet; trying again (${i} of ${tries})`);
      await attempt(i);
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        try {
          if (await check()) return;
        } catch (error) { last = error; }
        await sleep(150);
      }
    }
    throw new Error(`${what}: not seen after ${tries} tries${last ? ` (${last.message})` : ''}`);
  }

  quickInput() { return this.page.locator('.quick-input-widget'); }

  async closeQuickInput() {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    }
  }

  /** Quick Open (Ctrl+P): types the name and opens the file; resolves once its editor tab is active. */
  async quickOpen(fileName, { screenshotName } = {}) {
    const input = this.quickInput().locator('input');
    await this.until(`Quick Open (Ctrl+P)`, async () => {
      await this.closeQuickInput();
      await this.page.keyboard.press('Control+P');
    }, () => input.isVisible());
    await input.fill(fileName);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: fileName }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    if (screenshotName) await this.screenshot(screenshotName);
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label*="${fileName}"]`).waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** F1, type the command's label, Enter. */
  async runCommand(label, { screenshotName } = {}) {
    const input = this.quickInput().locator('input');
    await this.until(`command palette (F1)`, async () => {
      await this.closeQuickInput();
      await this.page.keyboard.press('F1');
    }, async () => (await input.isVisible()) && (await input.inputValue()).startsWith('>'));
    await input.fill(`>${label}`);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    if (screenshotName) await this.screenshot(screenshotName);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
  }

  problemsPanel() { return this.page.locator('.markers-panel'); }

  /** Ctrl+Shift+M (View: Toggle Problems) until the Problems panel is visible. */
  async openProblems() {
    await this.until('Problems panel (Ctrl+Shift+M)', async (i) => {
      if (i > 1 && (await this.problemsPanel().isVisible())) return;
      await this.page.keyboard.press('Control+Shift+M');
    }, () => this.problemsPanel().isVisible());
  }

  /** The Problems panel's rows (their text as a user reads it), once `predicate` holds for them. */
  async waitForProblems(predicate, { timeoutMs = 30_000 } = {}) {
    const rows = this.problemsPanel().locator('.monaco-list-row');
    const deadline = Date.now() + timeoutMs;
    let texts = [];
    while (Date.now() < deadline) {
      texts = (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
      if (predicate(texts)) return texts;
      await sleep(250);
    }
    throw new Error(`the Problems panel did not show the expected problems within ${timeoutMs / 1000} s; it showed:\n  ${texts.join('\n  ') || '(nothing)'}`);
  }

  /** Puts the keyboard focus in the active editor (a click in the text would move the cursor). */
  async focusEditor() {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+1'); // View: Focus First Editor Group
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** The text of the editor's visible lines. */
  async editorText() {
    return (await this.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }
}

module.exports = { ROOT, Session, User, findFiles, makeLogger, sleep, waitForText };
