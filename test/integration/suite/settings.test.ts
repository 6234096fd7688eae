// codeward.* settings take effect on open documents at once, and undoing them brings the findings back.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codewardDiagnostics, describeAll, openEditor, waitFor, waitForFinding, waitForNoFinding,
  withWorkspaceSetting, workspaceUri,
} from './helpers';

describe('settings', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('codeward.rules { "code-injection": "off" } withdraws the diagnostic from an open document', async () => {
    const { document } = await openEditor(workspaceUri('src', 'handler.js'));
    await waitForFinding(document.uri, 'code-injection');

    await withWorkspaceSetting('rules', { 'code-injection': 'off' }, async () => {
      await waitForNoFinding(document.uri, 'code-injection');
      assert.deepStrictEqual(codewardDiagnostics(document.uri), []);
    });
    await waitForFinding(document.uri, 'code-injection');
  });

  it('codeward.maxFileSizeKb 1 skips a larger file with one informational note', async () => {
    const { document } = await openEditor(workspaceUri('src', 'large.js'));
    assert.ok(document.getText().length > 1024, 'the fixture src/large.js must be larger than 1 KB');
    await waitForFinding(document.uri, 'code-injection');

    await withWorkspaceSetting('maxFileSizeKb', 1, async () => {
      const skipped = await waitFor('only the "skipped" note', () => {
        const diagnostics = codewardDiagnostics(document.uri);
        return diagnostics.length === 1 && diagnostics[0].severity === vscode.DiagnosticSeverity.Information ? diagnostics[0] : undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; diagnostics now: ${describeAll(codewardDiagnostics(document.uri))}`);
      });
      assert.match(skipped.message, /larger than maxFileSizeKb/);
      assert.strictEqual(skipped.range.start.line, 0);
    });
    await waitForFinding(document.uri, 'code-injection');
    assert.ok(!codewardDiagnostics(document.uri).some((d) => /larger than maxFileSizeKb/.test(d.message)), 'the note outlived the setting');
  });
});
