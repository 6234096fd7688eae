// In an untrusted workspace Codeward still analyses open files, but what the repository ships to weaken it is
// ignored: .codeward/config.json, and workspace settings that switch it or rules off or change what it reads. The
// workspace was prepared by runTest.ts before VS Code started, as a cloned repository would arrive.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codewardDiagnostics, openEditor, waitFor, waitForFinding, waitForNoFinding, workspaceUri,
} from '../suite/helpers';

describe('Workspace Trust: an untrusted workspace', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('is untrusted, and ships a config and workspace settings that would hide the finding', () => {
    // Without these the tests below would pass for the wrong reason.
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the workspace is trusted: code-server ran with --disable-workspace-trust?');
    const config = JSON.parse(fs.readFileSync(workspaceUri('.codeward', 'config.json').fsPath, 'utf8')) as { rules: Record<string, string> };
    assert.strictEqual(config.rules['code-injection'], 'off');
    // Read from disk: VS Code itself may hide restricted workspace values from inspect() in an untrusted workspace.
    const settings = JSON.parse(fs.readFileSync(workspaceUri('.vscode', 'settings.json').fsPath, 'utf8')) as Record<string, unknown>;
    assert.strictEqual(settings['codeward.enable'], false);
    assert.deepStrictEqual(settings['codeward.rules'], { 'code-injection': 'off' });
    assert.strictEqual(settings['codeward.maxFileSizeKb'], 100_000);
  });

  it('still analyses an open file, ignoring the repository config and the workspace settings', async () => {
    const { document } = await openEditor(workspaceUri('src', 'handler.js'));
    await waitForFinding(document.uri, 'code-injection');
  });

  it('keeps the user\'s own size limit: a workspace cannot raise it to make Codeward read more', async () => {
    await withUserSetting('maxFileSizeKb', 1, async () => {
      const { document } = await openEditor(workspaceUri('src', 'large.js'));
      assert.ok(document.getText().length > 1024, 'the fixture src/large.js must be larger than 1 KB');
      await waitFor('the size-limit note', () => codewardDiagnostics(document.uri).find((d) => /larger than maxFileSizeKb \(1 KB\)/.test(d.message)));
    });
  });

  it('still honours the user\'s own settings (the control: settings are read at all)', async () => {
    const { document } = await openEditor(workspaceUri('src', 'handler.js'));
    await waitForFinding(document.uri, 'code-injection');
    await withUserSetting('rules', { 'code-injection': 'off' }, async () => {
      await waitForNoFinding(document.uri, 'code-injection');
    });
    await waitForFinding(document.uri, 'code-injection');
  });
});

async function withUserSetting(key: string, value: unknown, body: () => Promise<void>): Promise<void> {
  const settings = vscode.workspace.getConfiguration('codeward');
  await settings.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    await body();
  } finally {
    await settings.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}
