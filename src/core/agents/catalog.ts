// The agent and editor configuration files Codeward reads, with the documented keys that widen what an agent may do.
// One table: the engine dispatches on it, the rules read it, docs/agent-access.md renders it (scripts/agent-table.ts).

export type AgentId = 'codex' | 'claude' | 'copilot' | 'cursor' | 'aider' | 'mcp' | 'devcontainer' | 'launcher';
export type AgentFileFormat = 'json' | 'jsonc' | 'toml' | 'yaml' | 'markdown';
/** What the file is for: settings of the agent, MCP servers it starts, instructions it reads, a container, commands that start agents. */
export type AgentFileRole = 'settings' | 'mcp' | 'instructions' | 'devcontainer' | 'launcher';

export interface DocumentedKey {
  /** Dotted path in the file, or a flag / marker for launchers and instruction files. */
  key: string;
  /** What a risky value does. */
  effect: string;
  /** Where the key is documented. */
  source: string;
}

export interface AgentFileEntry {
  agent: AgentId;
  /** The path as users know it; `*` is one path segment or part of one. */
  pattern: string;
  format: AgentFileFormat;
  role: AgentFileRole;
  keys: readonly DocumentedKey[];
}

export const AGENT_NAMES: Record<AgentId, string> = {
  codex: 'OpenAI Codex',
  claude: 'Claude Code',
  copilot: 'GitHub Copilot / VS Code chat',
  cursor: 'Cursor',
  aider: 'Aider',
  mcp: 'MCP servers (any client)',
  devcontainer: 'Dev containers',
  launcher: 'Agent command lines in scripts and tasks',
};

const CODEX_CONFIG = 'https://developers.openai.com/codex/config-reference';
const CODEX_SECURITY = 'https://developers.openai.com/codex/agent-approvals-security';
const CODEX_CLI = 'https://developers.openai.com/codex/cli/reference';
const CODEX_AGENTS_MD = 'https://developers.openai.com/codex/guides/agents-md';
const CLAUDE_SETTINGS = 'https://code.claude.com/docs/en/settings';
const CLAUDE_PERMISSIONS = 'https://code.claude.com/docs/en/permission-modes';
const CLAUDE_SANDBOX = 'https://code.claude.com/docs/en/sandboxing';
const CLAUDE_MCP = 'https://code.claude.com/docs/en/mcp';
const CLAUDE_CLI = 'https://code.claude.com/docs/en/cli-reference';
const CLAUDE_MEMORY = 'https://code.claude.com/docs/en/memory';
const VSCODE_APPROVALS = 'https://code.visualstudio.com/docs/agents/approvals';
const VSCODE_MCP = 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration';
const VSCODE_INSTRUCTIONS = 'https://code.visualstudio.com/docs/copilot/customization/custom-instructions';
const VSCODE_TASKS = 'https://code.visualstudio.com/docs/reference/tasks-appendix';
const CURSOR_MCP = 'https://cursor.com/docs/context/mcp';
const CURSOR_RULES = 'https://cursor.com/docs/context/rules';
const CURSOR_CLI = 'https://cursor.com/docs/cli/reference/permissions';
const AIDER_CONFIG = 'https://aider.chat/docs/config/aider_conf.html';
const DEVCONTAINER = 'https://containers.dev/implementors/json_reference/';
const DOCKER_RUN = 'https://docs.docker.com/reference/cli/docker/container/run/';
const NPM_SCRIPTS = 'https://docs.npmjs.com/cli/using-npm/scripts';
const AGENTS_MD = 'https://agents.md/';

/** Keys every MCP server configuration shares (mcpServers / servers / mcp_servers entries). */
const MCP_SERVER_KEYS = (source: string): DocumentedKey[] => [
  { key: '<server>.command + args', effect: 'launches a package runner (npx, uvx, …): without a pinned version every start runs whatever was published last', source },
  { key: '<server>.url', effect: 'remote server; over plain http:// the tool traffic and any token travel unencrypted', source },
  { key: '<server>.env, <server>.headers', effect: 'credentials written here are committed with the repository', source },
];

const INSTRUCTION_KEYS = (source: string): DocumentedKey[] => [
  { key: '(file text)', effect: 'read by the agent as instructions: hidden Unicode or planted directives steer it without a reviewer seeing', source },
];

export const AGENT_FILES: readonly AgentFileEntry[] = [
  {
    agent: 'codex', pattern: '.codex/config.toml', format: 'toml', role: 'settings',
    keys: [
      { key: 'sandbox_mode', effect: '"danger-full-access" runs commands without any sandbox', source: CODEX_CONFIG },
      { key: 'approval_policy', effect: '"never" never asks before running a command', source: CODEX_SECURITY },
      { key: 'sandbox_workspace_write.network_access', effect: 'true lets sandboxed commands reach the network', source: CODEX_SECURITY },
      { key: 'profiles.<name>.*', effect: 'the same keys inside a profile', source: CODEX_CONFIG },
      ...MCP_SERVER_KEYS(CODEX_CONFIG).map((entry) => ({ ...entry, key: `mcp_servers.${entry.key}` })),
    ],
  },
  { agent: 'codex', pattern: 'AGENTS.md', format: 'markdown', role: 'instructions', keys: INSTRUCTION_KEYS(CODEX_AGENTS_MD).map((entry) => ({ ...entry, source: `${CODEX_AGENTS_MD}, ${AGENTS_MD}` })) },
  {
    agent: 'claude', pattern: '.claude/settings.json', format: 'json', role: 'settings',
    keys: [
      { key: 'permissions.defaultMode', effect: '"bypassPermissions" runs every tool without asking', source: CLAUDE_PERMISSIONS },
      { key: 'permissions.allow', effect: 'rules such as Bash, Bash(*), Bash(curl:*), Bash(git push:*) run those commands without asking', source: CLAUDE_SETTINGS },
      { key: 'sandbox.enabled', effect: 'false in project settings turns the Bash sandbox off for everyone who opens the repository', source: CLAUDE_SANDBOX },
      { key: 'sandbox.network.allowedDomains', effect: '"*" lets sandboxed commands reach any host', source: CLAUDE_SANDBOX },
    ],
  },
  { agent: 'claude', pattern: '.claude/settings.local.json', format: 'json', role: 'settings', keys: [{ key: '(same keys as .claude/settings.json)', effect: 'personal settings; risky when committed', source: CLAUDE_SETTINGS }] },
  { agent: 'claude', pattern: 'CLAUDE.md', format: 'markdown', role: 'instructions', keys: INSTRUCTION_KEYS(CLAUDE_MEMORY) },
  {
    agent: 'copilot', pattern: '.vscode/settings.json', format: 'jsonc', role: 'settings',
    keys: [
      { key: 'chat.tools.global.autoApprove (formerly chat.tools.autoApprove)', effect: 'true approves every tool call, terminal commands included', source: VSCODE_APPROVALS },
      { key: 'chat.tools.terminal.autoApprove', effect: 'true for /.*/, shells, curl, package managers or git runs those commands without asking', source: VSCODE_APPROVALS },
      { key: 'chat.tools.urls.autoApprove', effect: '"*" lets tools fetch any URL without asking', source: VSCODE_APPROVALS },
    ],
  },
  { agent: 'copilot', pattern: '.vscode/mcp.json', format: 'jsonc', role: 'mcp', keys: MCP_SERVER_KEYS(VSCODE_MCP).map((entry) => ({ ...entry, key: `servers.${entry.key}` })) },
  {
    agent: 'launcher', pattern: '.vscode/tasks.json', format: 'jsonc', role: 'launcher',
    keys: [{ key: 'tasks[].command, tasks[].args', effect: 'agent command lines with prompt- or sandbox-bypassing flags', source: VSCODE_TASKS }],
  },
  { agent: 'copilot', pattern: '.github/copilot-instructions.md', format: 'markdown', role: 'instructions', keys: INSTRUCTION_KEYS(VSCODE_INSTRUCTIONS) },
  { agent: 'copilot', pattern: '.github/instructions/*.instructions.md', format: 'markdown', role: 'instructions', keys: INSTRUCTION_KEYS(VSCODE_INSTRUCTIONS) },
  { agent: 'cursor', pattern: '.cursor/mcp.json', format: 'json', role: 'mcp', keys: MCP_SERVER_KEYS(CURSOR_MCP).map((entry) => ({ ...entry, key: `mcpServers.${entry.key}` })) },
  {
    agent: 'cursor', pattern: '.cursor/cli.json', format: 'json', role: 'settings',
    keys: [{ key: 'permissions.allow', effect: 'Shell(*) or Shell(curl) runs those commands without asking', source: CURSOR_CLI }],
  },
  { agent: 'cursor', pattern: '.cursor/rules/*', format: 'markdown', role: 'instructions', keys: INSTRUCTION_KEYS(CURSOR_RULES) },
  { agent: 'cursor', pattern: '.cursorrules', format: 'markdown', role: 'instructions', keys: INSTRUCTION_KEYS(CURSOR_RULES) },
  {
    agent: 'aider', pattern: '.aider.conf.yml', format: 'yaml', role: 'settings',
    keys: [{ key: 'yes-always', effect: 'true answers yes to every confirmation', source: AIDER_CONFIG }],
  },
  { agent: 'mcp', pattern: '.mcp.json', format: 'json', role: 'mcp', keys: MCP_SERVER_KEYS(CLAUDE_MCP).map((entry) => ({ ...entry, key: `mcpServers.${entry.key}` })) },
  ...['.devcontainer/devcontainer.json', '.devcontainer/*/devcontainer.json', '.devcontainer.json'].map((pattern): AgentFileEntry => ({
    agent: 'devcontainer', pattern, format: 'jsonc', role: 'devcontainer',
    keys: [
      { key: 'privileged', effect: 'true gives the container every capability and host device', source: DEVCONTAINER },
      { key: 'capAdd, securityOpt', effect: 'SYS_ADMIN / ALL or seccomp=unconfined remove the container boundary', source: DEVCONTAINER },
      { key: 'runArgs', effect: '--privileged, --network=host, --pid=host, -v /var/run/docker.sock:…', source: DOCKER_RUN },
      { key: 'mounts', effect: 'the Docker socket (root on the host) or the home directory (keys, tokens) inside the container', source: DEVCONTAINER },
      { key: 'postCreateCommand and the other lifecycle commands', effect: 'agent command lines with prompt- or sandbox-bypassing flags', source: DEVCONTAINER },
    ],
  })),
  {
    agent: 'launcher', pattern: 'package.json', format: 'json', role: 'launcher',
    keys: [
      { key: 'scripts.* (claude)', effect: '--dangerously-skip-permissions, --permission-mode bypassPermissions', source: CLAUDE_CLI },
      { key: 'scripts.* (codex)', effect: '--dangerously-bypass-approvals-and-sandbox, --sandbox danger-full-access, --ask-for-approval never, --full-auto', source: CODEX_CLI },
      { key: 'scripts.* (others)', effect: '--yolo, --yes-always', source: NPM_SCRIPTS },
    ],
  },
];

/** A glob for every catalog path, for editors that list files by pattern (Scan Workspace). */
export const AGENT_FILE_GLOB = `**/{${AGENT_FILES.map((entry) => entry.pattern).join(',')}}`;

/** Compiled once: `*` matches within one path segment. */
const MATCHERS = AGENT_FILES.map((entry) => {
  const pattern = entry.pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('[^/]+');
  return { entry, regex: new RegExp(`(?:^|/)${pattern}$`) };
});

/** The catalog row for a path (relative or absolute, either slash), or undefined when it is not an agent file. */
export function agentFileEntry(filePath: string): AgentFileEntry | undefined {
  const path = filePath.includes('\\') ? filePath.split('\\').join('/') : filePath;
  // Quick reject: every catalog path contains one of these words.
  if (!/(?:codex|AGENTS|claude|CLAUDE|vscode|github|cursor|aider|mcp|devcontainer|package\.json)/.test(path)) return undefined;
  for (const { entry, regex } of MATCHERS) if (regex.test(path)) return entry;
  return undefined;
}

/** The line-comment marker a format allows, for suppression comments; undefined where there is none (JSON, Markdown). */
export function agentLineComment(filePath: string): string | undefined {
  const format = agentFileEntry(filePath)?.format;
  return format === 'toml' || format === 'yaml' ? '#' : format === 'jsonc' ? '//' : undefined;
}
