// `scan --diff <ref>` and `scan --staged`: the usual file selection narrowed to the changed files, findings kept
// only on added or changed lines (all of them in untracked files). The engine knows nothing of diffs.
import { existsSync, realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isAnalysableFile } from './file-kinds';
import { labelAiAuthorship } from './review/authorship';
import { selectFiles, SkippedPath, toPosix } from './files';
import { ChangeSpec, contentAt, FileChange, isOnChangedLine, readChanges, stagedContent } from './git';
import { baselineImportsOf } from './imports/baseline';
import {
  analysisOptions, analyzeBytes, buildReport, displayPath, FileReport, isFileReport, ScanProgress, ScanReport, ScanSettings,
  scanSelectedFiles,
} from './scan';

export type { ChangeSpec } from './git';
export { GitError } from './git';

export async function scanChanges(
  paths: readonly string[],
  settings: ScanSettings,
  spec: ChangeSpec,
  pool: ScanProgress,
): Promise<ScanReport | undefined> {
  const { root, config } = settings;
  const changes = readChanges(root, spec);
  const top = realpathSync(changes.top);
  // git names files relative to its real top; compare real paths so symlinked temp dirs still match.
  const keyOf = (path: string): string => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      real = resolve(path);
    }
    return toPosix(relative(top, real));
  };

  const selection = selectFiles(paths, { root, exclude: config.exclude, maxFileSizeKb: config.maxFileSizeKb });
  const changeOf = new Map<string, FileChange>();
  for (const file of selection.files) {
    const change = changes.files.get(keyOf(file));
    if (change) changeOf.set(file, change);
  }
  const files = [...changeOf.keys()];

  // Skips (a file, or a folder such as dist/) are listed only when they hold a changed file.
  const changed = [...changes.files.keys()];
  const skippedKeys: string[] = [];
  const skipped: SkippedPath[] = [];
  for (const entry of selection.skipped) {
    const key = keyOf(entry.path);
    if (!changed.some((path) => path === key || path.startsWith(`${key}/`))) continue;
    skippedKeys.push(key);
    skipped.push({ path: displayPath(root, entry.path), reason: entry.reason });
  }
  const ignoredCount = countIgnored(changed, paths.map(keyOf), new Set(selection.files.map(keyOf)), skippedKeys, top);

  // Imports are labelled new against the same side the diff compares with: the ref, or HEAD for the index.
  const baseRef = spec.kind === 'staged' ? 'HEAD' : spec.ref;
  const baselines: Record<string, string[]> = {};
  for (const file of files) {
    const before = changeOf.get(file) === 'all' ? undefined : contentAt(changes.top, baseRef, keyOf(file));
    baselines[resolve(file)] = baselineImportsOf(before, file);
  }
  const options = { ...analysisOptions(settings), changes: true, baselines };
  let results: (FileReport | SkippedPath)[] | undefined;
  if (spec.kind === 'staged') {
    results = files.map((file) => analyzeBytes(stagedContent(changes.top, keyOf(file)), displayPath(root, file), resolve(file), options));
  } else {
    results = await scanSelectedFiles(files, root, options, pool);
    if (!results) return undefined;
  }

  const reports: FileReport[] = [];
  results.forEach((entry, index) => {
    if (!isFileReport(entry)) {
      skipped.push(entry);
      return;
    }
    const change = changeOf.get(files[index]) ?? [];
    reports.push({ ...entry, findings: entry.findings.filter((finding) => isOnChangedLine(change, finding.start.line)) });
  });
  const report = buildReport(root, reports, skipped, ignoredCount);
  report.change = spec.kind === 'staged' ? 'staged changes' : `changes since ${spec.ref}`;
  if (spec.kind === 'diff') {
    const aiCommits = labelAiAuthorship(changes.top, spec.ref, reports.map((file) => ({ key: keyOf(file.absolutePath), findings: file.findings })));
    if (aiCommits.length > 0) report.aiCommits = aiCommits;
  }
  return report;
}

/** Changed files under the scanned paths that the walk left out by .gitignore or exclude patterns. */
function countIgnored(changed: string[], scanned: string[], selected: Set<string>, skipped: string[], top: string): number {
  const under = (path: string, folder: string): boolean => folder === '' || path === folder || path.startsWith(`${folder}/`);
  return changed.filter(
    (path) =>
      isAnalysableFile(path) &&
      scanned.some((folder) => under(path, folder)) &&
      !selected.has(path) &&
      !skipped.some((folder) => under(path, folder)) &&
      existsSync(resolve(top, path)),
  ).length;
}
