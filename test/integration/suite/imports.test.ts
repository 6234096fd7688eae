// New imports in a real VS Code: in a git-tracked file, a typed typosquat is flagged and its quick fix puts the
// intended package; a newly added package that is neither declared nor installed is flagged as possibly hallucinated.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codeActionsAt, codeValue, codewardDiagnostics, commitAsNewRepository, openEditor, runActionCommand, waitFor,
  waitForFinding, workspaceFolder,
} from './helpers';

const COMMITTED = "import express from 'express';\n\nexport const app = express();\n";

describe('Supply-chain checks of new imports', () => {
  let repo: string;
  let file: vscode.Uri;

  before(async () => {
    await activateExtension();
    // A repository of its own inside the workspace: package.json declares express, which is installed.
    repo = path.join(workspaceFolder().uri.fsPath, 'supply-chain-repo');
    const write = (relative: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
      fs.writeFileSync(path.join(repo, relative), text);
    };
    write('package.json', `${JSON.stringify({ name: 'shop', private: true, dependencies: { express: '^4.19.0' } }, null, 2)}\n`);
    write('node_modules/express/package.json', `${JSON.stringify({ name: 'express', version: '4.19.2' })}\n`);
    // Installed only as express's dependency, declared nowhere: an undeclared dependency.
    write('node_modules/cookie/package.json', `${JSON.stringify({ name: 'cookie', version: '0.7.1' })}\n`);
    write('.gitignore', 'node_modules/\n');
    write('src/app.js', COMMITTED);
    commitAsNewRepository(repo);
    file = vscode.Uri.file(path.join(repo, 'src', 'app.js'));
  });

  after(async () => {
    await closeAllEditors();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('flags a typed typosquat and the quick fix replaces it with the intended package', async () => {
    const editor = await openEditor(file);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), "import x from 'expresss';\n"));
    const diagnostic = await waitForFinding(file, 'typosquat-package');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /^Possible typosquat of 'express': (New import|Import) of 'expresss'/);
    assert.strictEqual(editor.document.getText(diagnostic.range), "'expresss'");

    const actions = await codeActionsAt(file, () => codewardDiagnostics(file).find((d) => codeValue(d) === 'typosquat-package')?.range,
      (offered) => offered.some((action) => action.title.startsWith('Replace with express')));
    const replace = actions.find((action) => action.title.startsWith('Replace with express'))!;
    assert.ok(await runActionCommand<boolean>(replace), 'the fix was not applied');
    assert.strictEqual(editor.document.getText(), "import express from 'express';\nimport x from 'express';\n\nexport const app = express();\n");
    await waitFor('the typosquat diagnostic to clear', () => (codewardDiagnostics(file).some((d) => codeValue(d) === 'typosquat-package') ? undefined : true));
  });

  it('offers to declare an installed but undeclared package, and the fix writes it into package.json', async () => {
    const editor = await openEditor(file);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), "import cookie from 'cookie';\n"));
    const title = 'Add cookie@^0.7.1 to package.json dependencies';
    const actions = await codeActionsAt(file, () => codewardDiagnostics(file).find((d) => codeValue(d) === 'undeclared-dependency')?.range,
      (offered) => offered.some((action) => action.title.startsWith(title)));
    assert.ok(await runActionCommand<boolean>(actions.find((action) => action.title.startsWith(title))!), 'the fix was not applied');
    const manifest = vscode.workspace.textDocuments.find((document) => document.uri.fsPath === path.join(repo, 'package.json'));
    assert.ok(manifest, 'package.json is open with the edit');
    assert.deepStrictEqual(JSON.parse(manifest.getText()).dependencies, { cookie: '^0.7.1', express: '^4.19.0' });
    await manifest.save();
    await waitFor('the undeclared-dependency diagnostic to clear', () =>
      (codewardDiagnostics(file).some((d) => codeValue(d) === 'undeclared-dependency') ? undefined : true), 15_000);
    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, 1, 0)));
  });

  it('flags a newly added package that is neither declared nor installed as possibly hallucinated, and new', async () => {
    const editor = await openEditor(file);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), "import { sanitize } from 'express-sanitize-all';\n"));
    // The first analysis can run before git answered with the HEAD content; the label follows once it has.
    const diagnostic = await waitFor('a hallucinated-package diagnostic labelled new', () =>
      codewardDiagnostics(file).find((d) => codeValue(d) === 'hallucinated-package' && /New import of 'express-sanitize-all'/.test(d.message)), 15_000);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /^Possibly hallucinated package: New import of 'express-sanitize-all', which is not declared in package\.json and not installed\./);
    // express is committed at HEAD: never new, never flagged.
    assert.ok(!codewardDiagnostics(file).some((d) => /'express'/.test(d.message)), 'express was flagged');
  });
});
