// The sensitivity scope in the editor: the Scope view renders the declared classification, Initialise Scope File
// writes a file the core accepts, Mark Threat Model Reviewed updates the date, and a finding under a restricted path
// is a policy violation. The scope file and the restricted file are written here and removed afterwards, so the other
// suites keep seeing a workspace without a scope.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeValue, openEditor, REPO_ROOT, waitFor, waitForFinding, workspaceUri } from './helpers';

interface Snapshot {
  model?: {
    folder: string;
    scopeFile: { path: string; state: string; problems: string[] };
    classification: { declared?: string; inferred: string };
    frameworks: string[];
    aiPolicy?: { restrictedPaths: string[] };
    threatModel: { lastReviewed?: string };
    agentAccess: { name: string; files: string[]; violations: { ruleId: string; location: { path: string; line: number } }[] }[];
  };
  problem?: string;
  html?: string;
  renderedText?: string;
  visible: boolean;
}

const FIXTURES = path.join(REPO_ROOT, 'test', 'integration', 'fixtures', 'scope');

function snapshot(): Thenable<Snapshot> {
  return vscode.commands.executeCommand<Snapshot>('codeward.scopePanelSnapshot');
}

/** Waits until the Scope view has rendered something that satisfies `accept` (the model and the text it shows). */
async function waitForPanel(what: string, accept: (snapshot: Snapshot) => boolean, timeoutMs = 20_000): Promise<Snapshot> {
  let last: Snapshot | undefined;
  return waitFor(what, async () => {
    last = await snapshot();
    return accept(last) ? last : undefined;
  }, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}; the panel last showed: ${JSON.stringify({ ...last, model: last?.model && { ...last.model } }).slice(0, 1500)}`);
  });
}

function today(): string {
  const now = new Date();
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('Sensitivity scope', function () {
  this.timeout(60_000);
  const scopeFile = (): string => workspaceUri('.codeward', 'scope.json').fsPath;
  const billing = (): string => workspaceUri('src', 'billing').fsPath;

  const writeScope = (text: string): void => {
    fs.mkdirSync(path.dirname(scopeFile()), { recursive: true });
    fs.writeFileSync(scopeFile(), text);
  };

  before(async () => {
    await activateExtension();
    writeScope(fs.readFileSync(path.join(FIXTURES, 'scope.json'), 'utf8'));
    await vscode.commands.executeCommand('codeward.refreshScope');
  });

  after(async () => {
    // Removed before closing: the editors' copies of files this suite rewrote on disk may still be catching up.
    fs.rmSync(path.dirname(scopeFile()), { recursive: true, force: true });
    fs.rmSync(billing(), { recursive: true, force: true });
    await closeAllEditors();
    await vscode.commands.executeCommand('codeward.refreshScope');
  });

  it('opens the Scope view, which shows the declared classification', async () => {
    await vscode.commands.executeCommand('codeward.scope.focus');
    const shown = await waitForPanel('the Scope view to render the declared scope', (candidate) =>
      candidate.visible && candidate.model?.classification.declared === 'confidential' && /Declared\s*confidential/i.test(candidate.renderedText ?? ''));
    assert.strictEqual(shown.model?.scopeFile.state, 'valid');
    assert.deepStrictEqual(shown.model?.frameworks, ['PCI DSS', 'GDPR']);
    assert.deepStrictEqual(shown.model?.aiPolicy?.restrictedPaths, ['src/billing/**']);
    // What a user reads, not only the data behind it.
    for (const text of ['Classification', 'PCI DSS', 'src/billing/**', 'Threat model', '2025-01-15', 'Findings']) {
      assert.ok(shown.renderedText?.includes(text), `the panel shows "${text}": ${shown.renderedText}`);
    }
  });

  it("lists the repository's coding-agent settings and their violations under Agent access", async () => {
    const shown = await waitForPanel('the Agent access section', (candidate) => (candidate.model?.agentAccess.length ?? 0) > 0);
    const violations = shown.model?.agentAccess.flatMap((agent) => agent.violations) ?? [];
    assert.ok(
      violations.some((violation) => violation.ruleId === 'devcontainer-host-access' && violation.location.path === '.devcontainer/devcontainer.json' && violation.location.line === 5),
      `the privileged dev container is a violation: ${JSON.stringify(shown.model?.agentAccess)}`,
    );
    for (const text of ['Agent access', 'Dev containers', 'devcontainer-host-access']) {
      assert.ok(shown.renderedText?.includes(text), `the panel shows "${text}": ${shown.renderedText}`);
    }
  });

  it('gives the view a strict Content Security Policy: nothing remote, scripts only with the nonce', async () => {
    const { html } = await snapshot();
    assert.ok(html, 'the view has its document');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, `a CSP meta tag: ${html}`);
    const directives = new Map(csp.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    assert.deepStrictEqual(directives.get('default-src'), ["'none'"]);
    const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(directives.get('script-src')?.join(' ') ?? '')?.[1];
    assert.ok(nonce, `scripts only with a nonce: ${csp}`);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    assert.ok(scripts.length > 0 && scripts.every((tag) => tag.includes(`nonce="${nonce}"`) && / src="[^"]+"/.test(tag)), `every script is a file with the nonce: ${scripts}`);
    assert.ok(!/\son\w+=/.test(html), 'no inline event handlers');
    // Styles, fonts and images only from the extension's own resources (webview.cspSource: 'self' and VS Code's
    // resource origin), never inline or from elsewhere.
    const resources = directives.get('style-src') ?? [];
    assert.ok(resources.length > 0 && resources.every((source) => source === "'self'" || /^https:\/\/\*\.vscode-cdn\.net$/.test(source)), `style-src: ${resources}`);
    for (const directive of ['font-src', 'img-src']) assert.deepStrictEqual(directives.get(directive), resources, directive);
    assert.deepStrictEqual([...directives.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
  });

  it('reports a finding under a restricted path as a policy violation', async () => {
    fs.mkdirSync(billing(), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'charge.js'), path.join(billing(), 'charge.js'));
    const uri = vscode.Uri.file(path.join(billing(), 'charge.js'));
    await openEditor(uri);
    const diagnostic = await waitForFinding(uri, 'code-injection');
    assert.match(diagnostic.message, /Policy violation: AI edits are not allowed in 'src\/billing\/\*\*'/);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(codeValue(diagnostic), 'code-injection');
    await waitForPanel('the panel to count the policy violation', (candidate) => /1 in restricted paths \(policy violations\)/.test(candidate.renderedText ?? ''));
    await closeAllEditors();
  });

  it('makes a security warning in unreviewed inserted code an error, since the scope requires AI changes to be reviewed', async () => {
    const folder = workspaceUri('src', 'inserted-policy').fsPath;
    fs.mkdirSync(folder, { recursive: true });
    const uri = vscode.Uri.file(path.join(folder, 'check.js'));
    fs.writeFileSync(uri.fsPath, '');
    try {
      const editor = await openEditor(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), 'export function check(input) {\n  const pattern = /^(a+)+$/;\n  return pattern.test(input);\n}\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const raised = await waitFor('the regex-dos warning raised to an error in inserted code', () =>
        vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeValue(d) === 'regex-dos' && d.severity === vscode.DiagnosticSeverity.Error));
      assert.match(raised.message, /^In unreviewed inserted code: /);
      await vscode.commands.executeCommand('codeward.markInsertedCodeReviewed', uri);
      await waitFor('the warning back at its own severity once reviewed', () =>
        vscode.languages.getDiagnostics(editor.document.uri).find((d) => codeValue(d) === 'regex-dos' && d.severity === vscode.DiagnosticSeverity.Warning));
    } finally {
      await closeAllEditors();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('records a threat-model review: today\'s date and the note in the scope file', async () => {
    const date = await vscode.commands.executeCommand<string>('codeward.markThreatModelReviewed', { note: 'covered the billing routes' });
    assert.strictEqual(date, today());
    const written = JSON.parse(fs.readFileSync(scopeFile(), 'utf8'));
    assert.strictEqual(written.threatModel.lastReviewed, today());
    assert.strictEqual(written.threatModel.note, 'covered the billing routes');
    assert.strictEqual(written.threatModel.owner, '@acme/security', 'the rest of the file is kept');
    await waitForPanel('the panel to show the new review date', (candidate) => candidate.model?.threatModel.lastReviewed?.startsWith(today()) === true
      && (candidate.renderedText ?? '').includes(today()));
    await closeAllEditors();
  });

  it('shows an invalid scope file with the JSON path and reason', async () => {
    writeScope('{ "classification": "top-secret" }\n');
    const shown = await waitForPanel('the panel to show the invalid file', (candidate) =>
      candidate.model?.scopeFile.state === 'invalid' && /\.codeward\/scope\.json is invalid/.test(candidate.renderedText ?? ''));
    assert.ok(shown.model?.scopeFile.problems.some((problem) => problem.startsWith('$.classification')), JSON.stringify(shown.model?.scopeFile));
    assert.match(shown.renderedText ?? '', /\$\.classification/, 'the panel names the JSON path');
    assert.strictEqual(shown.model?.classification.declared, undefined, 'no declaration applies while the file is invalid');
  });

  it('initialises a scope file from given answers, and the core accepts it', async () => {
    const written = await vscode.commands.executeCommand<vscode.Uri>('codeward.initScope', {
      classification: 'internal',
      dataKinds: ['personal-data'],
      frameworks: ['GDPR'],
      aiEditsAllowed: true,
      reviewRequired: true,
      restrictedPaths: ['migrations/**'],
      overwrite: true,
    });
    assert.ok(written, 'the command returns the file it wrote');
    assert.strictEqual(written.fsPath, scopeFile());
    const file = JSON.parse(fs.readFileSync(scopeFile(), 'utf8'));
    assert.strictEqual(file.classification, 'internal');
    assert.deepStrictEqual(file.dataKinds, ['personal-data']);
    assert.deepStrictEqual(file.aiPolicy.restrictedPaths, ['migrations/**']);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, scopeFile(), 'the new file is opened');
    // The extension's own loader (the core's) judges the file.
    await waitForPanel('the panel to show the new declaration', (candidate) =>
      candidate.model?.scopeFile.state === 'valid' && candidate.model.classification.declared === 'internal' && /Declared\s*internal/i.test(candidate.renderedText ?? ''));
  });

  it('walks the guided flow (quick picks) pre-filled from the code when no answers are given', async () => {
    fs.rmSync(scopeFile(), { force: true });
    const { model } = await waitForPanel('the panel to see the file gone', (candidate) => candidate.model?.scopeFile.state === 'missing');
    const suggested = model?.classification.inferred;
    assert.ok(suggested, 'the code suggests a classification');
    let finished = false;
    const flow = Promise.resolve(vscode.commands.executeCommand<vscode.Uri | undefined>('codeward.initScope')).finally(() => { finished = true; });
    // A user pressing Enter at every step: the suggested classification, the data kinds seen in the code, no
    // framework, the first AI policy offered, no restricted path.
    for (let presses = 0; !finished && presses < 60; presses++) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const written = await flow;
    assert.strictEqual(written?.fsPath, scopeFile(), 'the flow wrote the scope file');
    const file = JSON.parse(fs.readFileSync(scopeFile(), 'utf8'));
    assert.strictEqual(file.classification, suggested, 'the suggested classification comes first');
    assert.deepStrictEqual(file.aiPolicy.restrictedPaths, []);
    await waitForPanel('the panel to show the new declaration', (candidate) =>
      candidate.model?.scopeFile.state === 'valid' && candidate.model.classification.declared === suggested);
  });

  it('refuses answers that are not a scope', async () => {
    const before = fs.readFileSync(scopeFile(), 'utf8');
    const written = await vscode.commands.executeCommand('codeward.initScope', { classification: 'secret', overwrite: true });
    assert.strictEqual(written, undefined);
    assert.strictEqual(fs.readFileSync(scopeFile(), 'utf8'), before, 'the file is left alone');
  });
});
