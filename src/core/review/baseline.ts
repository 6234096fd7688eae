// Baselines (`.codeward/baseline.json`): today's findings by codeward/v1 fingerprint, so later scans show only new ones.
// A fingerprint ignores the line number, so code moving inside a file keeps its baseline entry; counts per fingerprint
// and path make a second identical finding new.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../types';
import { TOOL_NAME, TOOL_VERSION } from '../docs';

export const BASELINE_FILE = join('.codeward', 'baseline.json');
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  /** How many findings with this fingerprint each file had, by path relative to the root. */
  paths: Record<string, number>;
}

export interface Baseline {
  version: number;
  tool: string;
  /** Keyed by the SARIF partialFingerprints["codeward/v1"] value. */
  findings: Record<string, BaselineEntry>;
}

/** A baseline file that is missing, unreadable or not one Codeward wrote; the CLI prints it as one line, exit 2. */
export class BaselineError extends Error {}

interface FindingsOfFile {
  path: string;
  findings: readonly Finding[];
}

/** Unsuppressed findings only: suppressed ones are already accounted for. Keys are sorted so the file diffs well. */
export function createBaseline(files: readonly FindingsOfFile[]): Baseline {
  const findings: Record<string, BaselineEntry> = {};
  for (const file of files) {
    for (const finding of file.findings) {
      if (finding.suppression) continue;
      const entry = (findings[finding.fingerprint] ??= { ruleId: finding.ruleId, paths: {} });
      entry.paths[file.path] = (entry.paths[file.path] ?? 0) + 1;
    }
  }
  const sorted: Record<string, BaselineEntry> = {};
  for (const key of Object.keys(findings).sort()) {
    const { ruleId, paths } = findings[key];
    sorted[key] = { ruleId, paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))) };
  }
  return { version: BASELINE_VERSION, tool: `${TOOL_NAME} ${TOOL_VERSION}`, findings: sorted };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`cannot read baseline ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}`);
  }
  return parseBaseline(text, file);
}

/** The baseline at the project root, when there is one (the editor's case: no file means no baseline). */
export function findBaseline(root: string): Baseline | undefined {
  const file = join(root, BASELINE_FILE);
  return existsSync(file) ? readBaseline(file) : undefined;
}

export function parseBaseline(text: string, file: string): Baseline {
  const invalid = (reason: string): BaselineError => new BaselineError(`invalid baseline ${file}: ${reason}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) throw invalid('$: must be an object');
  if (data.version !== BASELINE_VERSION) throw invalid(`$.version: must be ${BASELINE_VERSION} (write it with \`codeward baseline\`)`);
  if (!isObject(data.findings)) throw invalid('$.findings: must be an object of fingerprint -> { ruleId, paths }');
  for (const [fingerprint, entry] of Object.entries(data.findings)) {
    const at = `$.findings.${fingerprint}`;
    if (!isObject(entry) || typeof entry.ruleId !== 'string' || !isObject(entry.paths)) throw invalid(`${at}: must be { ruleId, paths }`);
    for (const [path, count] of Object.entries(entry.paths)) {
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw invalid(`${at}.paths.${path}: must be a positive integer`);
    }
  }
  return { version: BASELINE_VERSION, tool: typeof data.tool === 'string' ? data.tool : '', findings: data.findings as Record<string, BaselineEntry> };
}

export interface BaselineSplit {
  /** Not in the baseline (or more of them than it counted): what the user should see. */
  fresh: Finding[];
  /** Matched by the baseline. */
  known: Finding[];
}

/**
 * Splits each file's unsuppressed findings into new and known, the one decision the CLI and the editor share. A
 * finding matches its own path's count first; what is left may match counts recorded for paths that no longer exist
 * (`exists` says which), so renaming a file keeps its findings known while copying one makes the copy's findings new.
 * Suppressed findings stay with the fresh ones: they are reported as before.
 */
export function splitByBaseline(
  baseline: Baseline,
  files: readonly FindingsOfFile[],
  exists: (path: string) => boolean,
): BaselineSplit[] {
  const remaining = new Map<string, Map<string, number>>();
  const left = (fingerprint: string): Map<string, number> => {
    let counts = remaining.get(fingerprint);
    if (!counts) {
      counts = new Map(Object.entries(baseline.findings[fingerprint]?.paths ?? {}));
      remaining.set(fingerprint, counts);
    }
    return counts;
  };
  const take = (counts: Map<string, number>, path: string): boolean => {
    const count = counts.get(path) ?? 0;
    if (count === 0) return false;
    counts.set(path, count - 1);
    return true;
  };
  const splits: BaselineSplit[] = files.map(() => ({ fresh: [], known: [] }));
  const unmatched: { index: number; finding: Finding }[] = [];
  files.forEach((file, index) => {
    for (const finding of file.findings) {
      if (finding.suppression || !baseline.findings[finding.fingerprint]) splits[index].fresh.push(finding);
      else if (take(left(finding.fingerprint), file.path)) splits[index].known.push(finding);
      else unmatched.push({ index, finding });
    }
  });
  for (const { index, finding } of unmatched) {
    const counts = left(finding.fingerprint);
    const moved = [...counts.keys()].find((path) => (counts.get(path) ?? 0) > 0 && !exists(path));
    if (moved !== undefined && take(counts, moved)) splits[index].known.push(finding);
    else splits[index].fresh.push(finding);
  }
  // Keep each file's order as the engine produced it.
  for (const [index, split] of splits.entries()) {
    const order = new Map(files[index].findings.map((finding, position) => [finding, position]));
    split.fresh.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    split.known.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
  return splits;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
