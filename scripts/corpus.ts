// Measures every rule against the labelled corpus in test/corpus: line-level precision and recall per category.
//
// Labels are trailing comments on the line a finding starts on:
//   `// expect: <rule-id>[, <rule-id>]`  the line must be reported by that rule (each id is one positive);
//   `// safe`                             a tricky line no rule may report (a must-not-flag trap).
// In JSX children the same labels go in `{/* expect: dom-xss */}` / `{/* safe */}`.
// Every finding is judged, labelled line or not: a finding on a `safe` or unlabelled line is a false positive,
// and so is a finding of another rule on an `expect` line (the expectation stays a false negative unless its own
// rule fires too). Several findings of one rule on one line count once. Suppressed findings are not reported.
//
// Usage: npx tsx scripts/corpus.ts [--json] [--dir <corpus dir>]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { analyze, RULES } from '../src/core';

export const CORPUS_DIR = join(__dirname, '..', 'test', 'corpus');
const EXTENSIONS = /\.(?:js|jsx|ts|tsx)$/;

/** The rule ids the labels may name: the registry plus the ids announced for rules still being written. */
export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set([
  ...RULES.map((rule) => rule.meta.id),
  'code-injection', 'command-injection', 'sql-injection', 'path-traversal', 'dom-xss', 'open-redirect', 'ssrf',
  'hardcoded-secret', 'tls-verification-disabled', 'weak-hash', 'weak-cipher', 'insecure-random',
  'jwt-insecure-verification', 'suppression-without-reason', 'nosql-injection', 'template-injection', 'reflected-xss',
  'format-string', 'mass-assignment', 'prototype-pollution', 'cors-misconfiguration', 'insecure-cookie',
  'postmessage-origin', 'electron-insecure', 'framework-xss-bypass', 'plaintext-transport', 'weak-key-size',
  'weak-password-hashing', 'jwt-missing-expiry', 'xxe', 'unsafe-deserialization', 'insecure-file-permissions',
  'secret-logging', 'aws-cdk-insecure', 'regex-dos', 'zip-slip', 'security-headers-disabled', 'csrf-missing',
  'timing-unsafe-comparison', 'insecure-tls-version',
]);

export interface LineLabel {
  line: number;
  kind: 'expect' | 'safe';
  /** Rule ids that must report the line (empty for `safe`). */
  rules: string[];
}

export interface Counts {
  files: number;
  /** Expected (line, rule) pairs. */
  positives: number;
  /** Lines labelled `safe`. */
  traps: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); null when nothing was reported. */
  precision: number | null;
  /** TP / positives; null when nothing is expected. */
  recall: number | null;
}

export interface Miss {
  /** Path relative to the corpus directory, forward slashes. */
  file: string;
  line: number;
  ruleId: string;
  /** The finding's message for a false positive; the labelled source line for a false negative. */
  message: string;
  /** How the line was labelled: "safe", "unlabelled" or "expect: <ids>". */
  label: string;
}

export interface CorpusProblem {
  file: string;
  line?: number;
  message: string;
}

/** Per rule: positives expected of it, its true positives, the false positives its findings made, its misses. */
export type RuleCounts = Omit<Counts, 'files' | 'traps'>;

export interface CorpusResult {
  categories: ({ category: string } & Counts)[];
  rules: ({ ruleId: string } & RuleCounts)[];
  overall: Counts;
  falsePositives: Miss[];
  falseNegatives: Miss[];
  /** Corpus defects: files that do not parse, labels naming unknown rules, contradictory labels. */
  problems: CorpusProblem[];
}

/** Labels of one file, keyed by line. Comments are read with the parser, so `//` inside strings never counts. */
export function readLabels(text: string, filePath: string): { labels: Map<number, LineLabel>; problems: CorpusProblem[] } {
  const labels = new Map<number, LineLabel>();
  const problems: CorpusProblem[] = [];
  const jsx = !/\.ts$/.test(filePath);
  let comments;
  try {
    comments = parse(text, { jsx, comment: true, loc: true, range: false, filePath }).comments ?? [];
  } catch (error) {
    problems.push({ file: filePath, message: `cannot read labels: ${(error as Error).message.split('\n')[0]}` });
    return { labels, problems };
  }
  for (const comment of comments) {
    const value = comment.value.trim();
    const line = comment.loc.start.line;
    let label: LineLabel | undefined;
    const expect = /^expect:\s*([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)/.exec(value);
    if (expect) {
      const rules = expect[1].split(/\s*,\s*/);
      for (const rule of rules) {
        if (!KNOWN_RULE_IDS.has(rule)) problems.push({ file: filePath, line, message: `unknown rule id in label: ${rule}` });
      }
      label = { line, kind: 'expect', rules };
    } else if (/^safe(?![\w-])/.test(value)) {
      label = { line, kind: 'safe', rules: [] };
    } else if (/^(?:expect|safe)\b/i.test(value)) {
      problems.push({ file: filePath, line, message: `malformed label: ${value}` });
    }
    if (!label) continue;
    if (labels.has(line)) problems.push({ file: filePath, line, message: 'two labels on one line' });
    else labels.set(line, label);
  }
  return { labels, problems };
}

function corpusFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return corpusFiles(path);
      return EXTENSIONS.test(name) ? [path] : [];
    });
}

function emptyCounts(): Counts {
  return { files: 0, positives: 0, traps: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: null, recall: null };
}

function withRates<T extends RuleCounts>(counts: T): T {
  const reported = counts.truePositives + counts.falsePositives;
  return {
    ...counts,
    precision: reported === 0 ? null : counts.truePositives / reported,
    recall: counts.positives === 0 ? null : counts.truePositives / counts.positives,
  };
}

/**
 * Analyses every corpus file with every rule on and default options. Each file is analysed under its path relative
 * to the corpus directory (`secrets/config.ts`), as it would sit in a project: the absolute path contains `/test/`,
 * which rules rightly treat as test code. Corpus files meant as test code live in `__tests__/` or are `*.test.*`.
 */
export function measureCorpus(dir: string = CORPUS_DIR): CorpusResult {
  const byCategory = new Map<string, Counts>();
  const byRule = new Map<string, RuleCounts>();
  const falsePositives: Miss[] = [];
  const falseNegatives: Miss[] = [];
  const problems: CorpusProblem[] = [];
  const ruleCounts = (ruleId: string): RuleCounts => {
    let counts = byRule.get(ruleId);
    if (!counts) {
      const { files: _files, traps: _traps, ...rest } = emptyCounts();
      byRule.set(ruleId, (counts = rest));
    }
    return counts;
  };

  for (const path of corpusFiles(dir)) {
    const file = relative(dir, path).split(sep).join('/');
    const category = file.includes('/') ? file.slice(0, file.indexOf('/')) : '(top level)';
    const text = readFileSync(path, 'utf8');
    const sourceLines = text.split(/\r?\n/);
    const { labels, problems: labelProblems } = readLabels(text, file);
    problems.push(...labelProblems);
    const counts = byCategory.get(category) ?? emptyCounts();
    byCategory.set(category, counts);
    counts.files++;

    const result = analyze(text, file);
    for (const note of result.notes) problems.push({ file, line: note.start?.line, message: `${note.kind}: ${note.message}` });

    // One unit per (line, rule): several findings of a rule on a line are one line-level report.
    const reported = new Map<string, { line: number; ruleId: string; message: string }>();
    for (const finding of result.findings) {
      if (finding.suppression) continue;
      const key = `${finding.start.line}\u0000${finding.ruleId}`;
      if (!reported.has(key)) reported.set(key, { line: finding.start.line, ruleId: finding.ruleId, message: finding.message });
    }

    for (const label of labels.values()) {
      if (label.kind === 'safe') {
        counts.traps++;
        continue;
      }
      for (const ruleId of label.rules) {
        counts.positives++;
        ruleCounts(ruleId).positives++;
        if (reported.has(`${label.line}\u0000${ruleId}`)) {
          counts.truePositives++;
          ruleCounts(ruleId).truePositives++;
        } else {
          counts.falseNegatives++;
          ruleCounts(ruleId).falseNegatives++;
          falseNegatives.push({
            file,
            line: label.line,
            ruleId,
            message: (sourceLines[label.line - 1] ?? '').trim(),
            label: `expect: ${label.rules.join(', ')}`,
          });
        }
      }
    }
    for (const unit of reported.values()) {
      const label = labels.get(unit.line);
      if (label?.kind === 'expect' && label.rules.includes(unit.ruleId)) continue;
      counts.falsePositives++;
      ruleCounts(unit.ruleId).falsePositives++;
      falsePositives.push({
        file,
        line: unit.line,
        ruleId: unit.ruleId,
        message: unit.message,
        label: label ? (label.kind === 'safe' ? 'safe' : `expect: ${label.rules.join(', ')}`) : 'unlabelled',
      });
    }
  }

  const overall = emptyCounts();
  for (const counts of byCategory.values()) {
    for (const key of ['files', 'positives', 'traps', 'truePositives', 'falsePositives', 'falseNegatives'] as const) overall[key] += counts[key];
  }
  return {
    categories: [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([category, counts]) => ({ category, ...withRates(counts) })),
    rules: [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([ruleId, counts]) => ({ ruleId, ...withRates(counts) })),
    overall: withRates(overall),
    falsePositives,
    falseNegatives,
    problems,
  };
}

function rate(value: number | null): string {
  return value === null ? '-' : value.toFixed(3);
}

function table(header: string[], rows: (string | number)[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells: (string | number)[]) =>
    cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function formatReport(result: CorpusResult): string {
  const out: string[] = [];
  const row = (name: string, c: Counts) => [name, c.files, c.positives, c.traps, c.truePositives, c.falsePositives, c.falseNegatives, rate(c.precision), rate(c.recall)];
  out.push(
    table(
      ['category', 'files', 'positives', 'traps', 'TP', 'FP', 'FN', 'precision', 'recall'],
      [...result.categories.map((c) => row(c.category, c)), row('overall', result.overall)],
    ),
  );
  out.push('');
  out.push(
    table(
      ['rule', 'positives', 'TP', 'FP', 'FN', 'precision', 'recall'],
      result.rules.map((r) => [r.ruleId, r.positives, r.truePositives, r.falsePositives, r.falseNegatives, rate(r.precision), rate(r.recall)]),
    ),
  );
  const list = (title: string, misses: Miss[]) => {
    out.push('', `${title} (${misses.length})`);
    for (const miss of misses) out.push(`  ${miss.file}:${miss.line} ${miss.ruleId} ${miss.message} [${miss.label}]`);
  };
  list('False positives', result.falsePositives);
  list('False negatives', result.falseNegatives);
  if (result.problems.length > 0) {
    out.push('', `Corpus problems (${result.problems.length})`);
    for (const problem of result.problems) out.push(`  ${problem.file}${problem.line ? `:${problem.line}` : ''} ${problem.message}`);
  }
  return out.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const dirIndex = args.indexOf('--dir');
  const result = measureCorpus(dirIndex >= 0 ? args[dirIndex + 1] : CORPUS_DIR);
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result)}\n`);
}
