// Change scans (`scan --diff <ref>`, `--staged`), suppression-added in them, and `--format markdown` (docs/cli.md).
import { strict as assert } from 'node:assert';
import { cli, json } from '../helpers/cli';
import { parseUnifiedDiff } from '../../src/core/git';
import { escapeCell } from '../../src/core/report/markdown';
import { TOOL_VERSION } from '../../src/core/docs';
import type { JsonReport } from '../../src/core/report/json';
import { createWorkspace, Workspace } from '../helpers/workspace';
import { committedRepository, runGit } from '../helpers/git-repo';

const HANDLER = 'app.get("/x", (req, res) => {\n  res.json(eval(req.query.expr));\n});\n';
const SECOND = 'app.get("/y", (req, res) => {\n  res.json(eval(req.query.other));\n});\n';
const SUPPRESSED = 'app.get("/z", (req, res) => {\n  // codeward-ignore-next-line code-injection -- sandboxed calculator\n  res.json(eval(req.query.sum));\n});\n';


const where = (report: JsonReport): string[] => report.findings.map((finding) => `${finding.path}:${finding.line} ${finding.ruleId}`);

function git(workspace: Workspace, ...args: string[]): string {
  return runGit(workspace.root, ...args);
}

const repository = (files: Record<string, string>): Workspace => committedRepository(files);

describe('change scans', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  describe('--diff <ref>', () => {
    it('reports only findings on lines added since the ref', async () => {
      workspace = repository({ 'a.js': HANDLER, 'old.js': HANDLER, 'broken.ts': 'const = ;\n' });
      workspace.write('a.js', HANDLER + SECOND);
      assert.deepEqual(where(await json(['scan', workspace.root])), ['a.js:2 code-injection', 'a.js:5 code-injection', 'old.js:2 code-injection']);

      const report = await json(['scan', workspace.root, '--diff', 'HEAD']);
      assert.deepEqual(where(report), ['a.js:5 code-injection']);
      assert.deepEqual(report.notes, [], 'notes of unchanged files are left out');
      assert.equal(report.summary.filesScanned, 1);
      assert.deepEqual(Object.keys(report), ['schemaVersion', 'tool', 'root', 'summary', 'findings', 'notes'], 'JSON shape unchanged');

      const text = await cli(['scan', workspace.root, '--diff', 'HEAD']);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /\nChanges since HEAD: 1 finding \(1 errors, 0 warnings, 0 info\), 0 suppressed, 1 files scanned, 0 skipped\n$/);
    });

    it('counts changed lines, not moved context: a changed line is reported, an untouched one is not', async () => {
      workspace = repository({ 'a.js': HANDLER + SECOND });
      workspace.write('a.js', HANDLER + SECOND.replace('req.query.other', 'req.query.changed'));
      assert.deepEqual(where(await json(['scan', workspace.root, '--diff', 'HEAD'])), ['a.js:5 code-injection']);
    });

    it('reports every finding of an untracked file, and nothing for a clean tree', async () => {
      workspace = repository({ 'a.js': HANDLER });
      assert.deepEqual(where(await json(['scan', workspace.root, '--diff', 'HEAD'])), []);
      assert.equal((await cli(['scan', workspace.root, '--diff', 'HEAD'])).code, 0);
      workspace.write('src/new.js', HANDLER + SECOND);
      assert.deepEqual(where(await json(['scan', workspace.root, '--diff', 'HEAD'])), ['src/new.js:2 code-injection', 'src/new.js:5 code-injection']);
    });

    it('ignores deleted files and lists skips only for changed files', async () => {
      workspace = repository({ 'a.js': HANDLER, 'gone.js': HANDLER, 'dist/old.js': HANDLER });
      git(workspace, 'rm', '-q', 'gone.js');
      let report = await json(['scan', workspace.root, '--diff', 'HEAD']);
      assert.deepEqual([report.findings.length, report.notes.length], [0, 0]);
      workspace.write('dist/new.js', HANDLER);
      report = await json(['scan', workspace.root, '--diff', 'HEAD']);
      assert.deepEqual(report.notes.map((note) => note.path), ['dist']);
    });

    it('compares with an older commit', async () => {
      workspace = repository({ 'a.js': HANDLER });
      const first = git(workspace, 'rev-parse', 'HEAD').trim();
      workspace.write('a.js', HANDLER + SECOND);
      git(workspace, 'commit', '-q', '-am', 'second');
      assert.deepEqual(where(await json(['scan', workspace.root, '--diff', 'HEAD'])), []);
      assert.deepEqual(where(await json(['scan', workspace.root, '--diff', first])), ['a.js:5 code-injection']);
    });

    it('exits 2 with one line on a missing ref, and outside a git repository', async () => {
      workspace = repository({ 'a.js': HANDLER });
      const missing = await cli(['scan', workspace.root, '--diff', 'no-such-branch']);
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, "codeward: git: unknown revision 'no-such-branch'\n");
      const option = await cli(['scan', workspace.root, '--diff=--output=x']);
      assert.equal(option.code, 2);
      assert.equal(option.stderr, "codeward: git: unknown revision '--output=x'\n");

      workspace.remove();
      workspace = createWorkspace({ 'a.js': HANDLER });
      const outside = await cli(['scan', workspace.root, '--diff', 'HEAD']);
      assert.equal(outside.code, 2);
      assert.match(outside.stderr, /^codeward: git: not a git repository[^\n]*\n$/);
      const staged = await cli(['scan', workspace.root, '--staged']);
      assert.equal(staged.code, 2);
      assert.match(staged.stderr, /^codeward: git: not a git repository[^\n]*\n$/);
    });

    it('refuses --diff with --staged, and --fix with either', async () => {
      workspace = repository({ 'a.js': HANDLER });
      for (const args of [['--diff', 'HEAD', '--staged'], ['--diff', 'HEAD', '--fix'], ['--staged', '--fix']]) {
        const result = await cli(['scan', workspace.root, ...args]);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, /^codeward: [^\n]+\n$/);
      }
    });
  });

  describe('--staged', () => {
    it('sees the staged content of files, not the working tree, and no untracked files', async () => {
      workspace = repository({ 'a.js': HANDLER });
      workspace.write('a.js', HANDLER + SECOND);
      git(workspace, 'add', 'a.js');
      // Unstaged edits: a new first line shifts the working tree, another flaw is added at the end.
      workspace.write('a.js', `// unstaged\n${HANDLER}${SECOND}${SECOND.replace('/y', '/w')}`);
      workspace.write('untracked.js', HANDLER);
      assert.deepEqual(where(await json(['scan', workspace.root, '--staged'])), ['a.js:5 code-injection']);
    });

    it('reports a newly staged file whole, in a repository without commits too', async () => {
      workspace = createWorkspace({ 'a.js': HANDLER });
      git(workspace, 'init', '-q');
      git(workspace, 'add', 'a.js');
      assert.deepEqual(where(await json(['scan', workspace.root, '--staged'])), ['a.js:2 code-injection']);
    });
  });

  describe('suppression-added', () => {
    it('reports a suppression added in the change, not one already committed, and never in a full scan', async () => {
      workspace = repository({ 'a.js': SUPPRESSED });
      workspace.write('a.js', SUPPRESSED + SUPPRESSED.replace('/z', '/v'));
      const report = await json(['scan', workspace.root, '--diff', 'HEAD']);
      assert.deepEqual(
        report.findings.map((finding) => `${finding.line} ${finding.ruleId} ${finding.severity}${finding.suppressed ? ' suppressed' : ''}`),
        ['6 suppression-added warning', '7 code-injection error suppressed'],
      );
      assert.match(report.findings[0].message, /silences code-injection on the next line \(reason: "sandboxed calculator"\)/);
      assert.deepEqual(report.findings[0].cwe, []);
      assert.equal((await cli(['scan', workspace.root, '--diff', 'HEAD', '--fail-on', 'warning'])).code, 1);

      const full = await json(['scan', workspace.root, '--fail-on', 'warning']);
      assert.deepEqual(full.findings.map((finding) => finding.ruleId), ['code-injection', 'code-injection']);
    });

    it('honours --rule suppression-added=off in a change scan', async () => {
      workspace = repository({ 'a.js': HANDLER });
      workspace.write('a.js', SUPPRESSED);
      const report = await json(['scan', workspace.root, '--diff', 'HEAD', '--rule', 'suppression-added=off']);
      assert.deepEqual(report.findings.map((finding) => finding.ruleId), ['code-injection']);
    });
  });
});

describe('--format markdown', () => {
  let workspace: Workspace;
  afterEach(() => workspace?.remove());

  it('summarises counts, a table of findings linked to their docs, notes and the version', async () => {
    workspace = repository({ 'src/a.js': HANDLER });
    workspace.write('src/a.js', HANDLER + SECOND);
    workspace.write('src/broken.ts', 'const = ;\n');
    const result = await cli(['scan', workspace.root, '--diff', 'HEAD', '--format', 'markdown']);
    assert.equal(result.code, 1);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], '### Codeward: 1 finding (1 error, 0 warnings, 0 info)');
    assert.equal(lines[2], 'Scanned changes since HEAD · 2 files · 0 suppressed · 1 note');
    const header = lines.indexOf('| Location | Rule | Severity | Message |');
    assert.ok(header > 0, result.stdout);
    assert.equal(lines[header + 1], '| --- | --- | --- | --- |');
    assert.match(
      lines[header + 2],
      /^\| \[src\/a\.js:5\]\(src\/a\.js#L5\) \| \[code-injection\]\(https:\/\/github\.com\/codeward\/codeward\/blob\/main\/docs\/rules\/code-injection\.md\) \| error \| eval\(\) runs user input as code[^|]* \|$/,
    );
    assert.equal(lines[header + 3], '');
    assert.ok(result.stdout.endsWith(`<sub>Codeward ${TOOL_VERSION}</sub>\n`));
  });

  it('says so when there is nothing to report', async () => {
    workspace = createWorkspace({ 'a.ts': 'export const x = 1;\n' });
    const result = await cli(['scan', workspace.root, '--format', 'markdown']);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `### Codeward: 0 findings (0 errors, 0 warnings, 0 info)\n\nScanned · 1 file · 0 suppressed · 0 notes\n\nNo unsuppressed findings.\n\n<sub>Codeward ${TOOL_VERSION}</sub>\n`);
  });

  it('escapes table cells: pipes, newlines, markdown and HTML', () => {
    assert.equal(escapeCell('a | b\nc\r\nd'), 'a \\| b<br>c<br>d');
    assert.equal(escapeCell('<img src=x> *x* `y` [z](u) \\|'), '\\<img src=x\\> \\*x\\* \\`y\\` \\[z\\](u) \\\\\\|');
  });
});

describe('git diff parsing', () => {
  it('takes new-side ranges, skips deletions-only hunks and deleted files, follows renames and quoted names', () => {
    const diff = [
      'diff --git a/a.ts b/a.ts',
      'index 1..2 100644',
      '--- a/a.ts',
      '+++ b/a.ts',
      '@@ -3,0 +4,2 @@ function f() {',
      '+++ this added line starts with two pluses',
      '+x',
      '@@ -10,2 +11,0 @@',
      '-gone',
      '-gone',
      '@@ -20 +20 @@',
      '-old',
      '+new',
      'diff --git a/old.ts b/new.ts',
      'similarity index 90%',
      'rename from old.ts',
      'rename to new.ts',
      '--- a/old.ts',
      '+++ b/new.ts',
      '@@ -1 +1,3 @@',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      'diff --git "a/sp ace\\303\\251.ts" "b/sp ace\\303\\251.ts"',
      '--- "a/sp ace\\303\\251.ts"',
      '+++ "b/sp ace\\303\\251.ts"',
      '@@ -0,0 +1 @@',
      '',
    ].join('\n');
    assert.deepEqual([...parseUnifiedDiff(diff)], [
      ['a.ts', [[4, 5], [20, 20]]],
      ['new.ts', [[1, 3]]],
      ['sp aceé.ts', [[1, 1]]],
    ]);
  });
});
