import { strict as assert } from 'node:assert';
import { mcpCredentialInConfig } from '../../../src/core/rules/mcp-credential-in-config';
import { analyze } from '../../../src/core/engine';
import { testRule } from '../../helpers/rule-tester';

const TOKEN = 'ghp_R8mT2vQx9LkW4zNp7YbC3dFh6JsG1aEu5oKi';

testRule(mcpCredentialInConfig, {
  valid: [
    { code: '{ "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${GITHUB_TOKEN}", "LOG_LEVEL": "debug" } } } }', filename: '.mcp.json' },
    { code: '{ "servers": { "gh": { "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer ${input:github-token}" } } } }', filename: '.vscode/mcp.json' },
    { code: '{ "mcpServers": { "db": { "command": "db-mcp", "env": { "DATABASE_PASSWORD": "changeme", "API_KEY": "<your-api-key>" } } } }', filename: '.cursor/mcp.json' },
    { code: '[mcp_servers.docs]\ncommand = "docs-mcp"\nenv = { DOCS_TOKEN = "$DOCS_TOKEN" }', filename: '.codex/config.toml' },
  ],
  invalid: [
    {
      code: `{ "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${TOKEN}" } } } }`,
      filename: '.mcp.json',
      errors: [{ line: 1, column: 74, endColumn: 114, message: /^MCP server "gh" has a credential written into GITHUB_TOKEN \(ghp_…\(40 chars\)\)/ }],
    },
    {
      code: '{ "servers": { "m": { "url": "https://m.acme.dev", "headers": { "Authorization": "Bearer mtr_4kW9qZ2xP7vN3bT8yL1cR6hJ5sD0gF" } } } }',
      filename: '.vscode/mcp.json',
      errors: [{ line: 1, column: 90, endColumn: 124, message: /into Authorization \(mtr_…\(34 chars\)\)/ }],
    },
    {
      code: '[mcp_servers.tracker]\nurl = "https://t.acme.dev/mcp"\nbearer_token = "trk_9fQ2mX7vL4pR8sK1wZ6yB3nH5cJ0dT"\n',
      filename: '.codex/config.toml',
      errors: [{ line: 3, column: 17, endColumn: 51, message: /into bearer_token/ }],
    },
    {
      code: '{ "mcpServers": { "s": { "command": "sentry-mcp", "args": ["--access-token=sntrys_kQ8vN2xR7pL4mW9zT3bY6"] } } }',
      filename: '.mcp.json',
      errors: [{ line: 1, column: 76, endColumn: 104, message: /into --access-token=/ }],
    },
  ],
});

describe('mcp-credential-in-config and the secret scan', () => {
  it('reports a credential once, under this rule, and never prints it', () => {
    const text = `{ "mcpServers": { "gh": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${TOKEN}" } } } }`;
    const findings = analyze(text, '.mcp.json').findings;
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['mcp-credential-in-config']);
    assert.ok(!findings[0].message.includes(TOKEN));
  });

  it('keeps the secret scan for credentials elsewhere in agent files', () => {
    const findings = analyze(`{ "env": { "GITHUB_TOKEN": "${TOKEN}" } }`, '.claude/settings.json').findings;
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['hardcoded-secret']);
  });
});
