// docs/ci: the GitHub Actions workflow and the pre-commit hook, run for real against the built CLI in a temp repo.
// No Actions runner exists here, so the test plays one: it parses the workflow, skips the `uses:` actions and the
// registry install, and runs every other step's script with bash as a runner would (-e, pipefail, GITHUB_* files).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type * as Sarif from 'sarif';
import type { Workspace } from '../helpers/workspace';
import { committedRepository } from '../helpers/git-repo';
import { validateSarif } from '../helpers/sarif-validator';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const WORKFLOW = join(ROOT, 'docs', 'ci', 'codeward.yml');
const HOOK = join(ROOT, 'docs', 'ci', 'pre-commit');
const CLEAN = 'export const add = (a, b) => a + b;\n';
const INSECURE = 'app.get("/calc", (req, res) => res.json(eval(req.query.expr)));\n';
/** How the workflow and the hook call the CLI, and what the test runs instead of the registry package. */
const INSTALLED_CLI = 'npx --no-install codeward';
const BUILT_CLI = `"${process.execPath}" "${CLI}"`;

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

function run(workspace: Workspace, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(command, args, { cwd: workspace.root, encoding: 'utf8', env: { ...process.env, ...env } });
}

function git(workspace: Workspace, ...args: string[]): string {
  const result = run(workspace, 'git', args);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

function repository(): Workspace {
  return committedRepository({ 'src/app.js': CLEAN });
}

describe('CI recipes (docs/ci)', function () {
  this.timeout(60_000);
  let workspace: Workspace;
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)'));
  afterEach(() => workspace?.remove());

  describe('GitHub Actions workflow', () => {
    const workflow = parse(readFileSync(WORKFLOW, 'utf8')) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    const steps = workflow.jobs.codeward.steps;

    it('runs on pull requests, fetches history, and may upload to code scanning', () => {
      assert.ok('pull_request' in workflow.on);
      assert.equal(workflow.permissions['security-events'], 'write');
      const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'));
      assert.equal(checkout?.with?.['fetch-depth'], 0, 'the merge base must be in the clone');
      const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.equal(upload?.with?.sarif_file, 'codeward.sarif');
      assert.ok(steps.some((step) => step.run?.includes('npm install') && step.run.includes('codeward@')), 'installs the CLI');
    });

    /** Runs the workflow's own scripts in order; returns each step's exit status by name. */
    function runWorkflow(): Map<string, number> {
      const outputs = workspace.write('.runner/output', '');
      const summary = workspace.write('.runner/summary', '');
      const env = { GITHUB_OUTPUT: outputs, GITHUB_STEP_SUMMARY: summary, GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature', CI: 'true' };
      const statuses = new Map<string, number>();
      const stepOutputs: Record<string, Record<string, string>> = {};
      for (const step of steps) {
        if (step.uses || !step.run || step.run.includes('npm install')) continue;
        const script = step.run
          .split(INSTALLED_CLI).join(BUILT_CLI)
          .replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_, id: string, key: string) => stepOutputs[id]?.[key] ?? '');
        assert.ok(!script.includes('${{'), `unsupported expression in: ${script}`);
        const result = run(workspace, 'bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], env);
        statuses.set(step.name ?? script, result.status ?? -1);
        if (step.id) {
          stepOutputs[step.id] = Object.fromEntries(
            readFileSync(outputs, 'utf8').split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
          );
        }
      }
      return statuses;
    }

    function pullRequest(content: string): void {
      workspace = repository();
      // The runner's clone has the target branch as a remote-tracking ref.
      git(workspace, 'update-ref', 'refs/remotes/origin/main', 'main');
      git(workspace, 'checkout', '-q', '-b', 'feature');
      workspace.write('src/app.js', CLEAN + content);
      workspace.write('.gitignore', '.runner/\ncodeward.*\n');
      git(workspace, 'add', '-A');
      git(workspace, 'commit', '-q', '-m', 'the pull request');
    }

    it('fails a pull request that adds an insecure line, after writing SARIF for code scanning and a summary', () => {
      pullRequest(INSECURE);
      const statuses = runWorkflow();
      assert.deepEqual([...statuses], [["Scan the pull request's changes", 0], ['Fail on error-level findings', 1]]);
      const sarif = JSON.parse(readFileSync(workspace.path('codeward.sarif'), 'utf8')) as Sarif.Log;
      assert.deepEqual(sarif.runs[0].results?.map((result) => [result.ruleId, result.locations?.[0].physicalLocation?.region?.startLine]), [['code-injection', 2]]);
      const validation = validateSarif(sarif);
      assert.deepEqual(validation.errors, []);
      assert.match(readFileSync(workspace.path('.runner/summary'), 'utf8'), /^### Codeward: 1 finding \(1 error, 0 warnings, 0 info\)\n\nScanned changes since [0-9a-f]{40} · 1 file/);
    });

    it('passes a clean pull request', () => {
      pullRequest('export const double = (a) => a * 2;\n');
      assert.deepEqual([...runWorkflow().values()], [0, 0]);
      assert.deepEqual((JSON.parse(readFileSync(workspace.path('codeward.sarif'), 'utf8')) as Sarif.Log).runs[0].results, []);
    });
  });

  describe('pre-commit hook', () => {
    function installHook(): void {
      workspace = repository();
      const hook = workspace.path('.git/hooks/pre-commit');
      copyFileSync(HOOK, hook);
      chmodSync(hook, 0o755);
    }
    // Git sends a hook's standard output to standard error.
    const commit = (message: string) => run(workspace, 'git', ['commit', '-q', '-m', message], { CODEWARD: BUILT_CLI });

    it('blocks a commit that adds an insecure line and allows a clean one', () => {
      installHook();
      workspace.write('src/app.js', CLEAN + INSECURE);
      git(workspace, 'add', '-A');
      const blocked = commit('add a calculator');
      assert.equal(blocked.status, 1, blocked.stderr);
      assert.match(blocked.stderr, /src\/app\.js\n  2:\d+ +error +code-injection/);
      assert.match(blocked.stderr, /codeward: commit blocked \(exit 1\)/);
      assert.equal(git(workspace, 'rev-list', '--count', 'HEAD'), '1', 'nothing was committed');

      workspace.write('src/app.js', `${CLEAN}export const double = (a) => a * 2;\n`);
      git(workspace, 'add', '-A');
      const allowed = commit('add double');
      assert.equal(allowed.status, 0, allowed.stdout + allowed.stderr);
      assert.equal(git(workspace, 'rev-list', '--count', 'HEAD'), '2');
    });

    it('judges the staged content, not the file on disk', () => {
      installHook();
      workspace.write('src/app.js', CLEAN + INSECURE);
      git(workspace, 'add', '-A');
      workspace.write('src/app.js', CLEAN);
      const blocked = commit('staged insecure, disk clean');
      assert.equal(blocked.status, 1, blocked.stderr);
      assert.match(blocked.stderr, /^Staged changes: 1 finding/m);
    });
  });
});
