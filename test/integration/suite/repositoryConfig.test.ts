// The repository's .codeward/config.json, written into the temporary workspace at run time (a broken one committed
// to the fixture would break the other suites). The workspace is not a git repository, so the file at the workspace
// root applies to every file below it, as for Scan Workspace and `codeward scan <folder>`; creating it with its folder,
// changing it and deleting the folder take effect on open documents at once; a broken file means the defaults.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { activateExtension, closeAllEditors, openEditor, waitForFinding, waitForNoFinding, workspaceUri } from './helpers';

function writeConfig(text: string): void {
  const file = workspaceUri('.codeward', 'config.json').fsPath;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('repository configuration', () => {
  before(activateExtension);
  afterEach(async () => {
    fs.rmSync(workspaceUri('.codeward').fsPath, { recursive: true, force: true });
    await closeAllEditors();
  });

  it('applies .codeward/config.json at the workspace root to open files, and falls back to defaults when it is broken', async () => {
    for (let dir = workspaceUri().fsPath; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      assert.ok(!fs.existsSync(path.join(dir, '.git')), `the temporary workspace is inside a git repository (${dir}): this test assumes not`);
    }
    const { document } = await openEditor(workspaceUri('src', 'handler.js'));
    await waitForFinding(document.uri, 'code-injection');

    writeConfig('{ "rules": { "code-injection": "off" } }\n'); // creates .codeward/ too
    await waitForNoFinding(document.uri, 'code-injection');

    writeConfig('{ "rules": { "code-injection": "off" }\n'); // not valid JSON: a warning, and the defaults
    await waitForFinding(document.uri, 'code-injection');

    writeConfig('{ "rules": { "code-injection": "off" } }\n');
    await waitForNoFinding(document.uri, 'code-injection');

    fs.rmSync(workspaceUri('.codeward').fsPath, { recursive: true, force: true });
    await waitForFinding(document.uri, 'code-injection');
  });
});
