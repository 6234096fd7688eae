// The sandbox, approval and network settings each agent's file declares, read the same way by the rules and by
// agentAccessSummary().
import type { AgentFile, ConfigNode, ConfigProperty } from './document';
import { property, propertyAt } from './document';

export type SettingKind = 'sandbox' | 'approval' | 'network';

export interface DeclaredSetting {
  kind: SettingKind;
  /** As written in the file: "sandbox_mode", "profiles.ci.approval_policy", "permissions.defaultMode". */
  key: string;
  property: ConfigProperty;
  value: ConfigNode;
}

/** Codex reads its keys at the top level and in each `[profiles.<name>]` table. */
function codexScopes(file: AgentFile): { prefix: string; node: ConfigNode }[] {
  if (!file.root) return [];
  const profiles = property(file.root, 'profiles')?.value.properties ?? [];
  return [{ prefix: '', node: file.root }, ...profiles.map((entry) => ({ prefix: `profiles.${entry.key}.`, node: entry.value }))];
}

const CODEX_KEYS: [SettingKind, string][] = [
  ['sandbox', 'sandbox_mode'],
  ['approval', 'approval_policy'],
  ['network', 'sandbox_workspace_write.network_access'],
];
/** VS Code settings are flat dotted keys. */
const VSCODE_KEYS: [SettingKind, string][] = [
  ['approval', 'chat.tools.global.autoApprove'],
  ['approval', 'chat.tools.autoApprove'],
  ['approval', 'chat.tools.terminal.autoApprove'],
  ['network', 'chat.tools.urls.autoApprove'],
];

export function declaredSettings(file: AgentFile): DeclaredSetting[] {
  const root = file.root;
  if (!root) return [];
  const found: DeclaredSetting[] = [];
  const add = (kind: SettingKind, key: string, entry: ConfigProperty | undefined): void => {
    if (entry) found.push({ kind, key, property: entry, value: entry.value });
  };
  switch (file.entry.agent) {
    case 'codex':
      for (const scope of codexScopes(file)) for (const [kind, key] of CODEX_KEYS) add(kind, scope.prefix + key, propertyAt(scope.node, key));
      break;
    case 'claude':
      add('approval', 'permissions.defaultMode', propertyAt(root, 'permissions.defaultMode'));
      add('sandbox', 'sandbox.enabled', propertyAt(root, 'sandbox.enabled'));
      add('network', 'sandbox.network.allowedDomains', propertyAt(root, 'sandbox.network.allowedDomains'));
      break;
    case 'copilot':
      for (const [kind, key] of VSCODE_KEYS) add(kind, key, property(root, key));
      break;
    case 'aider':
      add('approval', 'yes-always', property(root, 'yes-always'));
      break;
    default:
      break;
  }
  return found;
}

/** Whether the file is Claude Code's project settings (shared or local). */
export function isClaudeSettings(file: AgentFile): boolean {
  return file.entry.agent === 'claude' && file.entry.role === 'settings';
}
