// Inserted-code provenance: an insecure snippet inserted in one edit is marked as unreviewed inserted code; the same
// snippet typed character by character is not; marking the file reviewed clears the mark.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openEditor, waitFor, waitForFinding, workspaceUri } from './helpers';

const SNIPPET = 'app.get("/calc", (req, res) => {\n  const value = eval(req.query.expr);\n  res.json(value);\n});\n';
const MARK = /unreviewed inserted code/;

describe('Inserted code', () => {
  const files = [workspaceUri('src', 'inserted-at-once.js'), workspaceUri('src', 'typed-by-hand.js')];
  before(async () => {
    await activateExtension();
    for (const uri of files) fs.writeFileSync(uri.fsPath, '// scratch\n');
  });
  after(() => files.forEach((uri) => fs.rmSync(uri.fsPath, { force: true })));
  afterEach(closeAllEditors);

  const endOf = (document: vscode.TextDocument): vscode.Position => document.positionAt(document.getText().length);

  it('marks a finding in a multi-line snippet inserted in one edit, and clears the mark when reviewed', async () => {
    const editor = await openEditor(files[0]);
    assert.ok(await editor.edit((edit) => edit.insert(endOf(editor.document), SNIPPET)));
    const marked = await waitFor('the inserted-code mark', () => {
      const found = vscode.languages.getDiagnostics(files[0]).find((d) => d.source === 'codeward' && MARK.test(d.message));
      return found;
    });
    assert.strictEqual(marked.range.start.line, 2);

    await vscode.commands.executeCommand('codeward.markInsertedCodeReviewed', files[0]);
    await waitFor('the mark to clear', () => {
      const diagnostics = vscode.languages.getDiagnostics(files[0]).filter((d) => d.source === 'codeward');
      return diagnostics.length > 0 && !diagnostics.some((d) => MARK.test(d.message)) ? true : undefined;
    });
  });

  it('does not mark the same snippet typed by hand', async () => {
    const editor = await openEditor(files[1]);
    for (const character of SNIPPET) {
      assert.ok(await editor.edit((edit) => edit.insert(endOf(editor.document), character)));
    }
    assert.strictEqual(editor.document.getText(), `// scratch\n${SNIPPET}`);
    const found = await waitForFinding(files[1], 'code-injection');
    assert.doesNotMatch(found.message, MARK);
  });
});
