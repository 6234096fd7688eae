import { agentSandboxDisabled } from '../../../src/core/rules/agent-sandbox-disabled';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const CODEX = /^sandbox_mode = "danger-full-access" runs every command Codex chooses without a sandbox/;

const codex = lines('model = "gpt-5-codex"', 'sandbox_mode = "danger-full-access"', '');
const profile = lines('[profiles.yolo]', "sandbox_mode = 'danger-full-access' # for the CI box", '');
const claude = lines('{', '  "sandbox": {', '    "enabled": false', '  }', '}');

testRule(agentSandboxDisabled, {
  valid: [
    { code: lines('sandbox_mode = "workspace-write"', 'approval_policy = "on-request"'), filename: '.codex/config.toml' },
    { code: lines('sandbox_mode = "read-only"', '[profiles.review]', 'sandbox_mode = "read-only"'), filename: '.codex/config.toml' },
    // Not a Codex config: the same key elsewhere means nothing to Codex.
    { code: 'sandbox_mode = "danger-full-access"', filename: 'config/app.toml' },
    { code: '{ "sandbox": { "enabled": true } }', filename: '.claude/settings.json' },
    { code: '{ "scripts": { "agent": "codex exec --sandbox workspace-write \\"fix\\"" } }', filename: 'package.json' },
    // A task that only documents the flag in its label is not a command line.
    { code: '{ "tasks": [{ "label": "never use --sandbox danger-full-access", "command": "npm", "args": ["test"] }] }', filename: '.vscode/tasks.json' },
  ],
  invalid: [
    {
      code: codex,
      filename: '.codex/config.toml',
      errors: [{ line: 2, column: 16, endColumn: 36, message: CODEX, fixes: [{ safety: 'review', title: /^Use "workspace-write"/, output: codex.replace('"danger-full-access"', '"workspace-write"') }] }],
    },
    {
      code: profile,
      filename: 'repo/.codex/config.toml',
      errors: [{ line: 2, column: 16, endColumn: 36, message: /^profiles\.yolo\.sandbox_mode = "danger-full-access"/, fixes: [{ safety: 'review', output: profile.replace("'danger-full-access'", '"workspace-write"') }] }],
    },
    {
      code: claude,
      filename: '.claude/settings.local.json',
      errors: [{ line: 3, column: 16, endColumn: 21, message: /^sandbox\.enabled: false in committed project settings/, fixes: [{ safety: 'review', output: claude.replace('false', 'true') }] }],
    },
    {
      code: '{ "scripts": { "agent": "codex exec --dangerously-bypass-approvals-and-sandbox \\"go\\"" } }',
      filename: 'package.json',
      errors: [{ line: 1, column: 37, endColumn: 79, message: /^--dangerously-bypass-approvals-and-sandbox runs Codex with no sandbox and no approval prompts/, fixes: [{ safety: 'review', output: '{ "scripts": { "agent": "codex exec \\"go\\"" } }' }] }],
    },
    {
      code: '{ "postCreateCommand": "codex exec -s danger-full-access \\"set up\\"" }',
      filename: '.devcontainer/devcontainer.json',
      errors: [{ line: 1, column: 36, endColumn: 57, message: /^-s danger-full-access runs Codex without a sandbox/, fixes: [{ safety: 'review', output: '{ "postCreateCommand": "codex exec \\"set up\\"" }' }] }],
    },
  ],
});
