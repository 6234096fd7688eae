// Export SARIF writes a report the official validator accepts, covering files nobody opened and nothing hidden.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type * as Sarif from 'sarif';
import * as vscode from 'vscode';
import { activateExtension, removeGitIgnoredFixture, validateSarifFile, workspaceUri, writeGitIgnoredFixture } from './helpers';

/** Absolute path of a result's first location, resolved through the run's uriBaseIds. */
function resultPath(run: Sarif.Run, result: Sarif.Result): string | undefined {
  const artifact = result.locations?.[0]?.physicalLocation?.artifactLocation;
  if (!artifact?.uri) return undefined;
  const base = artifact.uriBaseId ? run.originalUriBaseIds?.[artifact.uriBaseId]?.uri : undefined;
  return fileURLToPath(new URL(artifact.uri, base));
}

describe('Export SARIF', () => {
  let ignored: vscode.Uri;
  let dir: string;
  before(async () => {
    await activateExtension();
    ignored = writeGitIgnoredFixture();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeward-export-'));
  });
  after(() => {
    removeGitIgnoredFixture();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('codeward.exportSarif writes a valid SARIF 2.1.0 file with the unopened file\'s finding', async function () {
    this.timeout(90_000); // the validator is a large .NET binary: its first start can take a while
    const target = vscode.Uri.file(path.join(dir, 'codeward.sarif'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('codeward.exportSarif', target);
    assert.strictEqual(written?.fsPath, target.fsPath, 'the command returns the file it wrote');
    assert.ok(fs.existsSync(target.fsPath), 'no SARIF file was written');

    const validation = validateSarifFile(target.fsPath);
    assert.deepStrictEqual(validation.errors, [], validation.output);
    assert.ok(validation.completed, `the validator did not complete:\n${validation.output}`);

    const log = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as Sarif.Log;
    assert.strictEqual(log.version, '2.1.0');
    const results = log.runs.flatMap((run) => (run.results ?? []).map((result) => ({ result, file: resultPath(run, result) })));
    const unopened = workspaceUri('src', 'unopened.js').fsPath;
    const finding = results.find(({ result, file }) => file === unopened && result.ruleId === 'code-injection');
    assert.ok(finding, `no code-injection result for ${unopened}; results: ${JSON.stringify(results.map(({ result, file }) => [result.ruleId, file]))}`);
    assert.strictEqual(finding.result.level, 'error');
    assert.strictEqual(finding.result.locations?.[0]?.physicalLocation?.region?.startLine, 6);

    const hidden = [ignored.fsPath, workspaceUri('hidden-by-files-exclude', 'eval.js').fsPath];
    assert.deepStrictEqual(results.filter(({ file }) => file !== undefined && hidden.includes(file)).map(({ file }) => file), [],
      'the report includes files that .gitignore or files.exclude hide');
  });
});
