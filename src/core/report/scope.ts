// `codeward scope` output: the JSON shape documented in docs/cli.md ("codeward scope") and its text rendering.
import { relative } from 'node:path';
import type { ScopeStatus, Evidence } from '../scope/model';
import { toPosix } from '../files';
import { TOOL_NAME, TOOL_VERSION } from '../docs';

export const SCOPE_JSON_SCHEMA_VERSION = 1;

export type ScopeJson = Omit<ScopeStatus, 'file'> & {
  schemaVersion: number;
  tool: { name: string; version: string };
  /** The scope file, relative to the root. */
  file: string;
};

export function scopeToJson(status: ScopeStatus): ScopeJson {
  return {
    schemaVersion: SCOPE_JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    ...status,
    file: toPosix(relative(status.root, status.file)),
  };
}

function where(evidence: Evidence): string {
  return evidence.line !== undefined ? `${evidence.path}:${evidence.line}` : evidence.path;
}

function list(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : 'none';
}

export function scopeToText(status: ScopeStatus): string {
  const out: string[] = [];
  const file = toPosix(relative(status.root, status.file));
  const { declared, inferred } = status;
  out.push(`Scope of ${status.root}`);
  out.push('');
  if (declared) {
    out.push(`Declared (${file})`);
    out.push(`  classification   ${declared.classification}`);
    out.push(`  data kinds       ${list(declared.dataKinds)}`);
    out.push(`  frameworks       ${list(declared.frameworks)}`);
    const ai = declared.aiPolicy;
    out.push(`  AI edits         ${ai.editsAllowed ? 'allowed' : 'not allowed'}${ai.reviewRequired ? ', review required' : ''}`);
    out.push(`  restricted paths ${list(ai.restrictedPaths)}`);
    for (const assistant of ai.approvedAssistants) {
      const terms = [assistant.plan, assistant.retention && `retention: ${assistant.retention}`, assistant.residency && `residency: ${assistant.residency}`].filter(Boolean).join('; ');
      out.push(`  assistant        ${assistant.name}${terms ? ` (${terms})` : ''}: ${list(assistant.certifications)}${assistant.checked ? `, checked ${assistant.checked}` : ''}`);
    }
  } else {
    out.push(`Declared: none (no ${file}; see docs/scope.md)`);
  }
  out.push('');
  out.push(`Inferred: ${inferred.classification} (${inferred.filesRead} ${inferred.filesRead === 1 ? 'file' : 'files'} read)`);
  for (const signal of inferred.signals) {
    out.push(`  ${signal.dataKind.padEnd(14)} ${signal.description}`);
    for (const evidence of signal.evidence.slice(0, 3)) out.push(`  ${''.padEnd(14)}   ${where(evidence)}`);
    if (signal.evidence.length > 3) out.push(`  ${''.padEnd(14)}   … ${signal.evidence.length - 3} more`);
  }
  if (status.understatements.length > 0) {
    out.push('');
    out.push('The declaration understates');
    for (const understatement of status.understatements) out.push(`  ${understatement.reason}`);
  }
  out.push('');
  out.push(`Policy (${status.effectiveClassification}): ${status.policy.summary}`);
  if (status.findings) {
    const { bySeverity, policyViolations, raised } = status.findings;
    out.push(`  findings: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info; ${raised} raised by the policy, ${policyViolations} in restricted paths`);
  }
  out.push('');
  const model = status.threatModel;
  out.push(`Threat model: ${model.state}${model.document ? ` (${model.document}${model.format && model.format !== 'document' ? `, ${model.format}` : ''})` : ''}`);
  if (model.lastReviewed) out.push(`  last review ${model.lastReviewed}${model.lastReviewedSource === 'git' ? ' (last commit of the document)' : ''}; due ${model.dueDate}`);
  if (model.counts) {
    const { threats, open, mitigated, other, mitigations, mitigationsImplemented } = model.counts;
    const done = mitigationsImplemented !== undefined ? ` (${mitigationsImplemented} implemented)` : '';
    out.push(`  ${threats} threats: ${open} open, ${mitigated} mitigated, ${other} other; ${mitigations} mitigations${done}`);
  }
  for (const reason of model.reasons) out.push(`  ${reason}`);
  for (const change of model.changesSinceReview.slice(0, 20)) {
    out.push(`    ${change.kind.padEnd(13)} ${change.path}${change.line ? `:${change.line}` : ''} (${change.commit}, ${change.date}) ${change.description}`);
  }
  if (model.changesSinceReview.length > 20) out.push(`    … ${model.changesSinceReview.length - 20} more`);
  out.push('');
  if (status.assistantProblems.length > 0) {
    out.push('Assistant problems');
    for (const problem of status.assistantProblems) out.push(`  ${problem.reason}`);
  } else {
    out.push('Assistant problems: none');
  }
  out.push('');
  out.push(`Owners: ${status.owners.length > 0 ? `${status.owners.map((owner) => owner.name).join(', ')} (from ${status.owners[0].file})` : 'none found'}`);
  return `${out.join('\n')}\n`;
}
