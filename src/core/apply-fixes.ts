// `codeward scan --fix`: writes the "safe" fixes of a scan into the files (never "review" ones).
import { readFileSync, writeFileSync } from 'node:fs';
import { applyEdits, combinedSafeEdits } from './fixes';
import { analyzeBytes, isFileReport, type AnalysisOptions, type ScanReport } from './scan';

export interface FileFixes {
  path: string;
  titles: string[];
}

/**
 * Fixes that insert at the same place (two draws that both add `import { randomInt }`) cannot be applied in one
 * round: the next analysis sees the first one's import and offers the other without it. A few rounds suffice;
 * the cap keeps a fix that never clears its finding from looping.
 */
const MAX_ROUNDS = 5;

/**
 * For each file the scan found safe fixes in, re-analyses the file as it is now, exactly as the scan does (same
 * displayed path, same package context, so edits match the text they change and the same fixes count as safe),
 * applies its non-overlapping safe fixes, and repeats until none is left; then writes the file back, keeping a
 * byte-order mark if there was one.
 */
export function applySafeFixes(report: ScanReport, options: AnalysisOptions): FileFixes[] {
  const changed: FileFixes[] = [];
  for (const file of report.files) {
    if (combinedSafeEdits(file.findings).fixes.length === 0) continue;
    const raw = readFileSync(file.absolutePath, 'utf8');
    const bom = raw.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
    let text = raw.slice(bom.length);
    const titles: string[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const analysed = analyzeBytes(Buffer.from(text, 'utf8'), file.path, file.absolutePath, options);
      if (!isFileReport(analysed)) break;
      const { edits, fixes } = combinedSafeEdits(analysed.findings);
      const next = fixes.length === 0 ? text : applyEdits(text, edits);
      if (next === text) break;
      text = next;
      titles.push(...fixes.map((fix) => fix.title));
    }
    if (titles.length === 0) continue;
    writeFileSync(file.absolutePath, bom + text);
    changed.push({ path: file.path, titles });
  }
  return changed;
}
