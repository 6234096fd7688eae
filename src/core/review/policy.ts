// What a repository's review policy does to findings, decided here once for the CLI and the editor: the suppressions
// ledger suppresses (or, once expired, resurfaces) findings, then the baseline hides known ones.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, RuleSetting } from '../types';
import { buildReport, FileReport, ScanReport } from '../scan';
import { assignFingerprints } from '../engine';
import { LineIndex } from '../lines';
import { findRule } from '../rules';
import { UNUSED_SUPPRESSION } from '../rules/unused-suppression';
import { Baseline, splitByBaseline } from './baseline';
import { isExpired, Ledger, LEDGER_PATH, LedgerEntry, ledgerMatcher, today } from './ledger';

export interface ReviewPolicy {
  /** The project root that reported paths are relative to. */
  root: string;
  baseline?: Baseline;
  ledger?: Ledger;
  /** YYYY-MM-DD (UTC) that ledger expiry dates are compared with; default today. */
  today?: string;
  /** Effective rule settings, for the severity of unused ledger entries (or none when the rule is off). */
  rules?: Readonly<Record<string, RuleSetting>>;
}

/** One file's findings as the editor shows them: ledger applied, findings the baseline knows left out. */
export function reviewFindings(path: string, findings: readonly Finding[], policy: ReviewPolicy): Finding[] {
  const ledgered = policy.ledger ? applyLedger(path, findings, policy.ledger, policy.today ?? today()).findings : [...findings];
  if (!policy.baseline) return ledgered;
  return splitByBaseline(policy.baseline, [{ path, findings: ledgered }], existsIn(policy.root))[0].fresh;
}

export interface ReviewOptions {
  /** The scan covered the whole project (not a change, not a subfolder): ledger entries that matched nothing are reported. */
  complete?: boolean;
}

/** A whole report under the policy; the summary is recounted. */
export function reviewReport(report: ScanReport, policy: ReviewPolicy, options: ReviewOptions = {}): ScanReport {
  if (!policy.baseline && !policy.ledger) return report;
  let files: FileReport[] = report.files;
  if (policy.ledger) {
    const on = policy.today ?? today();
    const used = new Set<number>();
    files = files.map((file) => {
      const applied = applyLedger(file.path, file.findings, policy.ledger as Ledger, on);
      applied.used.forEach((index) => used.add(index));
      return { ...file, findings: applied.findings };
    });
    if (options.complete) files = withUnusedEntries(files, policy, used);
  }
  let baselined: number | undefined;
  if (policy.baseline) {
    const splits = splitByBaseline(policy.baseline, files, existsIn(policy.root));
    files = files.map((file, index) => ({ ...file, findings: splits[index].fresh, baselined: splits[index].known }));
    baselined = splits.reduce((sum, split) => sum + split.known.length, 0);
  }
  const { summary } = buildReport(report.root, files, report.skipped, report.summary.filesIgnored);
  summary.filesScanned = report.summary.filesScanned;
  if (baselined !== undefined) summary.baselined = baselined;
  return { ...report, files, summary };
}

/**
 * Unsuppressed findings that a live entry matches become suppressed (kind "external"); those an expired entry
 * matches stay reported and say so. `used` lists the entries that matched an unsuppressed finding.
 */
function applyLedger(path: string, findings: readonly Finding[], ledger: Ledger, on: string): { findings: Finding[]; used: number[] } {
  const matcher = ledgerMatcher(ledger);
  const used: number[] = [];
  const result = findings.map((finding) => {
    if (finding.suppression) return finding;
    const match = matcher.match(path, finding.ruleId);
    if (!match) return finding;
    used.push(match.index);
    const { entry, index } = match;
    if (isExpired(entry, on)) {
      return { ...finding, message: `${finding.message} (Its entry in ${LEDGER_PATH}, $.suppressions[${index}], expired on ${entry.expires}: renew it or fix the finding.)` };
    }
    return { ...finding, suppression: { kind: 'external' as const, justification: justification(entry), entry: index } };
  });
  return { findings: result, used };
}

function justification(entry: LedgerEntry): string {
  return `${entry.reason} (approved by ${entry.approvedBy}, until ${entry.expires}; ${LEDGER_PATH})`;
}

/** Entries that matched nothing, as unused-suppression findings on the ledger file itself. */
function withUnusedEntries(files: FileReport[], policy: ReviewPolicy, used: ReadonlySet<number>): FileReport[] {
  const rule = findRule(UNUSED_SUPPRESSION);
  const setting = policy.rules?.[UNUSED_SUPPRESSION];
  const ledger = policy.ledger as Ledger;
  if (!rule || setting === 'off') return files;
  const unused: Finding[] = ledger.entries.flatMap((entry, index) => (used.has(index) ? [] : [{
    ruleId: UNUSED_SUPPRESSION,
    message: `This entry of the suppressions ledger ($.suppressions[${index}]: ${entry.rule} in '${entry.path}') matches no finding; delete it so it cannot hide a future one.`,
    severity: setting ?? rule.meta.severity,
    confidence: 'high' as const,
    cwe: [],
    range: entry.range,
    start: entry.start,
    end: entry.end,
    fixes: [],
    related: [],
    fingerprint: '',
  }]));
  if (unused.length === 0) return files;
  assignFingerprints(unused, new LineIndex(ledger.text));
  const existing = files.find((file) => file.path === LEDGER_PATH);
  if (!existing) return [...files, { path: LEDGER_PATH, absolutePath: ledger.file, findings: unused, notes: [] }];
  return files.map((file) => (file === existing ? { ...file, findings: [...file.findings, ...unused].sort((a, b) => a.range[0] - b.range[0]) } : file));
}

function existsIn(root: string): (path: string) => boolean {
  return (path) => existsSync(join(root, path));
}
