// The extension, running in a real VS Code, publishes Codeward diagnostics as the user types and
// withdraws them when the code is fixed.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codewardDiagnostics, replaceAll, waitForFinding, waitForNoFinding, workspaceFolder } from './helpers';

const RISKY = "app.get('/x', (req, res) => { eval(req.query.code); });";
const FIXED = "app.get('/x', (req, res) => { res.send('ok'); });";

async function checkFlagsAndClears(editor: vscode.TextEditor): Promise<void> {
  const uri = editor.document.uri;
  await replaceAll(editor, RISKY);

  const found = await waitForFinding(uri, 'code-injection');
  assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Error);
  assert.strictEqual(found.range.start.line, 0);
  assert.strictEqual(found.range.start.character, RISKY.indexOf('eval('), 'the diagnostic starts at the eval( call');
  assert.ok(typeof found.code === 'object' && found.code.target instanceof vscode.Uri, 'the code links to the rule docs');
  assert.match(found.message, /eval\(\)/);

  await replaceAll(editor, FIXED);
  await waitForNoFinding(uri, 'code-injection');
  assert.deepStrictEqual(codewardDiagnostics(uri), []);
}

describe('diagnostics', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('flags eval(req.query.code) in an untitled TypeScript document and clears it once fixed', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'typescript', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    assert.strictEqual(document.uri.scheme, 'untitled');
    await checkFlagsAndClears(editor);
  });

  it('flags and clears the same in a workspace file', async () => {
    const folder = workspaceFolder();
    if (process.env.CODEWARD_INTEGRATION_WORKSPACE) {
      assert.strictEqual(path.resolve(folder.uri.fsPath), path.resolve(process.env.CODEWARD_INTEGRATION_WORKSPACE));
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'routes.ts'));
    const editor = await vscode.window.showTextDocument(document);
    assert.strictEqual(document.uri.scheme, 'file');
    await checkFlagsAndClears(editor);
  });
});
