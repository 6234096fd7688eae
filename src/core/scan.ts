// A scan of many files: select, read, decode, analyse, summarise. Shared by the CLI and the editor's workspace scan.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { AiAuthorship, Confidence, Finding, Note, RuleSetting, Severity } from './types';
import { analyze } from './engine';
import { analyzeOnLargeStack, isTooDeep } from './deep';
import { describeFsError, selectFiles, SkippedPath, toPosix } from './files';
import type { CodewardConfig } from './config/model';
import { MIN_FILES_FOR_WORKERS, PoolOptions, scanFilesInPool } from './pool';
import type { ReportScope, ScopePolicyInput } from './scope/model';
import { PackageContext } from './imports/packages';
import { CacheSettings, ResultCache } from './cache';

export interface FileReport {
  /** Relative to the scan root, with forward slashes. */
  path: string;
  absolutePath: string;
  findings: Finding[];
  notes: Note[];
  /** Findings a baseline already knows (`scan --baseline`): left out of every output but SARIF's "unchanged". */
  baselined?: Finding[];
}

export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  filesIgnored: number;
  /** Unsuppressed findings by severity. */
  findings: Record<Severity, number>;
  suppressed: number;
  /** Set when a baseline was applied: findings it already knew, left out of the counts above. */
  baselined?: number;
}

export interface ScanReport {
  root: string;
  files: FileReport[];
  skipped: SkippedPath[];
  summary: ScanSummary;
  /** Set by change scans: "changes since <ref>" or "staged changes" (text and markdown output say so). */
  change?: string;
  /** The declared sensitivity scope the policy applied (SARIF `run.properties.scope`, JSON `scope`). */
  scope?: ReportScope;
  /** `scan --diff`: commits in the range that declare an AI assistant, oldest first. */
  aiCommits?: AiAuthorship[];
}

export interface ScanSettings {
  root: string;
  config: CodewardConfig;
  /** Command-line overrides layered over the configuration file. */
  rules?: Record<string, RuleSetting>;
  minConfidence?: Confidence;
  /** The sensitivity scope's policy input (scopePolicyInput(loadScope(root))); absent: rule defaults. */
  scope?: ScopePolicyInput;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const MINIFIED_MIN_LENGTH = 20_000;
const MINIFIED_AVERAGE_LINE = 400;

/** Text of a file as an editor shows it (BOM removed), or why it is not analysed. */
export function decodeSource(bytes: Uint8Array): { text: string } | { note: Note } {
  if (bytes.subarray(0, 8000).includes(0)) {
    return { note: { kind: 'binary', message: 'Not analysed: the file looks binary (it contains NUL bytes).' } };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { note: { kind: 'skipped', message: 'Not analysed: the file is not valid UTF-8.' } };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Generated bundles are one or a few enormous lines; findings there point at no line anyone can fix. */
export function looksMinified(text: string): boolean {
  if (text.length < MINIFIED_MIN_LENGTH) return false;
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return text.length / lines > MINIFIED_AVERAGE_LINE;
}

export interface AnalysisOptions {
  rules: Record<string, RuleSetting>;
  minConfidence: Confidence;
  /** A change scan: rules that judge changes run (see AnalyzeOptions.changes). */
  changes?: boolean;
  scope?: ScopePolicyInput;
  /** Per absolute path, what the file imported at the change's baseline (see AnalyzeOptions.baselineImports). */
  baselines?: Record<string, string[]>;
}

/** One per thread (pool workers build their own): package.json, node_modules and tsconfig reads are shared by files. */
const packageContext = new PackageContext();

/** The effective analysis options: the configuration with command-line overrides on top, and the scope's policy. */
export function analysisOptions(settings: ScanSettings): AnalysisOptions {
  return {
    rules: { ...settings.config.rules, ...settings.rules },
    minConfidence: settings.minConfidence ?? settings.config.minConfidence,
    ...(settings.scope ? { scope: settings.scope } : {}),
  };
}

/** Reads and analyses one selected file; a file that cannot be used comes back as a skip with its reason. */
export function scanFile(file: string, root: string, options: AnalysisOptions): FileReport | SkippedPath {
  const absolutePath = resolve(file);
  const path = displayPath(root, file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { path, reason: `cannot be read (${describeFsError(error)})` };
  }
  return analyzeBytes(bytes, path, absolutePath, options);
}

/** Analyses a file's content, from disk or elsewhere (the index, for `scan --staged`). */
export function analyzeBytes(bytes: Uint8Array, path: string, absolutePath: string, options: AnalysisOptions): FileReport | SkippedPath {
  const decoded = decodeSource(bytes);
  if ('note' in decoded) return { path, absolutePath, findings: [], notes: [decoded.note] };
  if (looksMinified(decoded.text)) return { path, reason: 'minified (very long lines)' };
  // Rules see the path relative to the root: a checkout under /home/me/tests/ is not a test file.
  const { baselines, ...engineOptions } = options;
  const result = analyze(decoded.text, path, {
    ...engineOptions,
    packages: packageContext.forFile(absolutePath),
    baselineImports: baselines?.[absolutePath],
  });
  // Too deep for this thread's stack: a second try on a worker with a larger one; the note stays if that fails too.
  // (The package context cannot cross threads: the worker reads its own from the file's location.)
  const deep = isTooDeep(result)
    ? analyzeOnLargeStack(decoded.text, path, { ...engineOptions, baselineImports: baselines?.[absolutePath] }, { absolutePath })
    : undefined;
  const { findings, notes } = deep ?? result;
  return { path, absolutePath, findings, notes };
}

export function isFileReport(entry: FileReport | SkippedPath): entry is FileReport {
  return 'findings' in entry;
}

interface Planned {
  files: string[];
  skipped: SkippedPath[];
  ignoredCount: number;
  options: AnalysisOptions;
}

function plan(paths: readonly string[], settings: ScanSettings): Planned {
  const { config, root } = settings;
  const selection = selectFiles(paths, { root, exclude: config.exclude, maxFileSizeKb: config.maxFileSizeKb });
  return {
    files: selection.files,
    skipped: selection.skipped.map((entry) => ({ path: displayPath(root, entry.path), reason: entry.reason })),
    ignoredCount: selection.ignoredCount,
    options: analysisOptions(settings),
  };
}

function assemble(root: string, planned: Planned, results: (FileReport | SkippedPath)[]): ScanReport {
  const files: FileReport[] = [];
  const skipped = [...planned.skipped];
  for (const entry of results) {
    if (isFileReport(entry)) files.push(entry);
    else skipped.push(entry);
  }
  return buildReport(root, files, skipped, planned.ignoredCount);
}

export function scanPaths(paths: readonly string[], settings: ScanSettings): ScanReport {
  const planned = plan(paths, settings);
  return assemble(settings.root, planned, planned.files.map((file) => scanFile(file, settings.root, planned.options)));
}

/**
 * scanPaths on worker threads when there are enough files and a worker bundle; the same report either way.
 * Resolves to undefined when cancelled.
 */
export async function scanPathsInParallel(
  paths: readonly string[],
  settings: ScanSettings,
  pool: ScanProgress,
): Promise<ScanReport | undefined> {
  const planned = plan(paths, settings);
  const results = await scanSelectedFiles(planned.files, settings.root, planned.options, pool);
  return results && assemble(settings.root, planned, results);
}

export type ScanProgress = Omit<PoolOptions, 'workerScript'> & {
  workerScript?: string;
  /** Reuse the results of unchanged files from earlier scans (see src/core/cache.ts); off when absent. */
  cache?: CacheSettings;
};

/**
 * Unchanged files from the cache, when one is given; the rest on worker threads when there are enough of them and a
 * worker bundle, else on the calling thread in batches.
 */
export async function scanSelectedFiles(
  files: readonly string[],
  root: string,
  options: AnalysisOptions,
  pool: ScanProgress,
): Promise<(FileReport | SkippedPath)[] | undefined> {
  if (!pool.cache) return analyseSelectedFiles(files, root, options, pool);
  const cache = new ResultCache(root, options, pool.cache);
  const results: (FileReport | SkippedPath)[] = new Array(files.length);
  const missed: { index: number; key?: string }[] = [];
  files.forEach((file, index) => {
    const found = cache.lookup(resolve(file), displayPath(root, file));
    if (found && 'hit' in found) results[index] = found.hit;
    else missed.push({ index, key: found?.key });
  });
  const hits = files.length - missed.length;
  const analysed = await analyseSelectedFiles(missed.map(({ index }) => files[index]), root, options, {
    ...pool,
    onFileDone: pool.onFileDone && ((done, total) => pool.onFileDone?.(hits + done, hits + total)),
  });
  if (!analysed) return undefined;
  missed.forEach(({ index, key }, at) => {
    results[index] = analysed[at];
    if (key !== undefined) cache.store(key, resolve(files[index]), analysed[at]);
  });
  cache.save();
  pool.cache.onReport?.(cache.report());
  return results;
}

async function analyseSelectedFiles(
  files: readonly string[],
  root: string,
  options: AnalysisOptions,
  pool: ScanProgress,
): Promise<(FileReport | SkippedPath)[] | undefined> {
  return pool.workerScript && files.length >= MIN_FILES_FOR_WORKERS
    ? scanFilesInPool(files, root, options, { ...pool, workerScript: pool.workerScript })
    : scanInBatches(files, root, options, pool);
}

/** On the calling thread, yielding between batches so an editor stays responsive. */
async function scanInBatches(
  files: readonly string[],
  root: string,
  options: AnalysisOptions,
  pool: Pick<PoolOptions, 'onFileDone' | 'isCancelled'>,
): Promise<(FileReport | SkippedPath)[] | undefined> {
  const results: (FileReport | SkippedPath)[] = [];
  for (const file of files) {
    if (pool.isCancelled?.()) return undefined;
    results.push(scanFile(file, root, options));
    pool.onFileDone?.(results.length, files.length);
    if (results.length % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return results;
}

export function buildReport(root: string, files: FileReport[], skipped: SkippedPath[], ignoredCount: number): ScanReport {
  return { root, files, skipped, summary: summarize(files, skipped.length, ignoredCount) };
}

function summarize(files: FileReport[], skipped: number, ignored: number): ScanSummary {
  const summary: ScanSummary = {
    filesScanned: files.length,
    filesSkipped: skipped,
    filesIgnored: ignored,
    findings: { error: 0, warning: 0, info: 0 },
    suppressed: 0,
  };
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.suppression) summary.suppressed++;
      else summary.findings[finding.severity]++;
    }
  }
  return summary;
}

export function displayPath(root: string, path: string): string {
  const relativePath = toPosix(relative(root, resolve(path)));
  return relativePath === '' ? '.' : relativePath;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Whether any unsuppressed finding is at or above the threshold (`none` never fails). */
export function hasFindingsAtOrAbove(report: ScanReport, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  return report.files.some((file) =>
    file.findings.some((finding) => !finding.suppression && SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[threshold]),
  );
}
