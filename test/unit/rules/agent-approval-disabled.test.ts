import { agentApprovalDisabled } from '../../../src/core/rules/agent-approval-disabled';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');

const codex = lines('approval_policy = "never"', '');
const claude = lines('{', '  "permissions": { "defaultMode": "bypassPermissions" }', '}');
const vscode = lines('{', '  // demo machine', '  "chat.tools.global.autoApprove": true,', '}');
const legacy = '{ "chat.tools.autoApprove": true }';
const aider = lines('model: sonnet', 'yes-always: true', '');
const tasks = lines('{', '  "tasks": [{ "command": "claude", "args": ["-p", "fix lint", "--dangerously-skip-permissions"] }]', '}');

testRule(agentApprovalDisabled, {
  valid: [
    { code: 'approval_policy = "on-request"', filename: '.codex/config.toml' },
    { code: 'approval_policy = "untrusted"\n[profiles.ci]\napproval_policy = "on-failure"', filename: '.codex/config.toml' },
    { code: '{ "permissions": { "defaultMode": "acceptEdits" } }', filename: '.claude/settings.json' },
    { code: '{ "chat.tools.global.autoApprove": false }', filename: '.vscode/settings.json' },
    { code: 'yes-always: false', filename: '.aider.conf.yml' },
    { code: '{ "scripts": { "agent": "claude -p \\"review\\" --permission-mode plan", "lint": "eslint -f json ." } }', filename: 'package.json' },
    // -a never is only Codex's flag.
    { code: '{ "scripts": { "list": "ls -a never-mind" } }', filename: 'package.json' },
    // A settings file outside .vscode is not VS Code's.
    { code: '{ "chat.tools.global.autoApprove": true }', filename: 'settings.json' },
  ],
  invalid: [
    {
      code: codex,
      filename: '.codex/config.toml',
      errors: [{ line: 1, column: 19, endColumn: 26, message: /^approval_policy = "never" lets Codex run every command/, fixes: [{ safety: 'review', title: /^Use "on-request"/, output: 'approval_policy = "on-request"\n' }] }],
    },
    {
      code: claude,
      filename: '.claude/settings.json',
      errors: [{ line: 2, column: 35, endColumn: 54, message: /^defaultMode "bypassPermissions"/, fixes: [{ safety: 'review', output: claude.replace('"bypassPermissions"', '"default"') }] }],
    },
    {
      code: vscode,
      filename: '.vscode/settings.json',
      errors: [{ line: 3, column: 36, endColumn: 40, message: /^chat\.tools\.global\.autoApprove: true approves every tool call/, fixes: [{ safety: 'review', output: vscode.replace('true', 'false') }] }],
    },
    {
      code: legacy,
      filename: '.vscode/settings.json',
      errors: [{ line: 1, column: 29, message: /^chat\.tools\.autoApprove: true/, fixes: [{ safety: 'review', output: '{ "chat.tools.autoApprove": false }' }] }],
    },
    {
      code: aider,
      filename: '.aider.conf.yml',
      errors: [{ line: 2, column: 13, endColumn: 17, message: /^yes-always: true answers yes/, fixes: [{ safety: 'review', output: 'model: sonnet\nyes-always: false\n' }] }],
    },
    {
      code: tasks,
      filename: '.vscode/tasks.json',
      errors: [{ line: 2, column: 64, endColumn: 94, message: /^--dangerously-skip-permissions runs Claude Code without any permission prompt/, fixes: [{ safety: 'review', output: lines('{', '  "tasks": [{ "command": "claude", "args": ["-p", "fix lint"] }]', '}') }] }],
    },
    {
      code: '{ "scripts": { "fix": "codex exec --ask-for-approval never --full-auto \\"fix\\"", "yolo": "gemini --yolo" } }',
      filename: 'package.json',
      errors: [
        { line: 1, column: 35, endColumn: 59, message: /^--ask-for-approval never never asks/, confidence: 'high', fixes: [{ safety: 'review', output: '{ "scripts": { "fix": "codex exec --full-auto \\"fix\\"", "yolo": "gemini --yolo" } }' }] },
        { line: 1, column: 60, endColumn: 71, message: /^--full-auto lets Codex edit and run commands/, confidence: 'medium', fixes: [{ safety: 'review', output: '{ "scripts": { "fix": "codex exec --ask-for-approval never \\"fix\\"", "yolo": "gemini --yolo" } }' }] },
        { line: 1, column: 98, endColumn: 104, message: /^--yolo approves every action/, fixes: [{ safety: 'review', output: '{ "scripts": { "fix": "codex exec --ask-for-approval never --full-auto \\"fix\\"", "yolo": "gemini" } }' }] },
      ],
    },
  ],
});
