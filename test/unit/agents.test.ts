// The agent sandbox audit end to end: fixture repositories of each kind through the CLI (text, JSON, SARIF),
// the clean fixture, the summary for the scope panel, and parsing details (TOML offsets, broken files).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { cli, json } from '../helpers/cli';
import { validateSarif } from '../helpers/sarif-validator';
import { analyze } from '../../src/core/engine';
import { fileKind } from '../../src/core/file-kinds';
import { agentAccessSummary } from '../../src/core/agents/summary';
import { AGENT_FILES, agentFileEntry } from '../../src/core/agents/catalog';
import { locateToml } from '../../src/core/agents/toml-locations';
import { suppressionEdit } from '../../src/core/fixes';
import { readFileSync } from 'node:fs';
import { AGENT_ACCESS_DOC, withAgentFilesTable } from '../../scripts/agent-table';

const FIXTURES = join(__dirname, '..', 'fixtures', 'agents');
const fixture = (name: string): string => join(FIXTURES, name);

/** Every finding in every fixture: [path in the fixture, rule, line, column]. */
const EXPECTED: Record<string, [string, string, number, number][]> = {
  codex: [
    ['.codex/config.toml', 'agent-sandbox-disabled', 3, 16],
    ['.codex/config.toml', 'agent-approval-disabled', 4, 19],
    ['.codex/config.toml', 'agent-network-access', 7, 18],
    ['.codex/config.toml', 'mcp-unpinned-server', 11, 15],
    ['.codex/config.toml', 'mcp-insecure-transport', 14, 8],
    ['.codex/config.toml', 'mcp-credential-in-config', 15, 17],
    ['.codex/config.toml', 'agent-approval-disabled', 18, 19],
  ],
  claude: [
    ['.claude/settings.json', 'agent-approval-disabled', 4, 20],
    ['.claude/settings.json', 'agent-broad-command-allowlist', 7, 7],
    ['.claude/settings.json', 'agent-broad-command-allowlist', 8, 7],
    ['.claude/settings.json', 'agent-broad-command-allowlist', 9, 7],
    ['.claude/settings.json', 'agent-network-access', 10, 7],
    ['.claude/settings.json', 'agent-sandbox-disabled', 14, 16],
    ['.claude/settings.json', 'agent-network-access', 16, 48],
  ],
  vscode: [
    ['.vscode/mcp.json', 'mcp-insecure-transport', 13, 15],
    ['.vscode/mcp.json', 'mcp-credential-in-config', 14, 45],
    ['.vscode/mcp.json', 'mcp-unpinned-server', 19, 16],
    ['.vscode/settings.json', 'agent-approval-disabled', 4, 36],
    ['.vscode/settings.json', 'agent-broad-command-allowlist', 6, 5],
    ['.vscode/settings.json', 'agent-broad-command-allowlist', 7, 5],
    ['.vscode/settings.json', 'agent-network-access', 12, 5],
    ['.vscode/tasks.json', 'agent-approval-disabled', 8, 46],
  ],
  cursor: [
    ['.cursor/cli.json', 'agent-broad-command-allowlist', 3, 40],
    ['.cursor/mcp.json', 'mcp-unpinned-server', 5, 16],
    ['.cursor/mcp.json', 'mcp-credential-in-config', 6, 38],
    ['.cursor/rules/style.mdc', 'agent-instruction-hidden-text', 5, 27],
    ['.cursor/rules/style.mdc', 'agent-instruction-hidden-text', 6, 22],
  ],
  aider: [['.aider.conf.yml', 'agent-approval-disabled', 4, 13]],
  mcp: [
    ['.mcp.json', 'mcp-unpinned-server', 5, 22],
    ['.mcp.json', 'mcp-credential-in-config', 13, 70],
  ],
  devcontainer: [
    ['.devcontainer/devcontainer.json', 'devcontainer-host-access', 4, 17],
    ['.devcontainer/devcontainer.json', 'devcontainer-host-access', 5, 25],
    ['.devcontainer/devcontainer.json', 'devcontainer-host-access', 5, 43],
    ['.devcontainer/devcontainer.json', 'devcontainer-host-access', 6, 28],
    ['.devcontainer/devcontainer.json', 'devcontainer-host-access', 8, 5],
    ['.devcontainer/devcontainer.json', 'devcontainer-host-access', 9, 5],
  ],
  instructions: [
    ['.github/copilot-instructions.md', 'agent-instruction-injection', 3, 29],
    ['AGENTS.md', 'agent-instruction-injection', 5, 24],
    ['AGENTS.md', 'agent-instruction-injection', 5, 49],
    ['AGENTS.md', 'agent-instruction-injection', 6, 1],
    ['AGENTS.md', 'agent-instruction-injection', 6, 38],
    ['CLAUDE.md', 'agent-instruction-hidden-text', 3, 28],
    ['CLAUDE.md', 'agent-instruction-hidden-text', 3, 48],
  ],
  launchers: [
    ['package.json', 'agent-approval-disabled', 6, 22],
    ['package.json', 'agent-sandbox-disabled', 7, 32],
    ['package.json', 'agent-approval-disabled', 7, 61],
    ['package.json', 'agent-approval-disabled', 8, 31],
  ],
};

describe('agent sandbox audit', function () {
  this.timeout(60_000);

  describe('codeward scan on the fixture repositories', () => {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      it(`${name}: reports every finding at its exact position, as warnings`, async () => {
        const report = await json(['scan', fixture(name), '--fail-on', 'warning']);
        const prefix = `test/fixtures/agents/${name}/`;
        const found = report.findings.map((finding): [string, string, number, number] => [finding.path.replace(prefix, ''), finding.ruleId, finding.line, finding.column]);
        assert.deepEqual(found, expected);
        assert.ok(report.findings.every((finding) => finding.severity === 'warning'));
        assert.deepEqual(report.notes, []);
      });
    }

    it('adds each configured agent, its settings and violations to the JSON output', async () => {
      const report = await json(['scan', fixture('aider'), '--fail-on', 'none']);
      assert.deepEqual(report.agentAccess, [{
        agent: 'aider',
        name: 'Aider',
        files: ['test/fixtures/agents/aider/.aider.conf.yml'],
        sandbox: [],
        approval: [{ path: 'test/fixtures/agents/aider/.aider.conf.yml', key: 'yes-always', value: 'true', line: 4 }],
        network: [],
        violations: [{ path: 'test/fixtures/agents/aider/.aider.conf.yml', ruleId: 'agent-approval-disabled', severity: 'warning', message: report.findings[0].message, line: 4, column: 13 }],
      }]);
      const scripts = await json(['scan', join(__dirname, '..', '..', 'src', 'core', 'engine.ts')]);
      assert.ok(!('agentAccess' in scripts), 'no agent files scanned: the report keeps its shape');
    });

    it('clean: safe settings in every kind of file report nothing', async () => {
      const { code, stdout } = await cli(['scan', fixture('clean'), '--fail-on', 'info']);
      assert.equal(code, 0, stdout);
      assert.match(stdout, /^0 findings .* 14 files scanned/m);
    });

    it('prints agent findings in text output with rule, position and masked credentials', async () => {
      const { code, stdout } = await cli(['scan', fixture('codex'), '--fail-on', 'warning']);
      assert.equal(code, 1);
      assert.match(stdout, /^ {2}3:16 +warning +agent-sandbox-disabled +sandbox_mode = "danger-full-access"/m);
      assert.match(stdout, /bearer_token \(trk_…\(34 chars\)\)/);
      assert.ok(!stdout.includes('trk_9fQ2mX7vL4pR8sK1wZ6yB3nH5cJ0dT'), 'the credential never appears');
    });

    it('writes valid SARIF with agent-access rules, CWE tags and regions inside the files', async () => {
      const { stdout } = await cli(['scan', FIXTURES, '--format', 'sarif', '--fail-on', 'none']);
      const log = JSON.parse(stdout) as Sarif.Log;
      const run = log.runs[0];
      const rule = run.tool.driver.rules?.find((candidate) => candidate.id === 'devcontainer-host-access');
      assert.deepEqual(rule?.properties?.tags, ['security', 'external/cwe/cwe-250', 'external/cwe/cwe-668']);
      const result = run.results?.find((candidate) => candidate.ruleId === 'agent-approval-disabled' && candidate.locations?.[0].physicalLocation?.artifactLocation?.uri?.endsWith('aider/.aider.conf.yml'));
      assert.deepEqual(result?.locations?.[0].physicalLocation?.region, { startLine: 4, startColumn: 13, endLine: 4, endColumn: 17 });
      assert.equal(result?.fixes?.[0].artifactChanges[0].replacements[0].insertedContent?.text, 'false');
      const validation = validateSarif(log);
      assert.ok(validation.completed);
      assert.deepEqual(validation.errors, []);
    });
  });

  describe('agentAccessSummary', () => {
    it('lists each configured agent with its files, settings as written and violations', () => {
      const summary = agentAccessSummary(FIXTURES);
      assert.deepEqual(summary.agents.map((agent) => agent.agent), ['codex', 'claude', 'copilot', 'cursor', 'aider', 'mcp', 'devcontainer', 'launcher']);
      const codex = summary.agents[0];
      assert.deepEqual(codex.files, ['clean/.codex/config.toml', 'clean/AGENTS.md', 'codex/.codex/config.toml', 'instructions/AGENTS.md']);
      assert.deepEqual(codex.sandbox.filter((setting) => setting.path.startsWith('codex/')), [{ path: 'codex/.codex/config.toml', key: 'sandbox_mode', value: '"danger-full-access"', line: 3 }]);
      assert.deepEqual(codex.approval.filter((setting) => setting.path.startsWith('codex/')).map((setting) => [setting.key, setting.value]), [['approval_policy', '"never"'], ['profiles.ci.approval_policy', '"never"']]);
      assert.deepEqual(codex.network.filter((setting) => setting.path.startsWith('clean/')).map((setting) => setting.value), ['false']);
      assert.equal(codex.violations.filter((violation) => violation.path === 'codex/.codex/config.toml').length, 7);
      assert.ok(codex.violations.every((violation) => !violation.path.startsWith('clean/')));
      const aider = summary.agents.find((agent) => agent.agent === 'aider');
      assert.deepEqual(aider?.approval.map((setting) => [setting.path, setting.value]), [['aider/.aider.conf.yml', 'true'], ['clean/.aider.conf.yml', 'false']]);
    });

    it('follows the repository rule settings and reports nothing for a clean repository', () => {
      const clean = agentAccessSummary(fixture('clean'));
      assert.ok(clean.agents.length >= 7);
      assert.deepEqual(clean.agents.flatMap((agent) => agent.violations), []);
      const off = agentAccessSummary(fixture('aider'), { rules: { 'agent-approval-disabled': 'off' } });
      assert.deepEqual(off.agents[0].violations, []);
      const raised = agentAccessSummary(fixture('aider'), { rules: { 'agent-approval-disabled': 'error' } });
      assert.equal(raised.agents[0].violations[0].severity, 'error');
    });

    it("gives violations the severity the sensitivity scope's policy gives a scan", () => {
      const internal = agentAccessSummary(fixture('aider'), { scope: { classification: 'internal', restrictedPaths: [] } });
      assert.equal(internal.agents[0].violations[0].severity, 'warning');
      const restricted = agentAccessSummary(fixture('aider'), { scope: { classification: 'restricted', restrictedPaths: [] } });
      assert.equal(restricted.agents[0].violations[0].severity, 'error');
    });
  });

  describe('docs/agent-access.md', () => {
    it('renders the catalog the engine uses (run `npm run docs:rules` to regenerate)', () => {
      const doc = readFileSync(AGENT_ACCESS_DOC, 'utf8');
      assert.equal(doc, withAgentFilesTable(doc));
      for (const entry of AGENT_FILES) assert.ok(doc.includes(`\`${entry.pattern}\``), entry.pattern);
    });
  });

  describe('files and formats', () => {
    it('recognises every catalog path and nothing like it', () => {
      for (const path of ['.codex/config.toml', 'sub/AGENTS.md', '.claude/settings.local.json', '.github/instructions/ts.instructions.md', '.cursor/rules/a.mdc', '.devcontainer/node/devcontainer.json', '.devcontainer.json', 'C:\\repo\\.vscode\\mcp.json']) {
        assert.equal(fileKind(path), 'agent', path);
      }
      for (const path of ['README.md', 'codex/config.toml', '.github/workflows/ci.yml', '.cursor/rules/nested/deeper/a.mdc', '.devcontainer/a/b/devcontainer.json']) {
        assert.notEqual(fileKind(path), 'agent', path);
      }
      assert.equal(new Set(AGENT_FILES.map((entry) => entry.pattern)).size, AGENT_FILES.length, 'one row per path');
      assert.equal(agentFileEntry('.vscode/settings.json')?.format, 'jsonc');
    });

    it('locates TOML keys and values: dotted keys, quoted keys, multi-line arrays, inline tables, array tables', () => {
      const text = [
        'a.b = 1 # one',
        '"quoted.key" = "x"',
        'list = [',
        '  "one", # first',
        "  'two',",
        ']',
        '[t]',
        'inline = { k = "v", n = { m = true } }',
        '[[servers]]',
        'name = """multi',
        'line"""',
        '[[servers]]',
        'name = "second"',
      ].join('\n');
      const { values, tables } = locateToml(text);
      const slice = (path: string[]): string | undefined => {
        const found = values.get(path.join('\0'));
        return found && text.slice(found.value[0], found.value[1]);
      };
      assert.equal(slice(['a', 'b']), '1');
      assert.equal(slice(['quoted.key']), '"x"');
      assert.equal(slice(['list', '1']), "'two'");
      assert.equal(slice(['t', 'inline', 'n', 'm']), 'true');
      assert.equal(slice(['servers', '0', 'name']), '"""multi\nline"""');
      assert.equal(slice(['servers', '1', 'name']), '"second"');
      const table = tables.get('t');
      assert.equal(table && text.slice(table[0], table[1]), '[t]');
    });

    it('notes a broken settings file without crashing, and still scans it for secrets', () => {
      const result = analyze('{ "permissions": { "defaultMode": "bypassPermissions", ', '.claude/settings.json');
      assert.equal(result.notes.length, 1);
      assert.equal(result.notes[0].kind, 'parse-error');
      assert.match(result.notes[0].message, /^Agent settings not checked: /);
      assert.deepEqual(result.findings, []);
      const toml = analyze('sandbox_mode = "danger-full-access"\napproval_policy = ', '.codex/config.toml');
      assert.equal(toml.notes[0].kind, 'parse-error');
      assert.equal(toml.notes[0].start?.line, 2);
    });

    it('honours suppression comments with a reason where the format has comments', () => {
      const text = '# codeward-ignore-next-line agent-approval-disabled -- CI runner is a throwaway VM\napproval_policy = "never"\n';
      const [finding] = analyze(text, '.codex/config.toml').findings;
      assert.equal(finding.suppression?.justification, 'CI runner is a throwaway VM');
      const unsuppressed = analyze('approval_policy = "never"\n', '.codex/config.toml').findings[0];
      assert.equal(suppressionEdit('approval_policy = "never"\n', unsuppressed, 'reviewed', '.codex/config.toml')?.text, '# codeward-ignore-next-line agent-approval-disabled -- reviewed\n');
      assert.equal(suppressionEdit('{}', unsuppressed, 'reviewed', '.claude/settings.json'), undefined, 'JSON has no comments');
      const jsonc = analyze('{\n  // codeward-ignore-next-line agent-approval-disabled -- kiosk demo machine\n  "chat.tools.global.autoApprove": true\n}', '.vscode/settings.json');
      assert.equal(jsonc.findings[0].suppression?.justification, 'kiosk demo machine');
    });
  });
});
