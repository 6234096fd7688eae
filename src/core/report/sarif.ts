// SARIF 2.1.0 for GitHub code scanning and other consumers; locations relative to %SRCROOT% (the scan root).
import type * as Sarif from 'sarif';
import { pathToFileURL } from 'node:url';
import { relative } from 'node:path';
import { toPosix } from '../files';
import type { Finding, Severity } from '../types';
import type { Rule } from '../rule';
import { RULES } from '../rules';
import { REPOSITORY_URL, ruleDocsUrl, TOOL_VERSION } from '../docs';
import type { ScanReport } from '../scan';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub ranks security alerts by this CVSS-like score: error -> high, warning -> medium, info -> low. */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };
export const FINGERPRINT_KEY = 'codeward/v1';
const SRCROOT = '%SRCROOT%';

export function toSarif(report: ScanReport, rules: readonly Rule[] = RULES): Sarif.Log {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const results: Sarif.Result[] = [];
  // With a baseline, known findings stay in the log as "unchanged" so code scanning does not close their alerts.
  const compared = report.summary.baselined !== undefined;
  for (const file of report.files) {
    for (const finding of file.findings) results.push(withBaselineState(toResult(finding, file.path, ruleIndex, report.root), compared && 'new'));
    for (const finding of file.baselined ?? []) results.push(withBaselineState(toResult(finding, file.path, ruleIndex, report.root), 'unchanged'));
  }
  const notifications: Sarif.Notification[] = [
    ...report.files.flatMap((file) =>
      file.notes.map((note) => notification(note.message, file.path, note.start?.line, note.start?.column)),
    ),
    ...report.skipped.map((entry) => notification(`Skipped: ${entry.reason}`, entry.path)),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Codeward',
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: REPOSITORY_URL,
            rules: rules.map(toRuleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
        ...(report.scope || report.aiCommits ? { properties: { ...(report.scope ? { scope: report.scope } : {}), ...(report.aiCommits ? { aiCommits: report.aiCommits } : {}) } } : {}),
      },
    ],
  };
}

function toRuleDescriptor(rule: Rule): Sarif.ReportingDescriptor {
  const { meta } = rule;
  const cweTags = meta.cwe.map((id) => `external/cwe/cwe-${id}`);
  const docs = ruleDocsUrl(meta.id);
  return {
    id: meta.id,
    name: meta.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : '')),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description} See ${docs}`,
      markdown: `${meta.description}\n\n[Rule documentation](${docs})`,
    },
    helpUri: docs,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['security', ...cweTags],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: 'high',
    },
  };
}

function region(start: Finding['start'], end: Finding['end']): Sarif.Region {
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

function artifact(path: string): Sarif.ArtifactLocation {
  return { uri: encodeURI(path), uriBaseId: SRCROOT };
}

function toResult(finding: Finding, path: string, ruleIndex: Map<string, number>, root: string): Sarif.Result {
  const result: Sarif.Result = {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: artifact(path), region: region(finding.start, finding.end) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      confidence: finding.confidence,
      cwe: finding.cwe,
      ...(finding.policy ? { policy: finding.policy } : {}),
      ...(finding.aiAuthorship ? { aiAuthorship: finding.aiAuthorship } : {}),
    },
  };
  if (finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, index) => ({
      id: index + 1,
      message: { text: related.message },
      physicalLocation: { artifactLocation: artifact(path), region: region(related.start, related.end) },
    }));
  }
  if (finding.fixes.length > 0) {
    result.fixes = finding.fixes.map((fix) => ({
      description: { text: fix.title },
      // One change per file: a fix may also edit another file (a dependency added to package.json).
      artifactChanges: [...new Set(fix.edits.map((edit) => edit.path))].map((other) => ({
        artifactLocation: artifact(other === undefined ? path : toPosix(relative(root, other))),
        replacements: fix.edits.filter((edit) => edit.path === other).map((edit) => ({
          deletedRegion: { charOffset: edit.range[0], charLength: edit.range[1] - edit.range[0] },
          insertedContent: { text: edit.text },
        })),
      })),
      properties: { safety: fix.safety },
    }));
  }
  if (finding.suppression) {
    result.suppressions = [{ kind: finding.suppression.kind, justification: finding.suppression.justification }];
  }
  return result;
}

function withBaselineState(result: Sarif.Result, state: Sarif.Result.baselineState | false): Sarif.Result {
  return state ? { ...result, baselineState: state } : result;
}

function notification(text: string, path: string, line?: number, column?: number): Sarif.Notification {
  return {
    level: 'note',
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(path),
          ...(line !== undefined ? { region: { startLine: line, startColumn: column ?? 1 } } : {}),
        },
      },
    ],
  };
}
