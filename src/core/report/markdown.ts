// `--format markdown`: a summary fit for a pull-request comment. Secrets are already masked in messages.
import type { ScanReport } from '../scan';
import type { Finding } from '../types';
import { ruleDocsUrl, TOOL_VERSION } from '../docs';
import { aiAuthoredCount } from './text';

const TABLE_HEADER = '| Location | Rule | Severity | Message |\n| --- | --- | --- | --- |';

/** Cell text: markdown punctuation and HTML are shown literally, `|` cannot end the cell, newlines become <br>. */
export function escapeCell(text: string): string {
  return text.replace(/[\\`*_[\]|<>&~]/g, '\\$&').replace(/\r\n|\r|\n/g, '<br>');
}

function aiNote(finding: Finding): string {
  const authorship = finding.aiAuthorship;
  return authorship ? `<br>AI-authored: ${escapeCell(authorship.agent)} (${authorship.commit.slice(0, 7)})` : '';
}

function linkTarget(path: string): string {
  return encodeURI(path).replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export function toMarkdown(report: ScanReport): string {
  const { summary } = report;
  const { error, warning, info } = summary.findings;
  const total = error + warning + info;
  const notes = report.files.reduce((sum, file) => sum + file.notes.length, 0) + report.skipped.length;
  const out: string[] = [
    `### Codeward: ${count(total, 'finding')} (${count(error, 'error')}, ${count(warning, 'warning')}, ${info} info)`,
    '',
    [
      report.change ? `Scanned ${escapeCell(report.change)}` : 'Scanned',
      count(summary.filesScanned, 'file'),
      `${summary.suppressed} suppressed`,
      ...(summary.baselined !== undefined ? [`${summary.baselined} in the baseline`] : []),
      ...(report.aiCommits ? [`${aiAuthoredCount(report)} on lines from AI-authored commits (${report.aiCommits.map((commit) => `${commit.commit.slice(0, 7)} ${escapeCell(commit.agent)}`).join(', ')})`] : []),
      count(notes, 'note'),
      ...(report.scope ? [`scope: ${report.scope.classification} (${escapeCell(report.scope.file)})`] : []),
    ].join(' · '),
    '',
  ];
  const rows: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      if (finding.suppression) continue;
      const line = finding.start.line;
      rows.push(
        `| [${escapeCell(`${file.path}:${line}`)}](${linkTarget(file.path)}#L${line}) ` +
          `| [${finding.ruleId}](${ruleDocsUrl(finding.ruleId)}) | ${finding.severity} | ${escapeCell(finding.message)}${aiNote(finding)} |`,
      );
    }
  }
  if (rows.length > 0) out.push(TABLE_HEADER, ...rows, '');
  else out.push('No unsuppressed findings.', '');
  if (notes > 0) out.push('Notes are files not analysed or skipped; the text or JSON report says why.', '');
  out.push(`<sub>Codeward ${TOOL_VERSION}</sub>`);
  return `${out.join('\n')}\n`;
}
