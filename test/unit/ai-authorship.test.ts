// AI authorship in change scans: trailers, authors and agent branches mark the commits; blame marks their lines.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import type * as Sarif from 'sarif';
import { cli, json } from '../helpers/cli';
import type { Workspace } from '../helpers/workspace';
import { committedRepository } from '../helpers/git-repo';
import { validateSarif } from '../helpers/sarif-validator';
import { agentOfBranch, agentOfIdentity, declaredAuthorship } from '../../src/core/review/authorship';

const EVAL = (name: string): string => `app.get("/${name}", (req, res) => res.json(eval(req.query.${name})));\n`;
const CLEAN = 'export const add = (a, b) => a + b;\n';

describe('AI authorship', () => {
  describe('identities, trailers and branches', () => {
    it('recognises the assistants by their documented addresses and names', () => {
      const cases: [string, string | undefined][] = [
        ['Copilot <175728472+Copilot@users.noreply.github.com>', 'Copilot'],
        ['copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>', 'Copilot'],
        ['Claude <noreply@anthropic.com>', 'Claude'],
        ['Claude Opus 4.5 <noreply@anthropic.com>', 'Claude'],
        ['Codex <noreply@openai.com>', 'Codex'],
        ['chatgpt-codex-connector[bot] <199175422+chatgpt-codex-connector[bot]@users.noreply.github.com>', 'Codex'],
        ['Cursor Agent <cursoragent@cursor.com>', 'Cursor'],
        ['aider (gpt-4o) <noreply@aider.chat>', 'Aider'],
        ['Jane Doe (aider) <jane@example.com>', 'Aider'],
        ['devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>', 'Devin'],
        ['gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>', 'Gemini'],
        ['google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>', 'Jules'],
        ['amazon-q-developer[bot] <208079219+amazon-q-developer[bot]@users.noreply.github.com>', 'Amazon Q'],
        ['openhands <openhands@all-hands.dev>', 'OpenHands'],
        // People who share a name with an assistant are not assistants.
        ['Claude Dupont <claude@dupont.example>', undefined],
        ['Devin Smith <devin@acme.example>', undefined],
        ['Gemini Rao <gemini.rao@example.com>', undefined],
        ['Jane Doe <jane@example.com>', undefined],
      ];
      for (const [identity, agent] of cases) assert.equal(agentOfIdentity(identity), agent, identity);
    });

    it('reads Co-authored-by trailers in any case, then the author', () => {
      const commit = { commit: 'c1', parents: ['p'], author: 'Jane Doe <jane@example.com>', message: 'Fix login\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n' };
      assert.deepEqual(declaredAuthorship(commit), { agent: 'Claude', commit: 'c1', signal: 'Co-authored-by: Claude <noreply@anthropic.com>' });
      assert.deepEqual(declaredAuthorship({ ...commit, message: 'Fix\n\nco-authored-by: Bob <bob@example.com>\n' }), undefined);
      assert.deepEqual(declaredAuthorship({ ...commit, message: 'Fix', author: 'Cursor Agent <cursoragent@cursor.com>' })?.signal, 'author Cursor Agent <cursoragent@cursor.com>');
      assert.equal(declaredAuthorship({ ...commit, message: 'Mention Co-authored-by: Claude <noreply@anthropic.com> inline' }), undefined, 'a trailer starts its line');
    });

    it('maps agent branch names', () => {
      assert.equal(agentOfBranch('copilot/fix-login'), 'Copilot');
      assert.equal(agentOfBranch('codex/add-tests'), 'Codex');
      assert.equal(agentOfBranch('claude/issue-12'), 'Claude');
      assert.equal(agentOfBranch('cursor/refactor'), 'Cursor');
      assert.equal(agentOfBranch('devin/1712-fix'), 'Devin');
      assert.equal(agentOfBranch('refs/heads/copilot/x'), 'Copilot');
      assert.equal(agentOfBranch('origin/codex/x'), 'Codex');
      assert.equal(agentOfBranch('feature/copilot'), undefined);
      assert.equal(agentOfBranch('main'), undefined);
    });
  });

  describe('in `scan --diff`', () => {
    let workspace: Workspace;
    let headRef: string | undefined;
    beforeEach(() => {
      // GitHub Actions sets it for pull requests; these tests choose their branch themselves.
      headRef = process.env.GITHUB_HEAD_REF;
      delete process.env.GITHUB_HEAD_REF;
    });
    afterEach(() => {
      if (headRef !== undefined) process.env.GITHUB_HEAD_REF = headRef;
      workspace?.remove();
    });

    const git = (...args: string[]): string => execFileSync('git', args, { cwd: workspace.root, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8').trim();
    const commit = (file: string, content: string, message: string, author?: string): void => {
      workspace.write(file, content);
      git('add', '-A');
      git('commit', '-q', '-m', message, ...(author ? ['--author', author] : []));
    };
    function repository(): void {
      workspace = committedRepository({ 'app.js': CLEAN });
    }
    const labels = async (ref: string): Promise<string[]> =>
      (await json(['scan', workspace.root, '--diff', ref])).findings.map((finding) => `${finding.line} ${finding.aiAuthorship?.agent ?? 'human'}`);

    it('labels findings on lines that a commit with an assistant trailer wrote, not human or uncommitted ones', async () => {
      repository();
      git('checkout', '-q', '-b', 'feature');
      commit('app.js', CLEAN + EVAL('a'), 'human change');
      commit('app.js', CLEAN + EVAL('a') + EVAL('b'), 'Add b\n\nCo-authored-by: Claude <noreply@anthropic.com>');
      workspace.write('app.js', CLEAN + EVAL('a') + EVAL('b') + EVAL('c'));
      assert.deepEqual(await labels('main'), ['2 human', '3 Claude', '4 human']);

      const claudeCommit = git('rev-parse', 'HEAD');
      const report = await json(['scan', workspace.root, '--diff', 'main']);
      assert.deepEqual(report.findings[1].aiAuthorship, { agent: 'Claude', commit: claudeCommit, signal: 'Co-authored-by: Claude <noreply@anthropic.com>' });
      assert.deepEqual(report.aiCommits, [report.findings[1].aiAuthorship]);

      const text = await cli(['scan', workspace.root, '--diff', 'main']);
      assert.match(text.stdout, new RegExp(`\\n {51}AI-authored: Claude \\(commit ${claudeCommit.slice(0, 7)}; Co-authored-by: Claude <noreply@anthropic\\.com>\\)\\n`));
      assert.match(text.stdout, new RegExp(`\\nAI-authored commits\\n  ${claudeCommit.slice(0, 7)} Claude: Co-authored-by: Claude <noreply@anthropic\\.com>\\n`));
      assert.match(text.stdout, /, 1 on lines from AI-authored commits\n$/);

      const markdown = (await cli(['scan', workspace.root, '--diff', 'main', '--format', 'markdown'])).stdout;
      assert.match(markdown, new RegExp(`· 1 on lines from AI-authored commits \\(${claudeCommit.slice(0, 7)} Claude\\) ·`));
      assert.match(markdown, new RegExp(`\\| \\[app\\.js:3\\].*<br>AI-authored: Claude \\(${claudeCommit.slice(0, 7)}\\) \\|\\n`));

      const sarif = JSON.parse((await cli(['scan', workspace.root, '--diff', 'main', '--format', 'sarif'])).stdout) as Sarif.Log;
      assert.equal(sarif.runs[0].results?.[1].properties?.aiAuthorship?.agent, 'Claude');
      assert.equal(sarif.runs[0].results?.[0].properties?.aiAuthorship, undefined);
      assert.deepEqual(sarif.runs[0].properties?.aiCommits, report.aiCommits);
      const validation = validateSarif(sarif);
      assert.ok(validation.completed, 'the validator ran');
      assert.deepEqual(validation.errors, []);
    });

    it('labels every commit of an agent branch, and of one merged in the range', async () => {
      repository();
      git('checkout', '-q', '-b', 'copilot/fix-login');
      commit('app.js', CLEAN + EVAL('a'), 'Fix login');
      assert.deepEqual(await labels('main'), ['2 Copilot']);
      assert.equal((await json(['scan', workspace.root, '--diff', 'main'])).aiCommits?.[0].signal, 'branch copilot/fix-login');

      process.env.GITHUB_HEAD_REF = 'codex/from-ci';
      assert.deepEqual(await labels('main'), ['2 Codex'], 'in GitHub Actions the pull request head names the branch');
      delete process.env.GITHUB_HEAD_REF;

      git('checkout', '-q', 'main');
      git('checkout', '-q', '-b', 'cursor/refactor');
      commit('lib.js', EVAL('d'), 'Refactor');
      git('checkout', '-q', 'main');
      const base = git('rev-parse', 'HEAD');
      git('merge', '-q', '--no-ff', '-m', "Merge branch 'cursor/refactor'", 'cursor/refactor');
      commit('app.js', CLEAN + EVAL('e'), 'human follow-up');
      const report = await json(['scan', workspace.root, '--diff', base]);
      assert.deepEqual(report.findings.map((finding) => `${finding.path}:${finding.line} ${finding.aiAuthorship?.agent ?? 'human'}`), ['app.js:2 human', 'lib.js:1 Cursor']);
    });

    it('adds nothing when no commit declares an assistant, and staged scans have no commits to judge', async () => {
      repository();
      commit('app.js', CLEAN + EVAL('a'), 'human change');
      const report = await json(['scan', workspace.root, '--diff', 'HEAD~1']);
      assert.equal(report.findings[0].aiAuthorship, undefined);
      assert.equal('aiCommits' in report, false);
      workspace.write('app.js', CLEAN + EVAL('b'));
      git('add', '-A');
      assert.equal('aiCommits' in (await json(['scan', workspace.root, '--staged'])), false);
    });
  });
});
