// Agent settings in a real VS Code: a committed Claude Code settings file shows the agent-access diagnostic at the
// value, its quick fix rewrites the value, and Scan Workspace reports a dev container nobody opened.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codeActionsAt, codeValue, codewardDiagnostics, openEditor, runActionCommand, waitForFinding,
  waitForNoFinding, workspaceUri,
} from './helpers';

const RULE = 'agent-approval-disabled';
const ORIGINAL = [
  '{',
  '  "permissions": {',
  '    "defaultMode": "bypassPermissions",',
  '    "allow": ["Bash(npm run test:*)"]',
  '  }',
  '}',
  '',
].join('\n');
const isFix = (title: string): boolean => title.startsWith('Use "default"');

describe('agent settings', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('shows the diagnostic on the committed value of .claude/settings.json, and its quick fix applies', async () => {
    const editor = await openEditor(workspaceUri('.claude', 'settings.json'));
    const { document } = editor;
    assert.strictEqual(document.getText(), ORIGINAL, 'the fixture .claude/settings.json is not the text this suite expects');

    const diagnostic = await waitForFinding(document.uri, RULE);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(document.getText(diagnostic.range), '"bypassPermissions"');
    assert.deepStrictEqual([diagnostic.range.start.line, diagnostic.range.start.character], [2, 19]);
    assert.match(diagnostic.message, /^defaultMode "bypassPermissions" in committed settings/);

    const actions = await codeActionsAt(document.uri, () => codewardDiagnostics(document.uri).find((d) => codeValue(d) === RULE)?.range,
      (offered) => offered.some((action) => isFix(action.title)));
    const fix = actions.find((action) => isFix(action.title));
    assert.ok(fix, `no fix offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.match(fix.title, /review/);
    assert.ok(!actions.some((action) => action.title.startsWith('Suppress')), 'strict JSON has no comments to suppress with');
    await runActionCommand(fix);

    assert.strictEqual(document.getText(), ORIGINAL.replace('"bypassPermissions"', '"default"'));
    await waitForNoFinding(document.uri, RULE);
  });

  it('Scan Workspace reports agent settings in files nobody opened', async () => {
    const unopened = workspaceUri('.devcontainer', 'devcontainer.json');
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === unopened.toString()));
    await vscode.commands.executeCommand('codeward.scanWorkspace');
    const found = await waitForFinding(unopened, 'devcontainer-host-access');
    assert.strictEqual(found.range.start.line, 4);
    assert.match(found.message, /^"privileged": true gives the container every capability/);
  });
});
