// Shared helpers of the integration suites: activation, polling, diagnostics, code actions, editors, settings.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'codeward.codeward';
/** The repository root, from the compiled suite in out/test/integration/suite. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the test instance`);
  await extension.activate();
  assert.ok(extension.isActive);
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test instance opened no workspace folder');
  return folder;
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...segments);
}

export function codewardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'codeward');
}

export function codeValue(diagnostic: vscode.Diagnostic): string | number | undefined {
  const { code } = diagnostic;
  return typeof code === 'object' ? code.value : code;
}

export function describeAll(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ source: d.source, code: codeValue(d), line: d.range.start.line, severity: d.severity, message: d.message })));
}

/** Waits for a Codeward diagnostic of `ruleId` on `uri`; the error names what was there instead. */
export async function waitForFinding(uri: vscode.Uri, ruleId: string, timeoutMs = 10_000): Promise<vscode.Diagnostic> {
  return waitFor(`a ${ruleId} diagnostic on ${uri.path}`, () => codewardDiagnostics(uri).find((d) => codeValue(d) === ruleId), timeoutMs)
    .catch((error: Error) => {
      throw new Error(`${error.message}; diagnostics now: ${describeAll(vscode.languages.getDiagnostics(uri))}`);
    });
}

/** Waits until `uri` has no Codeward diagnostic of `ruleId` (any rule when omitted). */
export async function waitForNoFinding(uri: vscode.Uri, ruleId?: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(`no ${ruleId ?? 'Codeward'} diagnostic on ${uri.path}`, () =>
    codewardDiagnostics(uri).some((d) => ruleId === undefined || codeValue(d) === ruleId) ? undefined : true, timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; diagnostics now: ${describeAll(codewardDiagnostics(uri))}`);
  });
}

/**
 * `vscode.executeCodeActionProvider`, polled until `accept` is satisfied. The call can throw `Canceled` while the
 * workbench is still settling, and the extension offers nothing until its analysis matches the document's version.
 * `range` may be a function, re-evaluated on every try (undefined: not ready yet).
 */
export async function codeActionsAt(
  uri: vscode.Uri,
  range: vscode.Range | (() => vscode.Range | undefined),
  accept: (actions: vscode.CodeAction[]) => boolean,
  timeoutMs = 10_000,
): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  return waitFor('the expected code actions', async () => {
    const at = typeof range === 'function' ? range() : range;
    if (!at) return undefined;
    try {
      last = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at)) ?? [];
    } catch (error) {
      if ((error as Error)?.message === 'Canceled' || (error as Error)?.name === 'Canceled') return undefined;
      throw error;
    }
    return accept(last) ? last : undefined;
  }, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message}; actions last offered: ${JSON.stringify(last.map((action) => action.title))}`);
  });
}

/** Runs a code action's command exactly as the editor would when the user picks it; extra arguments are appended. */
export async function runActionCommand<T>(action: vscode.CodeAction, ...extra: unknown[]): Promise<T> {
  assert.ok(action.command, `the action "${action.title}" has no command`);
  return vscode.commands.executeCommand<T>(action.command.command, ...(action.command.arguments ?? []), ...extra);
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

export async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
  const { document } = editor;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  assert.ok(await editor.edit((edit) => edit.replace(whole, text)), 'the edit was not applied');
  assert.strictEqual(document.getText(), text);
}

/**
 * Puts every workspace file back to its text on disk and discards other unsaved documents (so no save prompt can
 * block), then closes all editors. A file's text is restored explicitly: Revert can fall back to a "soft" revert
 * that only clears the dirty flag, and an editor closed that way leaves the edited text in the document.
 */
/** Whether a dirty document becomes clean by itself: VS Code writes user settings through a model it then saves. */
async function savedSoon(document: vscode.TextDocument): Promise<boolean> {
  for (let waited = 0; waited < 3_000 && document.isDirty; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return !document.isDirty;
}

/** Shows and reverts a dirty document; once more if the workbench opened another editor in between. */
async function revertAndClose(document: vscode.TextDocument): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      return;
    } catch (error) {
      if (attempt >= 3 || !/another editor opened in the meantime/.test(String(error))) throw error;
    }
  }
}

export async function closeAllEditors(): Promise<void> {
  const folder = workspaceFolder().uri.fsPath + path.sep;
  for (const document of vscode.workspace.textDocuments) {
    if (document.isClosed) continue;
    const { uri } = document;
    if (uri.scheme === 'file' && uri.fsPath.startsWith(folder) && fs.existsSync(uri.fsPath)) {
      const disk = fs.readFileSync(uri.fsPath, 'utf8');
      if (document.getText() !== disk) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), disk);
        assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${uri.fsPath}`);
      }
      if (document.isDirty) await document.save();
    } else if (document.isDirty && !(await savedSoon(document))) {
      await revertAndClose(document);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets a codeward.* setting in the workspace for the duration of `body`, then removes it again. */
export async function withWorkspaceSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('codeward');
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration('codeward').update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

/** A file under the fixture's .gitignore'd folder, written at run time: committed, git would leave it out of the repository too. */
export function writeGitIgnoredFixture(): vscode.Uri {
  const uri = workspaceUri('ignored-by-git', 'eval.js');
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, "// Ignored by the workspace's .gitignore: Scan Workspace must leave it out.\napp.get('/run', (req, res) => { eval(req.query.code); });\n");
  return uri;
}

export function removeGitIgnoredFixture(): void {
  fs.rmSync(workspaceUri('ignored-by-git').fsPath, { recursive: true, force: true });
}

export interface SarifValidation {
  errors: string[];
  completed: boolean;
  output: string;
}

/** Validates a SARIF file with the official validator, as test/helpers/sarif-validator.ts does for the unit tests. */
export function validateSarifFile(file: string): SarifValidation {
  // The platform binary directly: the package's bin.js goes through a shell, which mangles `;` in arguments.
  const validator = path.join(REPO_ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');
  assert.ok(fs.existsSync(validator), `the SARIF validator is missing: ${validator}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeward-sarif-validation-'));
  try {
    const run = spawnSync(validator, ['validate', file, '-o', path.join(dir, 'validation.sarif'), '--log', 'ForceOverwrite'], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      timeout: 60_000,
    });
    // The validator exits 0 even for invalid files: its verdict is in the printed lines.
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}${run.error ? `\n${run.error.message}` : ''}`;
    return {
      errors: output.split('\n').filter((line) => line.includes(': error ')),
      completed: output.includes('Analysis completed successfully'),
      output,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git init` with a test identity and unsigned commits (CI machines have none), then one commit of what is there. */
export function commitAsNewRepository(cwd: string, message = 'initial'): void {
  git(cwd, 'init', '-q', '-b', 'main');
  git(cwd, 'config', 'user.name', 'Codeward Tests');
  git(cwd, 'config', 'user.email', 'tests@codeward.invalid');
  git(cwd, 'config', 'commit.gpgsign', 'false');
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', message);
}
