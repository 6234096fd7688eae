// Shared by screen-test.js and packaged-test.js: starts code-server and a headless chromium through
// code-server.js (as code-server-launcher.js does: same flags, temp user-data-dir / extensions-dir /
// XDG folders, nothing written to $HOME), opens the workbench and drives it like a
// user: keyboard shortcuts, the command palette, Quick Open, the Problems panel, the quick-fix menu.
// Plain Node (runs on the project's Node 20+).
'use strict';

const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  ROOT, Tail, killStragglers, launchChromium, makeLogger, serverEnv, sleep, startCodeServer, tools, writeSettings, xdgDirs,
} = require('./code-server');

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
    this.xdg = xdgDirs(this.tempDir);
    for (const dir of [path.join(this.userDataDir, 'User'), this.extensionsDir]) fs.mkdirSync(dir, { recursive: true });
    this.cleanups = [];
    this.serverLog = new Tail('[code-server] ');
    this.pageLog = new Tail('[page] ', 150);
    writeSettings(path.join(this.userDataDir, 'User', 'settings.json'), {
      // Screenshots a person can read, without the secondary side bar's chat view taking space.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      'editor.minimap.enabled': false,
    });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => { this.say(`${signal}: stopping`); void this.close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143)); });
    }
  }

  /** Runs code-server's CLI (e.g. --install-extension) against this session's folders. */
  cli(args, { timeoutMs = 120_000 } = {}) {
    const { node, codeServer } = this.tools;
    const full = [codeServer, '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir, ...args];
    return new Promise((resolve, reject) => {
      execFile(node, full, { env: serverEnv(this.xdg), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`code-server ${args.join(' ')} failed (${error.code ?? error.signal}):\n${stdout}\n${stderr}`));
        else resolve({ stdout, stderr });
      });
    });
  }

  async startServer({ cwd = ROOT, disableWorkspaceTrust = true, extraArgs = [] } = {}) {
    const { port, origin, exited } = await startCodeServer({
      tools: this.tools, tempDir: this.tempDir, userDataDir: this.userDataDir, extensionsDir: this.extensionsDir, xdg: this.xdg,
      cwd, disableWorkspaceTrust, extraArgs, serverLog: this.serverLog, say: this.say, cleanups: this.cleanups,
    });
    this.port = port;
    this.origin = origin;
    this.serverExited = exited;
  }

  /** Launches chromium and opens the workbench on `folder`; `developmentPath` loads an extension from source. */
  async openWorkbench({ folder, developmentPath, viewport = { width: 1440, height: 900 } }) {
    const context = await launchChromium({ tempDir: this.tempDir, xdg: this.xdg, viewport, cleanups: this.cleanups });
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

/**
 * The body of screen-test.js and packaged-test.js: runs `test(session)` in a fresh Session under
 * `timeoutMs` and exits 0 (passed), 1 (failed) or 124 (timed out). After a failure it leaves
 * `failure.png` in `shotsDir` and the logs on stderr; `onFailure(session)` may add its own notes first.
 */
async function runSession(name, { timeoutMs, shotsDir, test, onFailure = () => {} }) {
  fs.rmSync(shotsDir, { recursive: true, force: true });
  const session = new Session(name);
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  let code = 0;
  try {
    const outcome = await Promise.race([test(session).then(() => 'passed'), timedOut]);
    if (outcome === 'timeout') {
      session.say(`timed out after ${timeoutMs / 1000} s`);
      code = 124;
    } else {
      session.say(`${name} test passed`);
    }
  } catch (error) {
    session.say(`FAILED: ${error && error.stack ? error.stack : error}`);
    code = 1;
  } finally {
    clearTimeout(timer);
  }
  if (code !== 0) {
    onFailure(session);
    if (session.page) {
      fs.mkdirSync(shotsDir, { recursive: true });
      await session.page.screenshot({ path: path.join(shotsDir, 'failure.png') }).catch(() => {});
    }
    session.dumpLogs();
  }
  await session.close();
  process.exit(code);
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

module.exports = { ROOT, Session, User, findFiles, makeLogger, runSession, sleep, waitForText };
