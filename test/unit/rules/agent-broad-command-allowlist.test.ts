import { agentBroadCommandAllowlist } from '../../../src/core/rules/agent-broad-command-allowlist';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');

const claude = lines(
  '{',
  '  "permissions": {',
  '    "allow": [',
  '      "Bash(npm run test:*)",',
  '      "Bash(curl:*)",',
  '      "Bash(npm install:*)",',
  '      "Bash"',
  '    ]',
  '  }',
  '}',
);
const without = (entry: string): string => claude.replace(`,\n      "${entry}"`, '').replace(`"${entry}",\n      `, '');
const vscode = lines('{', '  "chat.tools.terminal.autoApprove": {', '    "/^git (status|diff)$/": true,', '    "git push": { "approve": true, "matchCommandLine": true },', '    "bash": true', '  }', '}');

testRule(agentBroadCommandAllowlist, {
  valid: [
    { code: '{ "permissions": { "allow": ["Bash(npm run test:*)", "Bash(git diff:*)", "Read(./src/**)", "Edit"] } }', filename: '.claude/settings.json' },
    // Deny lists are the safe direction.
    { code: '{ "permissions": { "deny": ["Bash(curl:*)", "Bash(git push:*)"] } }', filename: '.claude/settings.json' },
    { code: '{ "chat.tools.terminal.autoApprove": { "/.*/": false, "npm test": true, "curl": false } }', filename: '.vscode/settings.json' },
    { code: '{ "permissions": { "allow": ["Shell(ls)", "Shell(git status)"] } }', filename: '.cursor/cli.json' },
    // Another tool's settings with the same shape.
    { code: '{ "permissions": { "allow": ["Bash(*)"] } }', filename: 'config/permissions.json' },
  ],
  invalid: [
    {
      code: claude,
      filename: '.claude/settings.json',
      errors: [
        { line: 5, column: 7, endColumn: 21, message: /^permissions\.allow "Bash\(curl:\*\)" pre-approves downloads, including `curl … \| sh`/, fixes: [{ safety: 'review', output: without('Bash(curl:*)') }] },
        { line: 6, column: 7, endColumn: 28, message: /^permissions\.allow "Bash\(npm install:\*\)" pre-approves package installs/, fixes: [{ safety: 'review', output: without('Bash(npm install:*)') }] },
        { line: 7, column: 7, endColumn: 13, message: /^permissions\.allow "Bash" pre-approves every shell command/, fixes: [{ safety: 'review', output: without('Bash') }] },
      ],
    },
    {
      code: vscode,
      filename: '.vscode/settings.json',
      errors: [
        { line: 4, column: 5, endColumn: 15, message: /^chat\.tools\.terminal\.autoApprove "git push" pre-approves `git push`/, fixes: [{ safety: 'review', output: lines('{', '  "chat.tools.terminal.autoApprove": {', '    "/^git (status|diff)$/": true,', '    "bash": true', '  }', '}') }] },
        { line: 5, column: 5, endColumn: 11, message: /pre-approves a shell or interpreter/, fixes: [{ safety: 'review', output: lines('{', '  "chat.tools.terminal.autoApprove": {', '    "/^git (status|diff)$/": true,', '    "git push": { "approve": true, "matchCommandLine": true }', '  }', '}') }] },
      ],
    },
    {
      code: '{ "chat.tools.terminal.autoApprove": { "/.+/s": true } }',
      filename: '.vscode/settings.json',
      errors: [{ line: 1, column: 40, message: /"\/\.\+\/s" pre-approves every shell command/, fixes: [{ safety: 'review', output: '{ "chat.tools.terminal.autoApprove": {  } }' }] }],
    },
    {
      code: '{ "permissions": { "allow": ["Shell(*)"] } }',
      filename: '.cursor/cli.json',
      errors: [{ line: 1, column: 30, message: /^permissions\.allow "Shell\(\*\)" pre-approves every shell command/, fixes: [{ safety: 'review', output: '{ "permissions": { "allow": [] } }' }] }],
    },
  ],
});
