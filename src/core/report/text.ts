// Human-readable output: findings grouped by file with line:col, severity, rule and message, then a summary.
import type { ScanReport } from '../scan';
import type { AiAuthorship } from '../types';

export function toText(report: ScanReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0 && file.notes.length === 0) continue;
    out.push(file.path);
    for (const finding of file.findings) {
      const where = `${finding.start.line}:${finding.start.column}`.padEnd(8);
      const severity = finding.suppression ? 'suppressed' : finding.severity;
      out.push(`  ${where} ${severity.padEnd(10)} ${finding.ruleId.padEnd(28)} ${finding.message} [${finding.confidence} confidence]`);
      if (finding.suppression) out.push(`  ${''.padEnd(8)} ${''.padEnd(10)} ${''.padEnd(28)} suppressed: ${finding.suppression.justification}`);
      if (finding.aiAuthorship) out.push(`  ${''.padEnd(8)} ${''.padEnd(10)} ${''.padEnd(28)} AI-authored: ${describeAuthorship(finding.aiAuthorship)}`);
    }
    for (const note of file.notes) {
      const where = note.start ? `${note.start.line}:${note.start.column}` : '';
      out.push(`  ${where.padEnd(8)} ${'note'.padEnd(10)} ${''.padEnd(28)} ${note.message}`);
    }
    out.push('');
  }
  if (report.skipped.length > 0) {
    out.push('Skipped');
    for (const entry of report.skipped) out.push(`  ${entry.path}: ${entry.reason}`);
    out.push('');
  }
  if (report.scope) {
    const { scope } = report;
    out.push(`Scope: ${scope.classification} (${scope.file}): ${scope.policy}`);
  }
  if (report.aiCommits) {
    out.push('AI-authored commits');
    for (const commit of report.aiCommits) out.push(`  ${commit.commit.slice(0, 7)} ${commit.agent}: ${commit.signal}`);
    out.push('');
  }
  const { summary } = report;
  const total = summary.findings.error + summary.findings.warning + summary.findings.info;
  const parts = [
    `${total} ${total === 1 ? 'finding' : 'findings'} (${summary.findings.error} errors, ${summary.findings.warning} warnings, ${summary.findings.info} info)`,
    `${summary.suppressed} suppressed`,
    ...(summary.baselined !== undefined ? [`${summary.baselined} in the baseline`] : []),
    `${summary.filesScanned} files scanned`,
    `${summary.filesSkipped} skipped`,
  ];
  if (summary.filesIgnored > 0) parts.push(`${summary.filesIgnored} ignored by .gitignore or exclude`);
  if (report.aiCommits) parts.push(`${aiAuthoredCount(report)} on lines from AI-authored commits`);
  // A change scan says what it looked at: "Changes since HEAD: 1 finding (…), …".
  const mode = report.change ? `${report.change[0].toUpperCase()}${report.change.slice(1)}: ` : '';
  out.push(mode + parts.join(', '));
  return `${out.join('\n')}\n`;
}

export function describeAuthorship(authorship: AiAuthorship): string {
  return `${authorship.agent} (commit ${authorship.commit.slice(0, 7)}; ${authorship.signal})`;
}

/** Unsuppressed findings on lines that AI-declaring commits wrote. */
export function aiAuthoredCount(report: ScanReport): number {
  return report.files.reduce((sum, file) => sum + file.findings.filter((finding) => finding.aiAuthorship && !finding.suppression).length, 0);
}
