// Provenance in the editor: a snippet inserted in one edit (a paste, a completion, an agent's edit) or written to an
// open file by another process is "unreviewed inserted code" and its findings say so; the same snippet typed line by
// line, or brought in by a git checkout, is not; Mark Inserted Code Reviewed removes the mark.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codeValue, codewardDiagnostics, commitAsNewRepository, describeAll, git, openEditor, replaceAll, waitFor,
  waitForNoFinding, withWorkspaceSetting, workspaceUri,
} from './helpers';

const SNIPPET_LINES = [
  "import express from 'express';",
  'const app = express();',
  "app.get('/run', (req, res) => {",
  '  eval(req.query.code);',
  '});',
];
const SNIPPET = `${SNIPPET_LINES.join('\n')}\n`;
const MARK = /^In unreviewed inserted code: /;
const FOLDER = 'inserted-code';

function fixture(name: string, content = ''): vscode.Uri {
  const uri = workspaceUri(FOLDER, name);
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, content);
  return uri;
}

/** The code-injection diagnostic once its mark is as expected; the error shows what the diagnostics were instead. */
async function injectionFinding(uri: vscode.Uri, marked: boolean): Promise<vscode.Diagnostic> {
  return waitFor(`a ${marked ? 'marked' : 'unmarked'} code-injection diagnostic on ${uri.path}`, () =>
    codewardDiagnostics(uri).find((d) => codeValue(d) === 'code-injection' && MARK.test(d.message) === marked),
  ).catch((error: Error) => {
    throw new Error(`${error.message}; diagnostics now: ${describeAll(codewardDiagnostics(uri))}`);
  });
}

/** Asserts the mark stays as it is once any pending (debounced) analysis has run. */
async function settledMark(uri: vscode.Uri, marked: boolean): Promise<void> {
  await injectionFinding(uri, marked);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const findings = codewardDiagnostics(uri).filter((d) => codeValue(d) === 'code-injection');
  assert.strictEqual(findings.length, 1, describeAll(findings));
  assert.strictEqual(MARK.test(findings[0].message), marked, findings[0].message);
}

describe('inserted code', () => {
  before(activateExtension);
  afterEach(closeAllEditors);
  after(() => fs.rmSync(workspaceUri(FOLDER).fsPath, { recursive: true, force: true }));

  it('marks a finding in a snippet inserted in one edit, not in the same snippet typed line by line; Mark Reviewed clears it', async () => {
    const pasted = fixture('pasted.ts');
    const typed = fixture('typed.ts');

    await openEditor(pasted);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(pasted, new vscode.Position(0, 0), SNIPPET);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the workspace edit was not applied');
    const marked = await injectionFinding(pasted, true);
    assert.strictEqual(marked.range.start.line, 3);
    assert.match(marked.message, /eval\(\)/, 'the rule\'s own message follows the mark');

    const editor = await openEditor(typed);
    for (const line of SNIPPET_LINES) {
      const end = editor.document.positionAt(editor.document.getText().length);
      assert.ok(await editor.edit((builder) => builder.insert(end, `${line}\n`)), 'a typed line was not applied');
    }
    assert.strictEqual(editor.document.getText(), SNIPPET);
    await settledMark(typed, false);
    await settledMark(pasted, true);

    await vscode.commands.executeCommand('codeward.markInsertedCodeReviewed', pasted);
    await settledMark(pasted, false);
  });

  it('honours codeward.insertedCode.minLines: a five-line edit is not inserted code when six lines are needed', async () => {
    const pasted = fixture('below-threshold.ts');
    await openEditor(pasted);
    await withWorkspaceSetting('insertedCode.minLines', 6, async () => {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(pasted, new vscode.Position(0, 0), SNIPPET);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the workspace edit was not applied');
      await settledMark(pasted, false);
    });
  });

  it('marks what another process writes to an open, unmodified file', async () => {
    const written = fixture('written.ts', '// placeholder\n');
    const { document } = await openEditor(written);
    assert.ok(!document.isDirty);
    fs.writeFileSync(written.fsPath, SNIPPET);
    await waitFor('the editor to load the file written on disk', () => (document.getText() === SNIPPET ? true : undefined));
    await settledMark(written, true);

    await vscode.commands.executeCommand('codeward.markAllInsertedCodeReviewed');
    await settledMark(written, false);
  });

  it('does not mark text that Revert File brings back from the saved file', async () => {
    const reverted = fixture('reverted.ts', SNIPPET);
    const editor = await openEditor(reverted);
    await settledMark(reverted, false);
    await replaceAll(editor, '');
    await waitForNoFinding(reverted, 'code-injection');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('Revert File to restore the text', () => (editor.document.getText() === SNIPPET ? true : undefined));
    assert.ok(!editor.document.isDirty);
    await settledMark(reverted, false);
  });

  it('does not mark what a git checkout writes to an open file', async () => {
    const file = fixture(path.join('repo', 'app.ts'), '// placeholder\n');
    const repo = path.dirname(file.fsPath);
    commitAsNewRepository(repo, 'placeholder');
    git(repo, 'checkout', '-q', '-b', 'feature');
    fs.writeFileSync(file.fsPath, SNIPPET);
    git(repo, 'commit', '-q', '-am', 'handler');
    git(repo, 'checkout', '-q', 'main');

    const { document } = await openEditor(file);
    assert.strictEqual(document.getText(), '// placeholder\n');
    git(repo, 'checkout', '-q', 'feature');
    await waitFor('the editor to load the checked-out file', () => (document.getText() === SNIPPET ? true : undefined));
    await settledMark(file, false);
  });
});
