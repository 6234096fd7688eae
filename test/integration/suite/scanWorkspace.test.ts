// Scan Workspace reports findings in files nobody opened, and leaves out what .gitignore and files.exclude hide.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codewardDiagnostics, describeAll, removeGitIgnoredFixture, waitForFinding, workspaceUri,
  writeGitIgnoredFixture,
} from './helpers';

const isOpen = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());

describe('Scan Workspace', () => {
  let ignored: vscode.Uri;
  before(async () => {
    await activateExtension();
    ignored = writeGitIgnoredFixture();
  });
  after(removeGitIgnoredFixture);
  afterEach(closeAllEditors);

  it('publishes diagnostics for an unopened file and none for .gitignore\'d or files.exclude\'d ones', async () => {
    const unopened = workspaceUri('src', 'unopened.js');
    const excluded = workspaceUri('hidden-by-files-exclude', 'eval.js');
    for (const uri of [unopened, ignored, excluded]) {
      assert.ok(fs.existsSync(uri.fsPath), `fixture missing: ${uri.fsPath}`);
      assert.ok(!isOpen(uri), `${uri.path} must not be open for this test to mean anything`);
    }

    await vscode.commands.executeCommand('codeward.scanWorkspace');

    const found = await waitForFinding(unopened, 'code-injection');
    assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(found.range.start.line, 5);
    assert.strictEqual(found.range.start.character, '  eval('.indexOf('eval('), 'the diagnostic starts at the eval( call');
    assert.ok(!isOpen(unopened), 'the scan opened the file instead of reading it from disk');
    // Published in the same pass as the unopened file's, so no waiting is needed to see that these have none.
    assert.deepStrictEqual(codewardDiagnostics(ignored), [], `.gitignore'd file: ${describeAll(codewardDiagnostics(ignored))}`);
    assert.deepStrictEqual(codewardDiagnostics(excluded), [], `files.exclude'd file: ${describeAll(codewardDiagnostics(excluded))}`);
  });
});
