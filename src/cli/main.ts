// The terminal shell around the core: argv -> scan -> report -> exit code (0 clean, 1 findings, 2 usage/config/path error).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Confidence, RuleSetting, Severity } from '../core/types';
import {
  agentAccessOfReport, analysisOptions, applySafeFixes, BASELINE_FILE, BaselineError, CONFIDENCES, ConfigError, createBaseline, findRule, hasFindingsAtOrAbove,
  loadConfig, loadLedger, projectRoot, readBaseline, reviewReport, RULE_SETTINGS, RULES, ruleDocsUrl, scanChanges, scanPathsInParallel, serializeBaseline,
  toJson, toMarkdown, toSarif, toText, TOOL_VERSION, UnreadablePathError, GitError, addRegistryAnswers,
  formatScopeError, loadScopeFor, reportScope, requireValidScope, ScopeFileError, scopePolicyInput, scopeStatus, scopeToJson, scopeToText,
} from '../core';
import type { CacheSettings, ChangeSpec, JsonReport, ReviewPolicy, ScanReport, ScanSettings } from '../core';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A problem with how Codeward was called; reported as one line, exit 2. */
export class UsageError extends Error {}

const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;

const USAGE = `Usage: codeward <command> [options]

Commands:
  scan [paths...]            Scan files and directories (default: .)
  baseline [paths...]        Record today's findings in .codeward/baseline.json (see --baseline)
  rules                      List the rules with their metadata
  scope [dir]                Declared and inferred sensitivity scope, policy, threat model, assistants (--format text|json)

Scan options:
  --format text|json|sarif|markdown
                             Output format (default: text); markdown is a pull-request summary
  --output FILE              Write the report to FILE instead of standard output
  --fail-on error|warning|info|none
                             Exit 1 when an unsuppressed finding is at or above this severity (default: error)
  --config FILE              Configuration file (default: .codeward/config.json at the git root)
  --rule ID=off|error|warning|info
                             Override a rule's severity (repeatable)
  --min-confidence low|medium|high
                             Drop findings below this confidence
  --fix                      Apply the safe fixes in place (never review ones), then report a rescan
  --diff REF                 Only findings on lines changed since REF (untracked files count as new)
  --staged                   Only findings on staged lines (the index against HEAD)
  --baseline FILE            Only findings that FILE (written by \`codeward baseline\`) does not know

  --registry-check           Online, opt-in: ask registry.npmjs.org whether the packages that supply-chain
                             findings name exist and how old they are (only package names are sent)
  --no-cache                 Analyse every file again instead of reusing results of unchanged files
  --cache-location PATH      Cache file, or folder for one (default: the user's cache folder; see docs/cli.md)

Baseline options: --config, --rule, --min-confidence as for scan;
  --output FILE              Where to write the baseline (default: .codeward/baseline.json at the root)

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration, path or git error.
Docs: docs/cli.md`;

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) io.stderr(`codeward: ${error.message}\n`);
    else if (error instanceof ConfigError) io.stderr(`codeward: invalid configuration: ${error.message}\n`);
    else if (error instanceof ScopeFileError) io.stderr(`codeward: invalid scope file: ${scopeProblems(error)}\n`);
    else if (error instanceof UnreadablePathError) io.stderr(`codeward: cannot read ${error.path}: ${error.reason}\n`);
    else if (error instanceof GitError) io.stderr(`codeward: git: ${error.message}\n`);
    else if (error instanceof BaselineError) io.stderr(`codeward: ${error.message}\n`);
    else io.stderr(`codeward: internal error: ${oneLine(error)}\n`);
    return EXIT_ERROR;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return scanCommand(rest, io);
    case 'rules':
      return rulesCommand(rest, io);
    case 'scope':
      return scopeCommand(rest, io);
    case 'baseline':
      return baselineCommand(rest, io);
    case '--version':
    case '-v':
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT_CLEAN;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(`${USAGE}\n`);
      return EXIT_CLEAN;
    case undefined:
      throw new UsageError('missing command; run `codeward --help`');
    default:
      throw new UsageError(`unknown command '${command}'; run \`codeward --help\``);
  }
}

type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: readonly string[], options: ParseArgsConfig['options']): { values: FlagValues; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as { values: FlagValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(oneLine(error));
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

async function scanCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    output: { type: 'string' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    rule: { type: 'string', multiple: true },
    'min-confidence': { type: 'string' },
    fix: { type: 'boolean' },
    diff: { type: 'string' },
    staged: { type: 'boolean' },
    'registry-check': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'cache-location': { type: 'string' },
    baseline: { type: 'string' },
  });
  const format = oneOf('--format', values.format as string | undefined, FORMATS, 'text');
  const change = changeSpec(values);
  const failOn = oneOf<Severity | 'none'>('--fail-on', values['fail-on'] as string | undefined, FAIL_ON, 'error');
  const minConfidence = values['min-confidence'] === undefined
    ? undefined
    : oneOf<Confidence>('--min-confidence', values['min-confidence'] as string, CONFIDENCES, 'low');
  const rules = parseRuleOverrides((values.rule as string[] | undefined) ?? []);
  const cache = cacheSettings(values, io);

  const paths = positionals.length > 0 ? positionals : ['.'];
  const root = projectRoot(paths[0]);
  const { config } = loadConfig(root, values.config as string | undefined);
  const scope = requireValidScope(loadScopeFor(paths[0]));
  const settings = { root, config, rules, minConfidence, scope: scopePolicyInput(scope, root) };
  const baselineFile = values.baseline as string | undefined;
  if (baselineFile === '') throw new UsageError('--baseline needs a file (written by `codeward baseline`)');
  const policy: ReviewPolicy = {
    root,
    baseline: baselineFile === undefined ? undefined : readBaseline(resolve(baselineFile)),
    ledger: loadLedger(root),
    rules: analysisOptions(settings).rules,
  };
  let report = await scan(paths, settings, change, cache);
  if (report && values.fix) {
    const fixed = applySafeFixes(report, analysisOptions(settings));
    for (const file of fixed) io.stderr(`codeward: fixed ${file.path}: ${file.titles.join('; ')}\n`);
    io.stderr(`codeward: applied safe fixes to ${fixed.length} ${fixed.length === 1 ? 'file' : 'files'}; rescanning\n`);
    if (fixed.length > 0) report = await scan(paths, settings, change, cache);
  }
  if (!report) throw new Error('scan cancelled');
  report.scope = reportScope(scope, root);
  // Unused ledger entries can only be judged when every file was looked at.
  report = reviewReport(report, policy, { complete: !change && paths.every((path) => resolve(path) === root) });
  // The only network request Codeward can make, and only when asked to: package names go out, nothing else.
  if (values['registry-check']) await addRegistryAnswers(report.files.flatMap((file) => file.findings));

  const rendered =
    format === 'sarif' ? `${JSON.stringify(toSarif(report), null, 2)}\n`
      : format === 'json' ? `${JSON.stringify(withAgentAccess(toJson(report), report), null, 2)}\n`
        : format === 'markdown' ? toMarkdown(report)
          : toText(report);
  const output = values.output as string | undefined;
  if (output) {
    try {
      writeFileSync(output, rendered);
    } catch (error) {
      throw new UsageError(`cannot write ${output}: ${oneLine(error)}`);
    }
  } else {
    io.stdout(rendered);
  }
  return hasFindingsAtOrAbove(report, failOn) ? EXIT_FINDINGS : EXIT_CLEAN;
}

async function baselineCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string' },
    config: { type: 'string' },
    rule: { type: 'string', multiple: true },
    'min-confidence': { type: 'string' },
  });
  const minConfidence = values['min-confidence'] === undefined
    ? undefined
    : oneOf<Confidence>('--min-confidence', values['min-confidence'] as string, CONFIDENCES, 'low');
  const rules = parseRuleOverrides((values.rule as string[] | undefined) ?? []);
  const paths = positionals.length > 0 ? positionals : ['.'];
  const root = projectRoot(paths[0]);
  const { config } = loadConfig(root, values.config as string | undefined);
  const report = await scan(paths, { root, config, rules, minConfidence }, undefined, undefined);
  if (!report) throw new Error('scan cancelled');
  const baseline = createBaseline(reviewReport(report, { root, ledger: loadLedger(root) }).files);
  const output = values.output ? resolve(values.output as string) : join(root, BASELINE_FILE);
  try {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, serializeBaseline(baseline));
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${oneLine(error)}`);
  }
  const count = Object.values(baseline.findings).reduce((sum, entry) => sum + Object.values(entry.paths).reduce((a, b) => a + b, 0), 0);
  const shown = relative(process.cwd(), output) || output;
  io.stdout(`codeward: recorded ${count} ${count === 1 ? 'finding' : 'findings'} in ${shown}; \`codeward scan --baseline ${shown}\` now reports only new ones\n`);
  return EXIT_CLEAN;
}

function changeSpec(values: FlagValues): ChangeSpec | undefined {
  const ref = values.diff as string | undefined;
  if (ref !== undefined && values.staged) throw new UsageError('--diff and --staged cannot be combined');
  // Fixes are computed per file, not per change, and staged text is not what is on disk.
  if ((ref !== undefined || values.staged) && values.fix) throw new UsageError('--fix cannot be combined with --diff or --staged');
  if (ref === '') throw new UsageError('--diff needs a ref (a branch, tag or commit)');
  if (ref !== undefined) return { kind: 'diff', ref };
  return values.staged ? { kind: 'staged' } : undefined;
}

function cacheSettings(values: FlagValues, io: Io): CacheSettings | undefined {
  const location = values['cache-location'] as string | undefined;
  if (location === '') throw new UsageError('--cache-location needs a path');
  if (values['no-cache']) {
    if (location !== undefined) throw new UsageError('--no-cache and --cache-location cannot be combined');
    return undefined;
  }
  return {
    location,
    // A cache that cannot be used costs speed only: say so on stderr, keep the report and the exit code.
    onReport: ({ problems }) => problems.forEach((problem) => io.stderr(`codeward: cache: ${problem}\n`)),
  };
}

function scan(paths: string[], settings: ScanSettings, change: ChangeSpec | undefined, cache: CacheSettings | undefined): Promise<ScanReport | undefined> {
  const pool = { workerScript: workerBundle(), cache };
  return change ? scanChanges(paths, settings, change, pool) : scanPathsInParallel(paths, settings, pool);
}

function parseRuleOverrides(entries: readonly string[]): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const entry of entries) {
    const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(entry);
    if (!match) throw new UsageError(`--rule expects <id>=<off|error|warning|info> (got '${entry}')`);
    const [, id, setting] = match;
    if (!findRule(id)) throw new UsageError(`--rule: unknown rule '${id}'; run \`codeward rules\``);
    if (!RULE_SETTINGS.includes(setting as RuleSetting)) throw new UsageError(`--rule ${id}: must be one of ${RULE_SETTINGS.join(', ')}`);
    rules[id] = setting as RuleSetting;
  }
  return rules;
}

async function scopeCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, config: { type: 'string' } });
  const format = oneOf('--format', values.format as string | undefined, ['text', 'json'] as const, 'text');
  if (positionals.length > 1) throw new UsageError('scope takes one directory');
  const dir = positionals[0] ?? '.';
  if (!existsSync(dir)) throw new UnreadablePathError(dir, 'no such file or directory');
  const configRoot = projectRoot(dir);
  const { config } = loadConfig(configRoot, values.config as string | undefined);
  const loaded = requireValidScope(loadScopeFor(dir));
  // The scan under the policy gives the secret evidence and the finding counts the status shows.
  const report = await scanPathsInParallel([loaded.root], { root: configRoot, config, scope: scopePolicyInput(loaded, configRoot) }, { workerScript: workerBundle() });
  if (!report) throw new Error('scan cancelled');
  const status = await scopeStatus(loaded.root, { config, configRoot, report, loaded });
  io.stdout(format === 'json' ? `${JSON.stringify(scopeToJson(status), null, 2)}\n` : scopeToText(status));
  return EXIT_CLEAN;
}

/** `agentAccess` is added only when the scan read agent settings, so other reports keep their shape. */
function withAgentAccess(json: JsonReport, report: ScanReport): JsonReport {
  const agentAccess = agentAccessOfReport(report);
  return agentAccess.length > 0 ? { ...json, agentAccess } : json;
}

function rulesCommand(args: readonly string[], io: Io): number {
  const { values } = parse(args, { format: { type: 'string' } });
  const format = oneOf('--format', values.format as string | undefined, ['text', 'json'] as const, 'text');
  const rows = RULES.map(({ meta }) => ({ ...meta, cwe: meta.cwe.map((id) => `CWE-${id}`), docs: ruleDocsUrl(meta.id) }));
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const row of rows) {
      io.stdout(`${row.id.padEnd(28)} ${row.severity.padEnd(8)} ${(row.cwe.join(',') || '-').padEnd(16)} ${row.fixable ? 'fix' : '   '}  ${row.title}\n`);
    }
  }
  return EXIT_CLEAN;
}

/** The core bundle next to the CLI bundle serves as the worker script; absent when running from sources. */
function workerBundle(): string | undefined {
  const path = join(__dirname, 'core.js');
  return existsSync(path) ? path : undefined;
}

/** Every problem on the one line exit 2 allows: the first with its file, the others after it with their position. */
function scopeProblems(error: ScopeFileError): string {
  const [first, ...rest] = error.errors;
  const others = rest.map((problem) => `; ${problem.line !== undefined ? `${problem.line}:${problem.column ?? 1}: ` : ''}${problem.jsonPath}: ${problem.reason}`);
  return `${formatScopeError(first)}${others.join('')}`;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

if (require.main === module) {
  void run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
