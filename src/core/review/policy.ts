// What a repository's review policy does to findings, decided here once for the CLI and the editor: the baseline
// hides known findings.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../types';
import { buildReport, FileReport, ScanReport } from '../scan';
import { Baseline, splitByBaseline } from './baseline';

export interface ReviewPolicy {
  /** The project root that reported paths are relative to. */
  root: string;
  baseline?: Baseline;
}

/** One file's findings as the editor shows them: those the baseline knows are left out. */
export function reviewFindings(path: string, findings: readonly Finding[], policy: ReviewPolicy): Finding[] {
  if (!policy.baseline) return [...findings];
  return splitByBaseline(policy.baseline, [{ path, findings }], existsIn(policy.root))[0].fresh;
}

/** A whole report under the policy: findings the baseline knows move to `baselined`, and the summary counts them. */
export function reviewReport(report: ScanReport, policy: ReviewPolicy): ScanReport {
  if (!policy.baseline) return report;
  const splits = splitByBaseline(policy.baseline, report.files, existsIn(policy.root));
  const files: FileReport[] = report.files.map((file, index) => ({ ...file, findings: splits[index].fresh, baselined: splits[index].known }));
  const reviewed = buildReport(report.root, files, report.skipped, report.summary.filesIgnored);
  reviewed.summary.baselined = splits.reduce((sum, split) => sum + split.known.length, 0);
  if (report.change !== undefined) reviewed.change = report.change;
  return reviewed;
}

function existsIn(root: string): (path: string) => boolean {
  return (path) => existsSync(join(root, path));
}
