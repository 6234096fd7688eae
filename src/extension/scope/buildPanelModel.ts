// Turns the core's scope status and the editor's findings into the Scope view's model (plain data, no vscode).
import { findRule } from '../../core';
import type { AgentAccess, AgentSetting, Evidence, Finding, ScopeStatus, Severity } from '../../core';
import type { PanelAgent, PanelEvidence, PanelLocation, PanelModel } from './panelModel';

/** A finding with the file it is in, relative to the scope's root (forward slashes). */
export interface LocatedFinding {
  path: string;
  finding: Finding;
}

const NEWEST_FINDINGS = 10;
const NEW_IMPORTS = 10;
const EVIDENCE_PER_KIND = 5;
const CHANGE_KIND: Record<ScopeStatus['threatModel']['changesSinceReview'][number]['kind'], string> = {
  'entry-point': 'New entry point',
  'outbound-call': 'New outbound call',
  dependency: 'New dependency',
};

function relativeTo(root: string, file: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

function evidenceItem(label: string, evidence: Evidence): PanelEvidence {
  const where = `${evidence.path}${evidence.line ? `:${evidence.line}` : ''}`;
  return { label: `${label} (${where})`, location: { path: evidence.path, line: evidence.line ?? 1, column: 1 } };
}

function locationOf({ path, finding }: LocatedFinding): PanelLocation {
  return { path, line: finding.start.line, column: finding.start.column };
}

function settingItem(setting: AgentSetting): PanelEvidence {
  return { label: `${setting.key} = ${setting.value}`, location: { path: setting.path, line: setting.line, column: 1 } };
}

function agentItem(agent: AgentAccess): PanelAgent {
  return {
    name: agent.name,
    files: agent.files,
    sandbox: agent.sandbox.map(settingItem),
    approval: agent.approval.map(settingItem),
    network: agent.network.map(settingItem),
    violations: agent.violations.map((violation) => ({
      ruleId: violation.ruleId,
      message: violation.message,
      severity: violation.severity,
      location: { path: violation.path, line: violation.line, column: violation.column },
    })),
  };
}

export function buildPanelModel(
  folder: string,
  status: ScopeStatus,
  findings: readonly LocatedFinding[],
  findingsSource: string,
  agents: readonly AgentAccess[] = [],
): PanelModel {
  const { declared, inferred, threatModel } = status;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCategory = new Map<string, number>();
  for (const { finding } of findings) {
    bySeverity[finding.severity] += 1;
    const category = findRule(finding.ruleId)?.meta.category ?? 'other';
    byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
  }
  const isImport = ({ finding }: LocatedFinding): boolean => findRule(finding.ruleId)?.meta.category === 'supply-chain';

  return {
    folder,
    scopeFile: {
      path: relativeTo(status.root, status.file),
      state: !status.exists ? 'missing' : status.errors.length > 0 ? 'invalid' : 'valid',
      problems: status.errors.map((error) => `${error.jsonPath}${error.line ? ` (line ${error.line})` : ''}: ${error.reason}`),
    },
    classification: {
      declared: declared?.classification,
      inferred: inferred.classification,
      understated: status.understatements.some((entry) => entry.kind === 'classification'),
      reasons: inferred.reasons.map((reason) => ({ label: reason })),
      policy: status.policy.summary,
    },
    dataKinds: {
      declared: declared?.dataKinds ?? [],
      inferred: inferred.dataKinds.map((kind) => ({
        kind,
        evidence: inferred.signals
          .filter((signal) => signal.dataKind === kind)
          .flatMap((signal) => signal.evidence.map((evidence) => evidenceItem(signal.description, evidence)))
          .slice(0, EVIDENCE_PER_KIND),
      })),
    },
    frameworks: declared?.frameworks ?? [],
    owners: status.owners.map((owner) => (owner.source === 'scope' ? owner.name : `${owner.name} (${owner.file})`)),
    aiPolicy: declared && {
      aiEditsAllowed: declared.aiPolicy.editsAllowed,
      reviewRequired: declared.aiPolicy.reviewRequired,
      restrictedPaths: declared.aiPolicy.restrictedPaths,
      assistants: declared.aiPolicy.approvedAssistants.map((assistant) => {
        // The core names an assistant with its plan ("Copilot (Business)") and starts each reason with that name.
        const key = assistant.plan ? `${assistant.name} (${assistant.plan})` : assistant.name;
        return {
          name: assistant.name,
          plan: assistant.plan,
          problems: status.assistantProblems
            .filter((problem) => problem.assistant === key)
            .map((problem) => (problem.reason.startsWith(`${key}: `) ? problem.reason.slice(key.length + 2) : problem.reason)),
        };
      }),
    },
    threatModel: {
      state: threatModel.state,
      document: threatModel.document,
      owner: threatModel.owner,
      lastReviewed: threatModel.lastReviewed && `${threatModel.lastReviewed}${threatModel.lastReviewedSource === 'git' ? ' (last commit of the document)' : ''}`,
      nextReview: threatModel.dueDate,
      reasons: threatModel.reasons,
      changes: threatModel.changesSinceReview.map((change) => ({
        label: `${CHANGE_KIND[change.kind]}: ${change.description} (${change.path}${change.line ? `:${change.line}` : ''}, ${change.date})`,
        location: { path: change.path, line: change.line ?? 1, column: 1 },
      })),
      threats: threatModel.counts && { open: threatModel.counts.open, mitigated: threatModel.counts.mitigated },
    },
    findings: {
      source: findingsSource,
      total: findings.length,
      policyViolations: findings.filter(({ finding }) => finding.policy?.restrictedPath !== undefined).length,
      bySeverity,
      byCategory: [...byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      newest: findings.slice(0, NEWEST_FINDINGS).map((located) => ({
        ruleId: located.finding.ruleId,
        message: located.finding.message,
        severity: located.finding.severity,
        location: locationOf(located),
      })),
    },
    newImports: findings.filter(isImport).slice(0, NEW_IMPORTS).map((located) => ({ name: located.finding.message, location: locationOf(located) })),
    agentAccess: agents.map(agentItem),
  };
}
