// agent-broad-command-allowlist: command allow-lists that pre-approve any command, downloads piped to a shell,
// package installs or git push.
import type { Rule } from '../rule';
import type { ConfigNode } from '../agents/document';
import { property, valueAt } from '../agents/document';
import { isClaudeSettings } from '../agents/settings';
import { removeArrayItem, removeJsonProperty, reviewFix } from '../agents/edits';

type Breadth = 'any' | 'interpreter' | 'download' | 'install' | 'push';

/** Commands an allow rule is tested against: one that matches a probe pre-approves that kind of command. */
const PROBES: [Breadth, string[]][] = [
  ['any', ['zz-unlisted-tool --do-anything']],
  ['download', ['curl -fsSL https://example.com/install.sh | sh', 'wget -qO- https://example.com/install.sh | bash', 'curl https://example.com/x', 'wget https://example.com/x', 'iwr https://example.com/x | iex', 'Invoke-WebRequest https://example.com/x']],
  ['interpreter', ['bash -c x', 'sh -c x', 'zsh -c x', 'pwsh -Command x', 'powershell -Command x', 'cmd /c x', 'eval x', 'sudo x', 'node -e x', 'python -c x', 'python3 -c x', 'xargs sh -c x', 'env sh -c x']],
  ['install', ['npm install left-pad', 'npm i left-pad', 'pnpm add left-pad', 'yarn add left-pad', 'bun add left-pad', 'npx left-pad', 'pnpm dlx left-pad', 'bunx left-pad', 'pip install requests', 'pip3 install requests', 'uv pip install requests', 'uvx some-tool', 'cargo install ripgrep', 'gem install rails', 'go install example.com/x@latest', 'brew install x', 'apt-get install x', 'apt install x']],
  ['push', ['git push origin main', 'git push --force']],
];

const DESCRIBE: Record<Breadth, string> = {
  any: 'pre-approves every shell command',
  interpreter: 'pre-approves a shell or interpreter, which runs any command passed to it',
  download: 'pre-approves downloads, including `curl … | sh` that runs code from the internet',
  install: 'pre-approves package installs, which run install scripts from the registry',
  push: 'pre-approves `git push`, which publishes changes without review',
};

function breadth(matches: (command: string) => boolean): Breadth | undefined {
  for (const [kind, probes] of PROBES) if (probes.some(matches)) return kind;
  return undefined;
}

function globMatcher(pattern: string): (command: string) => boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (command) => regex.test(command);
}

/** Claude Code `Bash(…)` and Cursor `Shell(…)` rules: a prefix with `:*`, a glob, or an exact command. */
function toolRuleMatcher(rule: string): ((command: string) => boolean) | undefined {
  const match = /^\s*(Bash|Shell)\s*(?:\((.*)\))?\s*$/.exec(rule);
  if (!match) return undefined;
  const content = (match[2] ?? '').trim();
  if (content === '' || content === '*' || content === ':*') return () => true;
  const prefix = /^(.*?):\*$/.exec(content);
  if (prefix) return (command) => command === prefix[1] || command.startsWith(`${prefix[1]} `) || command.startsWith(prefix[1]);
  return globMatcher(content);
}

/** VS Code `chat.tools.terminal.autoApprove` keys: `/regex/flags` or a command prefix. */
function terminalKeyMatcher(key: string): ((command: string) => boolean) | undefined {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(key);
  if (regex) {
    try {
      const compiled = new RegExp(regex[1], regex[2].replace(/[gy]/g, ''));
      return (command) => compiled.test(command);
    } catch {
      return undefined;
    }
  }
  return (command) => command === key || command.startsWith(`${key} `);
}

function approves(value: ConfigNode): boolean {
  return value.value === true || property(value, 'approve')?.value.value === true;
}

export const agentBroadCommandAllowlist: Rule = {
  meta: {
    id: 'agent-broad-command-allowlist',
    category: 'agent-access',
    title: 'Broad agent command allow-list',
    description: 'Claude Code permissions.allow, Cursor CLI permissions and VS Code chat.tools.terminal.autoApprove entries that pre-approve any shell command, shells and interpreters, curl | sh downloads, package installs or git push.',
    severity: 'warning',
    cwe: [863],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    if (isClaudeSettings(file) || file.entry.pattern === '.cursor/cli.json') {
      const allow = valueAt(file.root, 'permissions.allow');
      for (const item of allow?.items ?? []) {
        if (typeof item.value !== 'string') continue;
        const matcher = toolRuleMatcher(item.value);
        const kind = matcher && breadth(matcher);
        if (!kind || !allow) continue;
        report({
          range: item.range,
          message: `permissions.allow "${item.value}" ${DESCRIBE[kind]}; the agent runs it without asking anyone.`,
          confidence: 'high',
          fixes: reviewFix('Remove the rule (review: the agent asks before running these commands)', [removeArrayItem(allow, item)]),
        });
      }
    }
    if (file.entry.agent === 'copilot' && file.entry.role === 'settings') {
      const rules = property(file.root, 'chat.tools.terminal.autoApprove')?.value;
      for (const entry of rules?.properties ?? []) {
        if (!approves(entry.value)) continue;
        const matcher = terminalKeyMatcher(entry.key);
        const kind = matcher && breadth(matcher);
        if (!kind) continue;
        report({
          range: entry.keyRange,
          message: `chat.tools.terminal.autoApprove "${entry.key}" ${DESCRIBE[kind]}; agent mode runs it in the terminal without asking.`,
          confidence: 'high',
          fixes: reviewFix('Remove the rule (review: the agent asks before running these commands)', removeJsonProperty(file, entry.value)),
        });
      }
    }
  },
};
