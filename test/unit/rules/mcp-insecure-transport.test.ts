import { mcpInsecureTransport } from '../../../src/core/rules/mcp-insecure-transport';
import { testRule } from '../../helpers/rule-tester';

const remote = '{ "mcpServers": { "metrics": { "url": "http://metrics.acme.dev:8080/mcp" } } }';
const codex = '[mcp_servers.tracker]\nurl = "http://10.0.4.12/mcp"\n';

testRule(mcpInsecureTransport, {
  valid: [
    { code: '{ "mcpServers": { "metrics": { "url": "https://metrics.acme.dev/mcp" } } }', filename: '.mcp.json' },
    // Loopback never leaves the machine.
    { code: '{ "servers": { "a": { "url": "http://localhost:3001/mcp" }, "b": { "url": "http://127.0.0.1:8080" }, "c": { "url": "http://[::1]:9000" } } }', filename: '.vscode/mcp.json' },
    { code: '{ "homepage": "http://example.com" }', filename: '.mcp.json' },
  ],
  invalid: [
    {
      code: remote,
      filename: '.mcp.json',
      errors: [{ line: 1, column: 40, endColumn: 72, message: /^MCP server "metrics" is reached over plain http \(metrics\.acme\.dev\)/, fixes: [{ safety: 'review', title: /^Use https:\/\//, output: remote.replace('http://', 'https://') }] }],
    },
    {
      code: codex,
      filename: '.codex/config.toml',
      errors: [{ line: 2, column: 8, endColumn: 28, fixes: [{ safety: 'review', output: codex.replace('http://', 'https://') }] }],
    },
    {
      code: '{ "servers": { "wiki": { "type": "sse", "url": "HTTP://wiki.corp/sse" } } }',
      filename: '.vscode/mcp.json',
      errors: [{ line: 1, column: 49, fixes: [{ safety: 'review', output: '{ "servers": { "wiki": { "type": "sse", "url": "https://wiki.corp/sse" } } }' }] }],
    },
  ],
});
