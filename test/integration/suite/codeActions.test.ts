// Quick fixes in a real VS Code: the core's fix applies exactly, a suppression records its reason and clears the
// diagnostic, a fix computed for an older version of the document is refused, and the docs action opens the rule page.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, codeActionsAt, codeValue, codewardDiagnostics, describeAll, openEditor, runActionCommand, waitFor,
  waitForNoFinding, workspaceUri,
} from './helpers';

const RULE = 'tls-verification-disabled';
const ORIGINAL = [
  '// Codeward integration fixture: the code-actions suite fixes and suppresses the finding below (never saved).',
  "const https = require('https');",
  '',
  'const agent = new https.Agent({ rejectUnauthorized: false });',
  '',
  'module.exports = { agent };',
  '',
].join('\n');
const FIXED = ORIGINAL.replace('const agent = new https.Agent({ rejectUnauthorized: false });', 'const agent = new https.Agent({ rejectUnauthorized: true });');
const FINDING_LINE = 3;
const FLAGGED = 'rejectUnauthorized: false';
const REASON = 'test double talks to a local server with a self-signed certificate';

interface TlsActions {
  diagnostic: vscode.Diagnostic;
  fix: vscode.CodeAction;
  suppress: vscode.CodeAction;
  docs: vscode.CodeAction;
}

const byTitle = (actions: vscode.CodeAction[], test: (title: string) => boolean): vscode.CodeAction | undefined =>
  actions.find((action) => test(action.title));
const isFix = (title: string): boolean => title.startsWith("Set 'rejectUnauthorized' to true");
const isSuppress = (title: string): boolean => title === `Suppress ${RULE} for this line…`;
const isDocs = (title: string): boolean => title === `Show documentation for ${RULE}`;

/**
 * Asks VS Code for the code actions at the finding, as the light bulb does. The diagnostic is looked up on every try:
 * right after an edit or revert the previous version's diagnostic is still shown until the debounced analysis runs.
 */
async function tlsActions(document: vscode.TextDocument): Promise<TlsActions> {
  let diagnostic: vscode.Diagnostic | undefined;
  const actions = await codeActionsAt(document.uri, () => {
    diagnostic = codewardDiagnostics(document.uri).find((d) => codeValue(d) === RULE && document.getText(d.range) === FLAGGED);
    return diagnostic?.range;
  }, (offered) => [isFix, isSuppress, isDocs].every((test) => byTitle(offered, test) !== undefined)).catch((error: Error) => {
    throw new Error(`${error.message}; diagnostics now: ${describeAll(vscode.languages.getDiagnostics(document.uri))}`);
  });
  return {
    diagnostic: diagnostic!,
    fix: byTitle(actions, isFix)!,
    suppress: byTitle(actions, isSuppress)!,
    docs: byTitle(actions, isDocs)!,
  };
}

async function openFixture(): Promise<vscode.TextEditor> {
  const editor = await openEditor(workspaceUri('src', 'tls.js'));
  assert.strictEqual(editor.document.getText(), ORIGINAL, 'the fixture src/tls.js is not the text this suite expects');
  return editor;
}

describe('code actions', () => {
  before(activateExtension);
  afterEach(closeAllEditors);

  it('offers a review fix, a suppression and the docs for tls-verification-disabled', async () => {
    const { document } = await openFixture();
    const { diagnostic, fix, suppress, docs } = await tlsActions(document);

    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.range.start.line, FINDING_LINE);
    assert.strictEqual(document.getText(diagnostic.range), FLAGGED, 'the diagnostic covers the property');

    assert.match(fix.title, /^Set 'rejectUnauthorized' to true \(review: .+\)$/);
    assert.ok(!fix.isPreferred, 'a fix that needs review must not be the preferred (auto-applied) one');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `fix kind: ${fix.kind?.value}`);
    assert.strictEqual(fix.command?.command, 'codeward.applyFix');
    assert.strictEqual(suppress.command?.command, 'codeward.suppressFinding');
    assert.strictEqual(docs.command?.command, 'codeward.showRuleDocumentation');
    assert.deepStrictEqual(docs.command?.arguments, [RULE]);
  });

  it('applies the fix: the document becomes exactly the promised output and the diagnostic goes away', async () => {
    const { document } = await openFixture();
    const { fix } = await tlsActions(document);

    assert.strictEqual(await runActionCommand<boolean>(fix), true, 'codeward.applyFix reported failure');
    assert.strictEqual(document.getText(), FIXED);
    await waitForNoFinding(document.uri, RULE);
  });

  it('suppresses with a reason: inserts the comment above the line and the diagnostic goes away', async () => {
    const { document } = await openFixture();
    const { suppress } = await tlsActions(document);

    // The fifth argument is the reason; without it the command asks with an input box.
    assert.strictEqual(await runActionCommand<boolean>(suppress, REASON), true, 'codeward.suppressFinding reported failure');
    const lines = ORIGINAL.split('\n');
    lines.splice(FINDING_LINE, 0, `// codeward-ignore-next-line ${RULE} -- ${REASON}`);
    assert.strictEqual(document.getText(), lines.join('\n'));
    await waitForNoFinding(document.uri);
    assert.deepStrictEqual(codewardDiagnostics(document.uri), [], 'a suppression with a reason leaves no diagnostic at all');
  });

  it('refuses a fix or suppression computed for an older version of the document', async () => {
    const editor = await openFixture();
    const { document } = editor;
    const stale = await tlsActions(document);

    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// edited after the actions were computed\n')));
    const edited = document.getText();
    assert.strictEqual(await runActionCommand<boolean>(stale.fix), false, 'a stale fix must not be applied');
    assert.strictEqual(document.getText(), edited, 'a stale fix changed the text');
    assert.strictEqual(await runActionCommand<boolean>(stale.suppress, REASON), false, 'a stale suppression must not be applied');
    assert.strictEqual(document.getText(), edited, 'a stale suppression changed the text');

    // Actions computed for the current version work again.
    const fresh = await tlsActions(document);
    assert.strictEqual(fresh.diagnostic.range.start.line, FINDING_LINE + 1);
    assert.strictEqual(await runActionCommand<boolean>(fresh.fix), true);
    assert.strictEqual(document.getText(), `// edited after the actions were computed\n${FIXED}`);
  });

  it('opens the rule documentation from the docs action', async () => {
    const { document } = await openFixture();
    const { docs } = await tlsActions(document);

    await runActionCommand<void>(docs);
    await waitFor(`a tab for the ${RULE} docs`, () =>
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label.includes(RULE)));
  });
});
