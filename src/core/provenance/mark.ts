// Findings inside unreviewed inserted code carry a flag (for reports and the severity policy) and say so.
import type { Finding, Range } from '../types';
import { inRegions } from './regions';

export const INSERTED_CODE_PREFIX = 'In unreviewed inserted code: ';

export function markInsertedFindings(findings: readonly Finding[], regions: readonly Range[]): Finding[] {
  if (regions.length === 0) return [...findings];
  return findings.map((finding) => (inRegions(regions, finding.range) && !finding.insertedCode
    ? { ...finding, insertedCode: true, message: `${INSERTED_CODE_PREFIX}${finding.message}` }
    : finding));
}
