// agent-sandbox-disabled: committed settings or command lines that run a coding agent without its sandbox.
import type { Rule } from '../rule';
import { findFlagUses } from '../agents/command-lines';
import { declaredSettings } from '../agents/settings';
import { replaceValue, reviewFix } from '../agents/edits';

export const agentSandboxDisabled: Rule = {
  meta: {
    id: 'agent-sandbox-disabled',
    category: 'agent-access',
    title: 'Coding agent sandbox disabled',
    description: 'Codex sandbox_mode "danger-full-access", Claude Code sandbox.enabled false in project settings, and --dangerously-bypass-approvals-and-sandbox / --sandbox danger-full-access in scripts and tasks let an agent run commands with the full rights of the user.',
    severity: 'warning',
    cwe: [250],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    for (const setting of declaredSettings(file)) {
      if (setting.kind !== 'sandbox') continue;
      const { value } = setting;
      if (file.entry.agent === 'codex' && value.value === 'danger-full-access') {
        report({
          range: value.range,
          message: `${setting.key} = "danger-full-access" runs every command Codex chooses without a sandbox: it can write anywhere, reach any host and read every credential of the user.`,
          confidence: 'high',
          fixes: reviewFix('Use "workspace-write" (review: writes outside the workspace and network use will ask first)', [replaceValue(file, value, 'workspace-write')]),
        });
      } else if (file.entry.agent === 'claude' && value.value === false) {
        report({
          range: value.range,
          message: 'sandbox.enabled: false in committed project settings turns the Bash sandbox off for everyone who opens the repository, even where their own settings enable it.',
          confidence: 'high',
          fixes: reviewFix('Enable the sandbox (review: commands that need more access will ask first)', [replaceValue(file, value, true)]),
        });
      }
    }
    for (const use of findFlagUses(file)) {
      if (use.effect !== 'sandbox') continue;
      report({ range: use.range, message: `${use.flag} ${use.describe}: the agent can change any file and reach any host with the user's rights.`, confidence: 'high', fixes: use.fixes });
    }
  },
};
