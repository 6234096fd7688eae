// agent-approval-disabled: committed settings or command lines that let a coding agent act without asking.
import type { Rule } from '../rule';
import { findFlagUses } from '../agents/command-lines';
import { declaredSettings } from '../agents/settings';
import { replaceValue, reviewFix } from '../agents/edits';

export const agentApprovalDisabled: Rule = {
  meta: {
    id: 'agent-approval-disabled',
    category: 'agent-access',
    title: 'Coding agent approvals turned off',
    description: 'Codex approval_policy "never", Claude Code defaultMode "bypassPermissions", VS Code chat.tools.global.autoApprove, Aider yes-always, and --dangerously-skip-permissions / --yolo / --full-auto in scripts and tasks let an agent run commands and tools without asking anyone.',
    severity: 'warning',
    cwe: [269],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    for (const setting of declaredSettings(file)) {
      if (setting.kind !== 'approval') continue;
      const { value, key } = setting;
      if (file.entry.agent === 'codex' && value.value === 'never') {
        report({
          range: value.range,
          message: `${key} = "never" lets Codex run every command it chooses without asking, so a planted instruction or a wrong guess executes unchecked.`,
          confidence: 'high',
          fixes: reviewFix('Use "on-request" (review: Codex asks before leaving the sandbox; unattended runs may stop and wait)', [replaceValue(file, value, 'on-request')]),
        });
      } else if (file.entry.agent === 'claude' && value.value === 'bypassPermissions') {
        report({
          range: value.range,
          message: 'defaultMode "bypassPermissions" in committed settings starts every Claude Code session in this repository with all permission prompts skipped.',
          confidence: 'high',
          fixes: reviewFix('Use "default" (review: Claude Code asks before edits and commands again)', [replaceValue(file, value, 'default')]),
        });
      } else if (file.entry.agent === 'copilot' && key !== 'chat.tools.terminal.autoApprove' && value.value === true) {
        report({
          range: value.range,
          message: `${key}: true approves every tool call in agent mode, terminal commands and file edits included, for everyone who opens this workspace.`,
          confidence: 'high',
          fixes: reviewFix('Set it to false (review: tool calls ask for approval again)', [replaceValue(file, value, false)]),
        });
      } else if (file.entry.agent === 'aider' && value.value === true) {
        report({
          range: value.range,
          message: 'yes-always: true answers yes to every Aider confirmation, including running the shell commands it suggests.',
          confidence: 'high',
          fixes: reviewFix('Set it to false (review: Aider asks again before acting)', [replaceValue(file, value, false)]),
        });
      }
    }
    for (const use of findFlagUses(file)) {
      if (use.effect !== 'approval') continue;
      report({
        range: use.range,
        message: `${use.flag} ${use.describe}; committed in the repository, it applies to everyone who runs this command.`,
        confidence: use.flag === '--full-auto' ? 'medium' : 'high',
        fixes: use.fixes,
      });
    }
  },
};
