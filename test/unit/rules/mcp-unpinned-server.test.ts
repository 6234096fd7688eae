import { mcpUnpinnedServer } from '../../../src/core/rules/mcp-unpinned-server';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');

testRule(mcpUnpinnedServer, {
  valid: [
    { code: '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "."] } } }', filename: '.mcp.json' },
    { code: '{ "mcpServers": { "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] } } }', filename: '.cursor/mcp.json' },
    // Local programs and paths are not registry packages.
    { code: '{ "servers": { "local": { "command": "node", "args": ["./tools/mcp.js"] }, "path": { "command": "npx", "args": ["./packages/mcp"] } } }', filename: '.vscode/mcp.json' },
    { code: '[mcp_servers.docs]\ncommand = "npx"\nargs = ["-y", "@acme/docs-mcp@1.4.2"]', filename: '.codex/config.toml' },
    // Remote servers have no package.
    { code: '{ "mcpServers": { "remote": { "url": "https://mcp.acme.dev/mcp" } } }', filename: '.mcp.json' },
    // Not an MCP config.
    { code: '{ "mcpServers": { "fs": { "command": "npx", "args": ["-y", "left-pad"] } } }', filename: 'config/servers.json' },
  ],
  invalid: [
    {
      code: lines('{', '  "mcpServers": {', '    "fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."] }', '  }', '}'),
      filename: '.mcp.json',
      errors: [{ line: 3, column: 46, endColumn: 87, message: /^MCP server "fs" runs @modelcontextprotocol\/server-filesystem with no version: every start installs the latest release/ }],
    },
    {
      code: '{ "servers": { "browser": { "type": "stdio", "command": "npx", "args": ["@playwright/mcp@latest"] } } }',
      filename: '.vscode/mcp.json',
      errors: [{ line: 1, column: 73, endColumn: 97, message: /"@latest" is not an exact version/ }],
    },
    {
      code: '{ "mcpServers": { "git": { "command": "uvx", "args": ["--from", "mcp-server-git", "mcp-server-git"] } } }',
      filename: '.cursor/mcp.json',
      errors: [{ line: 1, column: 65, endColumn: 81, message: /runs mcp-server-git with no version/ }],
    },
    {
      code: '{ "mcpServers": { "ctx": { "command": "npx -y @upstash/context7-mcp" } } }',
      filename: '.mcp.json',
      errors: [{ line: 1, column: 47, endColumn: 68, message: /runs @upstash\/context7-mcp with no version/ }],
    },
    {
      code: lines('[mcp_servers.docs]', 'command = "pnpm"', "args = ['dlx', 'docs-mcp@^2']", ''),
      filename: '.codex/config.toml',
      errors: [{ line: 3, column: 16, endColumn: 29, message: /"@\^2" is not an exact version/ }],
    },
  ],
});
