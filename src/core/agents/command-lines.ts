// Agent command lines committed in scripts, tasks and container hooks, and the flags in them that widen what the
// agent may do. Flags are matched in the raw text of the string (they contain nothing JSON escapes), so offsets are
// the file's own.
import type { Fix, Range } from '../types';
import type { AgentFile, ConfigNode } from './document';
import { property, strings, valueAt } from './document';
import { removeArrayItem } from './edits';

export type FlagEffect = 'sandbox' | 'approval' | 'network';

interface FlagPattern {
  effect: FlagEffect;
  pattern: RegExp;
  /** The whole command line must also match this (flags that are only dangerous for one tool). */
  requires?: RegExp;
  describe: string;
}

const FLAGS: readonly FlagPattern[] = [
  { effect: 'sandbox', pattern: /--dangerously-bypass-approvals-and-sandbox\b/, describe: 'runs Codex with no sandbox and no approval prompts' },
  { effect: 'sandbox', pattern: /(?:--sandbox|-s)[= ]danger-full-access\b/, describe: 'runs Codex without a sandbox' },
  { effect: 'sandbox', pattern: /(?:-c|--config)[= ]sandbox_mode=["']?danger-full-access\b["']?/, describe: 'runs Codex without a sandbox' },
  { effect: 'approval', pattern: /--dangerously-skip-permissions\b/, describe: 'runs Claude Code without any permission prompt' },
  { effect: 'approval', pattern: /--permission-mode[= ]bypassPermissions\b/, describe: 'runs Claude Code without any permission prompt' },
  { effect: 'approval', pattern: /(?:--ask-for-approval|-a)[= ]never\b/, requires: /\bcodex\b/, describe: 'never asks before Codex runs a command' },
  { effect: 'approval', pattern: /(?:-c|--config)[= ]approval_policy=["']?never\b["']?/, describe: 'never asks before Codex runs a command' },
  { effect: 'approval', pattern: /--full-auto\b/, describe: 'lets Codex edit and run commands in the workspace without asking' },
  { effect: 'approval', pattern: /--yolo\b/, describe: 'approves every action without asking' },
  { effect: 'approval', pattern: /--yes-always\b/, describe: 'answers yes to every confirmation' },
  { effect: 'approval', pattern: /--allow-all-tools\b/, describe: 'lets the agent run every tool without asking' },
  { effect: 'approval', pattern: /(?:--force|-f)\b/, requires: /\bcursor-agent\b/, describe: 'lets Cursor run commands unless explicitly denied' },
  { effect: 'network', pattern: /(?:-c|--config)[= ]sandbox_workspace_write\.network_access=["']?true\b["']?/, describe: 'lets sandboxed Codex commands reach the network' },
];

export interface FlagUse {
  effect: FlagEffect;
  range: Range;
  flag: string;
  describe: string;
  fixes: Fix[];
}

const LIFECYCLE_COMMANDS = ['initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'];

/** The strings in the file that are command lines (or parts of one), with the array holding each part. */
function commandLines(file: AgentFile): { node: ConfigNode; line: string; array?: ConfigNode }[] {
  const root = file.root;
  if (!root) return [];
  const result: { node: ConfigNode; line: string; array?: ConfigNode }[] = [];
  const add = (value: ConfigNode | undefined, line?: string): void => {
    if (!value) return;
    if (value.type === 'string') result.push({ node: value, line: line ?? String(value.value) });
    else if (value.type === 'array') {
      const whole = line ?? strings(value).map((item) => String(item.value)).join(' ');
      for (const item of value.items ?? []) if (item.type === 'string') result.push({ node: item, line: whole, array: value });
    } else for (const entry of value.properties ?? []) add(entry.value);
  };
  if (file.entry.pattern === 'package.json') {
    for (const entry of valueAt(root, 'scripts')?.properties ?? []) add(entry.value);
  } else if (file.entry.role === 'devcontainer') {
    for (const name of LIFECYCLE_COMMANDS) add(property(root, name)?.value);
  } else if (file.entry.pattern === '.vscode/tasks.json') {
    for (const task of valueAt(root, 'tasks')?.items ?? []) {
      for (const scope of [task, valueAt(task, 'windows'), valueAt(task, 'linux'), valueAt(task, 'osx')]) {
        const command = property(scope, 'command')?.value;
        const args = property(scope, 'args')?.value;
        const line = [...strings(command), ...strings(args)].map((item) => String(item.value)).join(' ');
        add(command, line);
        add(args, line);
      }
    }
  }
  return result;
}

/** Every bypassing flag in the file's command lines, with a fix that removes it. */
export function findFlagUses(file: AgentFile): FlagUse[] {
  const uses: FlagUse[] = [];
  for (const { node, line, array } of commandLines(file)) {
    // The raw text between the quotes: offsets in it are offsets in the file.
    const rawStart = node.range[0] + (file.text[node.range[0]] === '"' || file.text[node.range[0]] === "'" ? 1 : 0);
    const raw = file.text.slice(rawStart, node.range[1]);
    for (const flag of FLAGS) {
      if (flag.requires && !flag.requires.test(line)) continue;
      const pattern = new RegExp(`(?:^|(?<=[\\s"'=]))${flag.pattern.source}`, 'g');
      for (const match of raw.matchAll(pattern)) {
        const start = rawStart + (match.index ?? 0);
        const range: Range = [start, start + match[0].length];
        const wholeItem = array !== undefined && String(node.value).trim() === match[0];
        let before = 0;
        while (before < (match.index ?? 0) && (raw[(match.index ?? 0) - before - 1] === ' ' || raw[(match.index ?? 0) - before - 1] === '\t')) before++;
        const edit = wholeItem && array ? removeArrayItem(array, node) : { range: [range[0] - before, range[1]] as Range, text: '' };
        uses.push({
          effect: flag.effect,
          range,
          flag: match[0],
          describe: flag.describe,
          fixes: [{ title: `Remove ${match[0]} (review: the agent asks again before acting)`, safety: 'review', edits: [edit] }],
        });
      }
    }
  }
  return uses;
}
