// agent-network-access: network access opened inside an agent's sandbox, for every host.
import type { Rule } from '../rule';
import type { ConfigNode } from '../agents/document';
import { findFlagUses } from '../agents/command-lines';
import { declaredSettings, isClaudeSettings } from '../agents/settings';
import { valueAt } from '../agents/document';
import { removeArrayItem, removeJsonProperty, replaceValue, reviewFix } from '../agents/edits';

const ANY_HOST = /^(?:\*|\*\.\*|https?:\/\/\*\/?\*?|\*:\/\/\*)$/;

function approves(value: ConfigNode): boolean {
  return value.value === true || valueAt(value, 'approveRequest')?.value === true;
}

export const agentNetworkAccess: Rule = {
  meta: {
    id: 'agent-network-access',
    category: 'agent-access',
    title: 'Network open inside the agent sandbox',
    description: 'Codex sandbox_workspace_write.network_access true, Claude Code sandbox domains "*" or a bare WebFetch allow rule, and VS Code URL auto-approval for "*" let sandboxed agent commands reach any host, the usual way data leaves.',
    severity: 'warning',
    cwe: [923],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    for (const setting of declaredSettings(file)) {
      if (setting.kind !== 'network') continue;
      const { value, key } = setting;
      if (file.entry.agent === 'codex' && value.value === true) {
        report({
          range: value.range,
          message: `${key} = true lets commands in Codex's sandbox reach any host: a prompt-injected command can upload the code or the user's tokens.`,
          confidence: 'high',
          fixes: reviewFix('Set it to false (review: commands that need the network will ask first)', [replaceValue(file, value, false)]),
        });
      } else if (file.entry.agent === 'claude') {
        for (const item of value.items ?? []) {
          if (typeof item.value !== 'string' || !ANY_HOST.test(item.value)) continue;
          report({
            range: item.range,
            message: `sandbox.network.allowedDomains "${item.value}" lets sandboxed commands reach every host without asking.`,
            confidence: 'high',
            fixes: reviewFix('Remove the wildcard (review: list the domains the project needs instead)', [removeArrayItem(value, item)]),
          });
        }
      } else if (file.entry.agent === 'copilot') {
        for (const entry of value.properties ?? []) {
          if (!ANY_HOST.test(entry.key) || !approves(entry.value)) continue;
          report({
            range: entry.keyRange,
            message: `${key} "${entry.key}" lets agent tools fetch any URL without asking.`,
            confidence: 'high',
            fixes: reviewFix('Remove the wildcard (review: URLs ask for approval again)', removeJsonProperty(file, entry.value)),
          });
        }
      }
    }
    if (isClaudeSettings(file)) {
      const allow = valueAt(file.root, 'permissions.allow');
      for (const item of allow?.items ?? []) {
        if (item.value !== 'WebFetch' && item.value !== 'WebFetch(*)' && item.value !== 'WebFetch(domain:*)') continue;
        report({
          range: item.range,
          message: `permissions.allow "${item.value}" lets Claude Code fetch any URL without asking.`,
          confidence: 'high',
          fixes: reviewFix('Remove the rule (review: allow WebFetch(domain:…) for the domains the project needs)', [removeArrayItem(allow!, item)]),
        });
      }
    }
    for (const use of findFlagUses(file)) {
      if (use.effect !== 'network') continue;
      report({ range: use.range, message: `${use.flag} ${use.describe}: any host, without asking.`, confidence: 'high', fixes: use.fixes });
    }
  },
};
