// MCP server entries, whichever file and client declares them: `mcpServers` (.mcp.json, Cursor), `servers`
// (.vscode/mcp.json), `[mcp_servers.<name>]` (Codex).
import type { AgentFile, ConfigNode } from './document';
import { property, stringValue } from './document';

export interface McpServer {
  name: string;
  node: ConfigNode;
}

const SERVER_TABLES: Record<string, string> = {
  '.mcp.json': 'mcpServers',
  '.cursor/mcp.json': 'mcpServers',
  '.vscode/mcp.json': 'servers',
  '.codex/config.toml': 'mcp_servers',
};

export function mcpServers(file: AgentFile): McpServer[] {
  const table = SERVER_TABLES[file.entry.pattern];
  if (!table) return [];
  return (property(file.root, table)?.value.properties ?? [])
    .filter((entry) => entry.value.type === 'object')
    .map((entry) => ({ name: entry.key, node: entry.value }));
}

/** The program and its arguments as string nodes; a command written as one string is split on spaces. */
export function serverCommand(server: McpServer): { program: string; args: ConfigNode[] } | undefined {
  const command = property(server.node, 'command')?.value;
  const program = stringValue(command);
  if (program === undefined || !command) return undefined;
  const args = (property(server.node, 'args')?.value.items ?? []).filter((item) => item.type === 'string');
  const words = [...program.matchAll(/\S+/g)];
  if (words.length <= 1) return { program: program.trim(), args };
  // "command": "npx -y some-server": each word points at its own place inside the string.
  const base = command.range[0] + 1;
  const inner: ConfigNode[] = words.slice(1).map((word) => ({
    type: 'string',
    value: word[0],
    range: [base + (word.index ?? 0), base + (word.index ?? 0) + word[0].length],
  }));
  return { program: words[0][0], args: [...inner, ...args] };
}

/** The server's remote address, under the key each client uses. */
export function serverUrl(server: McpServer): ConfigNode | undefined {
  for (const key of ['url', 'serverUrl', 'httpUrl']) {
    const value = property(server.node, key)?.value;
    if (value?.type === 'string') return value;
  }
  return undefined;
}
