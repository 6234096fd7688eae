#!/usr/bin/env node
// Packaged-extension test: the .vsix a user installs, not the repository's sources. Run through
// packaged.sh, which builds dist/codeward.vsix with `npm run package` first.
//
//   1. prints the sizes of dist/codeward.vsix and the bundles, and the package's file list
//   2. installs the .vsix into a fresh extensions folder with code-server's
//      `--install-extension <vsix> --extensions-dir <dir>`
//   3. asserts `--list-extensions --show-versions` lists codeward.codeward@<package.json version>
//   4. starts the workbench on that extensions folder, WITHOUT any extensionDevelopmentPath (so the
//      installed copy is the only Codeward there is), opens a JavaScript file with
//      eval(req.query.code) in a route handler through Quick Open and waits for Codeward's
//      code-injection problem in the Problems panel; checks that the extension host activated the
//      extension from the installed folder and that the Codeward output channel logged activation.
// Screenshots in test-output/packaged/. Exit code 0 on success, 1 on failure, 124 on
// CODEWARD_PACKAGED_TEST_TIMEOUT (default 180 s).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, User, findFiles, runSession, sleep, waitForText } = require('./workbench-driver');

const TIMEOUT_MS = Number(process.env.CODEWARD_PACKAGED_TEST_TIMEOUT || 180) * 1000;
const SHOTS = path.join(ROOT, 'test-output', 'packaged');
const VSIX = path.join(ROOT, 'dist', 'codeward.vsix');

function size(file) {
  const bytes = fs.statSync(file).size;
  return `${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB)`;
}

/** Names and sizes of a zip's entries, from its central directory (a .vsix is a zip). */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const compressed = buf.readUInt32LE(offset + 20);
    const uncompressed = buf.readUInt32LE(offset + 24);
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    entries.push({ name: buf.toString('utf8', offset + 46, offset + 46 + nameLength), compressed, uncompressed });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function test(session) {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  const expected = `${id}@${manifest.version}`;
  if (!fs.existsSync(VSIX)) throw new Error(`${path.relative(ROOT, VSIX)} is missing: run \`npm run package\` first`);

  // ---- 1. sizes and contents
  const main = path.join(ROOT, manifest.main);
  session.say(`size of dist/codeward.vsix: ${size(VSIX)}`);
  session.say(`size of ${path.relative(ROOT, main)}: ${size(main)}`);
  const entries = zipEntries(VSIX);
  session.say(`the package holds ${entries.length} files:\n${entries.map((e) => `    ${e.name} (${e.uncompressed} bytes, ${e.compressed} compressed)`).join('\n')}`);
  const names = new Set(entries.map((e) => e.name));
  const mainInPackage = `extension/${path.posix.normalize(manifest.main.replace(/^\.\//, ''))}`;
  assert.ok(names.has('extension/package.json'), 'the package holds extension/package.json');
  assert.ok(names.has(mainInPackage), `the package holds the main bundle ${mainInPackage}`);
  for (const entry of entries.filter((e) => /^extension\/dist\/.*\.js$/.test(e.name) && e.name !== mainInPackage)) {
    session.say(`size of ${entry.name.slice('extension/'.length)} (also in the package): ${size(path.join(ROOT, entry.name.slice('extension/'.length)))}`);
  }
  assert.ok(![...names].some((name) => /^extension\/(src|test|node_modules|\.tools)\//.test(name)), 'no sources, tests or node_modules in the package');
  // The Scope view loads these from the extension (its CSP allows nothing remote).
  for (const file of ['media/scope-panel.html', 'media/scope-panel.js', 'media/scope-panel.css', 'media/codeward-activity.svg', 'dist/codicons/codicon.css', 'dist/codicons/codicon.ttf']) {
    assert.ok(names.has(`extension/${file}`), `the package holds ${file}`);
  }

  // ---- 2. install into a fresh extensions folder
  const installStarted = Date.now();
  const install = await session.cli(['--install-extension', VSIX, '--force']);
  session.say(`installed in ${((Date.now() - installStarted) / 1000).toFixed(1)} s: ${install.stdout.trim().split('\n').pop()}`);
  assert.match(install.stdout, /successfully installed/i, 'code-server reports the installation');

  // ---- 3. listed with the version from package.json
  const listed = (await session.cli(['--list-extensions', '--show-versions'])).stdout.trim().split('\n').map((line) => line.trim().toLowerCase());
  session.say(`--list-extensions --show-versions: ${listed.join(', ')}`);
  assert.ok(listed.includes(expected), `--list-extensions lists ${expected}`);
  const installedDir = path.join(session.extensionsDir, `${id}-${manifest.version}`);
  assert.ok(fs.existsSync(path.join(installedDir, 'package.json')), `the extension is unpacked in ${installedDir}`);

  // ---- 4. the installed copy activates and publishes a diagnostic
  const workspace = path.join(session.tempDir, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'integration', 'screen-fixtures', 'workspace'), workspace, { recursive: true });
  await session.startServer({ cwd: workspace });
  const page = await session.openWorkbench({ folder: workspace }); // no extensionDevelopmentPath
  const user = new User(page, { shotsDir: SHOTS, say: session.say });
  await user.screenshot('workbench');
  assert.doesNotMatch(await page.title(), /Extension Development Host/, 'a normal window, not an extension development host');

  await user.quickOpen('server.js');
  await user.openProblems();
  const problems = await user.waitForProblems((rows) => rows.some((row) => row.includes('code-injection') && row.includes('codeward')));
  session.say(`Problems panel:\n    ${problems.join('\n    ')}`);
  assert.match(problems.find((row) => row.includes('code-injection')), /eval\(\).*\[Ln 7, Col 31\]/);
  await user.screenshot('problems-panel');

  // The extension host says where it activated Codeward from: the installed folder.
  const activation = await waitForLog(session, new RegExp(`_doActivateExtension ${id.replace(/\./g, '\\.')}\\b`));
  session.say(`extension host: ${activation.trim()}`);
  await user.focusEditor();
  await user.runCommand('Codeward: Show Output');
  await waitForText(page.locator('.part.panel'), /\] Codeward activated/, 'the Codeward output channel');
  await user.screenshot('output-channel');
  assertNoDevelopmentCopy(session);

  // What the user sees in the Extensions view: Codeward installed, at the packaged version.
  await user.runCommand('Extensions: Show Installed Extensions');
  const item = page.locator('.extensions-viewlet .extension-list-item', { hasText: manifest.displayName }).first();
  await item.waitFor({ state: 'visible', timeout: 20_000 });
  const itemText = (await item.innerText()).replace(/\s+/g, ' ');
  session.say(`Extensions view: ${itemText}`);
  await user.screenshot('extensions-view');
  // Its page (a click on the row) shows the installation: identifier, version, source VSIX.
  await item.click();
  const esc = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const details = await waitForText(page.locator('.extension-editor').first(),
    new RegExp(`Identifier\\s+${esc(id)}\\s+Version\\s+${esc(manifest.version)}\\b[\\s\\S]*Source\\s+VSIX`, 'i'), 'the extension page', 20_000);
  session.say(`extension page: ${/Identifier[\s\S]*?Size\s+\S+/i.exec(details)?.[0].replace(/\s+/g, ' ')}`);
  await user.screenshot('extension-page');
}

/** A line of the extension host's log matching `pattern` (the log is written asynchronously). */
async function waitForLog(session, pattern, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = findFiles(path.join(session.userDataDir, 'logs'), (name) => /exthost\.log$/.test(name))
      .map((file) => fs.readFileSync(file, 'utf8')).join('\n');
    const line = text.split('\n').find((candidate) => pattern.test(candidate));
    if (line) return line;
    await sleep(250);
  }
  throw new Error(`the extension host log never matched ${pattern}:\n${text.split('\n').slice(-30).join('\n')}`);
}

/** No copy of the extension was loaded from a development path: the installed one is the only Codeward. */
function assertNoDevelopmentCopy(session) {
  assert.ok(!session.serverLog.lines.some((line) => line.includes('Loading development extension')), 'no development extension was loaded');
}

void runSession('packaged', { timeoutMs: TIMEOUT_MS, shotsDir: SHOTS, test });
