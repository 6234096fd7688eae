// A scan of many files: select, read, decode, analyse, summarise. Shared by the CLI and the editor's workspace scan.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Confidence, Finding, Note, RuleSetting, Severity } from './types';
import { analyze } from './engine';
import { describeFsError, selectFiles, SkippedPath, toPosix } from './files';
import type { CodewardConfig } from './config/model';

export interface FileReport {
  /** Relative to the scan root, with forward slashes. */
  path: string;
  absolutePath: string;
  findings: Finding[];
  notes: Note[];
}

export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  filesIgnored: number;
  /** Unsuppressed findings by severity. */
  findings: Record<Severity, number>;
  suppressed: number;
}

export interface ScanReport {
  root: string;
  files: FileReport[];
  skipped: SkippedPath[];
  summary: ScanSummary;
}

export interface ScanSettings {
  root: string;
  config: CodewardConfig;
  /** Command-line overrides layered over the configuration file. */
  rules?: Record<string, RuleSetting>;
  minConfidence?: Confidence;
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

export function scanPaths(paths: readonly string[], settings: ScanSettings): ScanReport {
  const { config, root } = settings;
  const selection = selectFiles(paths, { root, exclude: config.exclude, maxFileSizeKb: config.maxFileSizeKb });
  const options = {
    rules: { ...config.rules, ...settings.rules },
    minConfidence: settings.minConfidence ?? config.minConfidence,
  };
  const files: FileReport[] = [];
  const skipped = selection.skipped.map((entry) => ({ path: displayPath(root, entry.path), reason: entry.reason }));
  for (const file of selection.files) {
    const absolutePath = resolve(file);
    const path = displayPath(root, file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      skipped.push({ path, reason: `cannot be read (${describeFsError(error)})` });
      continue;
    }
    const decoded = decodeSource(bytes);
    if ('note' in decoded) {
      files.push({ path, absolutePath, findings: [], notes: [decoded.note] });
      continue;
    }
    if (looksMinified(decoded.text)) {
      skipped.push({ path, reason: 'minified (very long lines)' });
      continue;
    }
    const result = analyze(decoded.text, absolutePath, options);
    files.push({ path, absolutePath, ...result });
  }
  return { root, files, skipped, summary: summarize(files, skipped.length, selection.ignoredCount) };
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
