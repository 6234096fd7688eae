// mcp-insecure-transport: remote MCP servers reached over plain http.
import type { Rule } from '../rule';
import { mcpServers, serverUrl } from '../agents/mcp';
import { reviewFix } from '../agents/edits';

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/i;

export const mcpInsecureTransport: Rule = {
  meta: {
    id: 'mcp-insecure-transport',
    category: 'agent-access',
    title: 'MCP server over plain http',
    description: 'A remote MCP server URL with http:// sends the tool calls, their results and any authorization header unencrypted, where anyone on the network path can read or change them.',
    severity: 'warning',
    cwe: [319],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    for (const server of mcpServers(file)) {
      const url = serverUrl(server);
      if (typeof url?.value !== 'string') continue;
      const match = /^http:\/\/(\[[^\]]+\]|[^/:?#[]+)/i.exec(url.value);
      if (!match || LOOPBACK.test(match[1])) continue;
      const start = url.range[0] + (file.text[url.range[0]] === '"' || file.text[url.range[0]] === "'" ? 1 : 0);
      report({
        range: [start, start + url.value.length],
        message: `MCP server "${server.name}" is reached over plain http (${match[1]}): its tool calls, results and credentials cross the network unencrypted and can be read or altered.`,
        confidence: 'high',
        fixes: reviewFix('Use https:// (review: the server must accept TLS)', [{ range: [start, start + 'http://'.length], text: 'https://' }]),
      });
    }
  },
};
