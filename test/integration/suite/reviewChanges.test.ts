// Codeward: Review Changes lists the findings of a git repository's uncommitted change, grouped by file, with the
// total; the comparison chosen is remembered; a file marked reviewed leaves the total.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, commitAsNewRepository } from './helpers';

interface ReviewSummary {
  base: string;
  total: number;
  files: { path: string; reviewed: boolean; findings: { line: number; ruleId: string }[] }[];
}

const CLEAN = 'export const add = (a, b) => a + b;\n';
const EVAL = 'app.get("/calc", (req, res) => res.json(eval(req.query.expr)));\n';

describe('Review Changes', () => {
  let repository: string;

  before(async () => {
    await activateExtension();
    repository = fs.mkdtempSync(path.join(os.tmpdir(), 'codeward-review-'));
    fs.writeFileSync(path.join(repository, 'app.js'), CLEAN + EVAL.replace('/calc', '/old'));
    commitAsNewRepository(repository);
    // The uncommitted change: a new insecure line in a tracked file, and an untracked file.
    fs.writeFileSync(path.join(repository, 'app.js'), CLEAN + EVAL.replace('/calc', '/old') + EVAL);
    fs.writeFileSync(path.join(repository, 'new.js'), `${CLEAN}\n${EVAL}`);
  });
  after(() => fs.rmSync(repository, { recursive: true, force: true }));
  afterEach(closeAllEditors);

  const where = (summary: ReviewSummary | undefined): string[] =>
    (summary?.files ?? []).flatMap((file) => file.findings.map((finding) => `${file.path}:${finding.line} ${finding.ruleId}${file.reviewed ? ' reviewed' : ''}`));

  it('lists the findings on lines changed since HEAD, grouped by file, with the total', async () => {
    const summary = await vscode.commands.executeCommand<ReviewSummary>('codeward.reviewChanges', { base: 'head', folder: vscode.Uri.file(repository) });
    assert.deepStrictEqual(where(summary), ['app.js:3 code-injection', 'new.js:3 code-injection'], 'the committed eval on line 2 is not part of the change');
    assert.strictEqual(summary?.total, 2);
    assert.strictEqual(summary?.base, 'HEAD');
  });

  it('remembers the comparison and leaves a file marked reviewed out of the total', async () => {
    await vscode.commands.executeCommand('codeward.markReviewed', 'new.js');
    // No base given: the remembered one is used (a question would time the test out).
    const summary = await vscode.commands.executeCommand<ReviewSummary>('codeward.reviewChanges', { folder: vscode.Uri.file(repository) });
    assert.deepStrictEqual(where(summary), ['app.js:3 code-injection', 'new.js:3 code-injection reviewed']);
    assert.strictEqual(summary?.total, 1);

    // A reviewed mark holds only while the file's findings stay the same.
    fs.appendFileSync(path.join(repository, 'new.js'), EVAL.replace('/calc', '/more'));
    const changed = await vscode.commands.executeCommand<ReviewSummary>('codeward.reviewChanges', { folder: vscode.Uri.file(repository) });
    assert.deepStrictEqual(where(changed), ['app.js:3 code-injection', 'new.js:3 code-injection', 'new.js:4 code-injection']);
    assert.strictEqual(changed?.total, 3);
  });
});
