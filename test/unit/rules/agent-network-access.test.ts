import { agentNetworkAccess } from '../../../src/core/rules/agent-network-access';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');

const codex = lines('[sandbox_workspace_write]', 'network_access = true', '');
const dotted = 'sandbox_workspace_write.network_access = true\n';
const domains = lines('{', '  "sandbox": { "network": { "allowedDomains": ["registry.npmjs.org", "*"] } }', '}');
const webFetch = '{ "permissions": { "allow": ["Read(**)", "WebFetch"] } }';
const urls = lines('{', '  "chat.tools.urls.autoApprove": {', '    "https://docs.acme.dev": true,', '    "*": true', '  }', '}');

testRule(agentNetworkAccess, {
  valid: [
    { code: '[sandbox_workspace_write]\nnetwork_access = false', filename: '.codex/config.toml' },
    { code: '{ "sandbox": { "network": { "allowedDomains": ["registry.npmjs.org", "*.github.com"] } } }', filename: '.claude/settings.json' },
    { code: '{ "permissions": { "allow": ["WebFetch(domain:docs.acme.dev)"] } }', filename: '.claude/settings.json' },
    { code: '{ "chat.tools.urls.autoApprove": { "*": false, "https://docs.acme.dev": true } }', filename: '.vscode/settings.json' },
  ],
  invalid: [
    {
      code: codex,
      filename: '.codex/config.toml',
      errors: [{ line: 2, column: 18, endColumn: 22, message: /^sandbox_workspace_write\.network_access = true lets commands/, fixes: [{ safety: 'review', output: codex.replace('true', 'false') }] }],
    },
    {
      code: dotted,
      filename: '.codex/config.toml',
      errors: [{ line: 1, column: 42, endColumn: 46, fixes: [{ safety: 'review', output: dotted.replace('true', 'false') }] }],
    },
    {
      code: domains,
      filename: '.claude/settings.json',
      errors: [{ line: 2, column: 70, endColumn: 73, message: /^sandbox\.network\.allowedDomains "\*" lets sandboxed commands reach every host/, fixes: [{ safety: 'review', output: domains.replace(', "*"', '') }] }],
    },
    {
      code: webFetch,
      filename: '.claude/settings.json',
      errors: [{ line: 1, column: 42, endColumn: 52, message: /^permissions\.allow "WebFetch" lets Claude Code fetch any URL/, fixes: [{ safety: 'review', output: '{ "permissions": { "allow": ["Read(**)"] } }' }] }],
    },
    {
      code: urls,
      filename: '.vscode/settings.json',
      errors: [{ line: 4, column: 5, endColumn: 8, message: /^chat\.tools\.urls\.autoApprove "\*" lets agent tools fetch any URL/, fixes: [{ safety: 'review', output: lines('{', '  "chat.tools.urls.autoApprove": {', '    "https://docs.acme.dev": true', '  }', '}') }] }],
    },
    {
      code: '{ "scripts": { "agent": "codex exec -c sandbox_workspace_write.network_access=true \\"update\\"" } }',
      filename: 'package.json',
      errors: [{ line: 1, column: 37, message: /^-c sandbox_workspace_write\.network_access=true lets sandboxed Codex commands reach the network/, fixes: [{ safety: 'review', output: '{ "scripts": { "agent": "codex exec \\"update\\"" } }' }] }],
    },
  ],
});
