// The CLI's JSON output: a flat, versioned shape documented in docs/cli.md ("JSON output").
import type { AiAuthorship, Confidence, Fix, Severity } from '../types';
import type { FindingPolicy, ReportScope } from '../scope/model';
import type { ScanReport, ScanSummary } from '../scan';
import { TOOL_NAME, TOOL_VERSION } from '../docs';
import type { AgentAccess } from '../agents/summary';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonFinding {
  path: string;
  ruleId: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  cwe: string[];
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range: [number, number];
  fingerprint: string;
  fixes: Fix[];
  related: { line: number; column: number; endLine: number; endColumn: number; message: string }[];
  suppressed: boolean;
  justification?: string;
  /** What the sensitivity scope's policy changed (see docs/scope.md). */
  policy?: FindingPolicy;
  /** "inSource" (a codeward-ignore comment) or "external" (the suppressions ledger); only when suppressed. */
  suppressionKind?: 'inSource' | 'external';
  /** `scan --diff`: the line was written by a commit that declares an AI assistant. */
  aiAuthorship?: AiAuthorship;
}

export interface JsonNote {
  path: string;
  kind: string;
  message: string;
  line?: number;
  column?: number;
}

export interface JsonReport {
  schemaVersion: number;
  tool: { name: string; version: string };
  root: string;
  summary: ScanSummary;
  findings: JsonFinding[];
  notes: JsonNote[];
  /** The declared sensitivity scope the policy applied, when there is one. */
  scope?: ReportScope;
  /** The coding agents configured in the scanned files (added by the CLI; see docs/agent-access.md). */
  agentAccess?: AgentAccess[];
  /** `scan --diff`, when the range has any: commits that declare an AI assistant, oldest first. */
  aiCommits?: AiAuthorship[];
}

export function toJson(report: ScanReport): JsonReport {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    root: report.root,
    summary: report.summary,
    findings: report.files.flatMap((file) =>
      file.findings.map((finding) => ({
        path: file.path,
        ruleId: finding.ruleId,
        message: finding.message,
        severity: finding.severity,
        confidence: finding.confidence,
        cwe: finding.cwe,
        line: finding.start.line,
        column: finding.start.column,
        endLine: finding.end.line,
        endColumn: finding.end.column,
        range: finding.range,
        fingerprint: finding.fingerprint,
        fixes: finding.fixes,
        related: finding.related.map((related) => ({
          line: related.start.line,
          column: related.start.column,
          endLine: related.end.line,
          endColumn: related.end.column,
          message: related.message,
        })),
        suppressed: finding.suppression !== undefined,
        ...(finding.suppression ? { justification: finding.suppression.justification, suppressionKind: finding.suppression.kind } : {}),
        ...(finding.aiAuthorship ? { aiAuthorship: finding.aiAuthorship } : {}),
        ...(finding.policy ? { policy: finding.policy } : {}),
      })),
    ),
    notes: [
      ...report.files.flatMap((file) =>
        file.notes.map((note) => ({ path: file.path, kind: note.kind, message: note.message, line: note.start?.line, column: note.start?.column })),
      ),
      ...report.skipped.map((entry) => ({ path: entry.path, kind: 'skipped', message: `Skipped: ${entry.reason}` })),
    ],
    ...(report.scope ? { scope: report.scope } : {}),
    ...(report.aiCommits ? { aiCommits: report.aiCommits } : {}),
  };
}
