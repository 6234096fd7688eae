// `codeward scan --fix`: writes the "safe" fixes of a scan into the files (never "review" ones).
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze } from './engine';
import { applyEdits, combinedSafeEdits } from './fixes';
import type { AnalysisOptions, ScanReport } from './scan';

export interface FileFixes {
  path: string;
  titles: string[];
}

/**
 * For each file the scan found safe fixes in, re-analyses the file as it is now (so edits always match the text
 * they change) and writes its non-overlapping safe fixes back, keeping a byte-order mark if there was one.
 */
export function applySafeFixes(report: ScanReport, options: AnalysisOptions): FileFixes[] {
  const changed: FileFixes[] = [];
  for (const file of report.files) {
    if (combinedSafeEdits(file.findings).fixes.length === 0) continue;
    const raw = readFileSync(file.absolutePath, 'utf8');
    const bom = raw.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    const text = raw.slice(bom.length);
    const { edits, fixes } = combinedSafeEdits(analyze(text, file.absolutePath, options).findings);
    if (fixes.length === 0) continue;
    writeFileSync(file.absolutePath, bom + applyEdits(text, edits));
    changed.push({ path: file.path, titles: fixes.map((fix) => fix.title) });
  }
  return changed;
}
