// Show Rule Documentation opens the bundled docs page of a rule in the markdown preview (offline, no browser).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, REPO_ROOT, waitFor } from './helpers';

function tabsLabelled(text: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label.includes(text));
}

describe('rule documentation', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('codeward.showRuleDocumentation code-injection opens its docs in the markdown preview', async () => {
    assert.deepStrictEqual(tabsLabelled('code-injection'), [], 'a code-injection tab was open before the command ran');
    await vscode.commands.executeCommand('codeward.showRuleDocumentation', 'code-injection');

    const tab = await waitFor('a tab whose label names code-injection', () => tabsLabelled('code-injection')[0]);
    // The markdown preview is a webview ("Preview code-injection.md"), not a text editor on the file.
    assert.ok(tab.input instanceof vscode.TabInputWebview, `the tab "${tab.label}" is not a preview: ${JSON.stringify(tab.input)}`);
    assert.match(tab.input.viewType, /markdown\.preview/);
    // The preview renders the bundled page itself, which the markdown extension reads as a document.
    const page = await waitFor('the bundled docs/rules/code-injection.md to be loaded', () =>
      vscode.workspace.textDocuments.find((document) => document.uri.path.endsWith('/docs/rules/code-injection.md')));
    assert.strictEqual(page.uri.fsPath, path.join(REPO_ROOT, 'docs', 'rules', 'code-injection.md'));
    assert.match(page.getText(), /^# code-injection\n/, 'the page starts with the rule id as its heading');
  });
});
