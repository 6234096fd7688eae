// Speed benchmark (issue 7): Codeward against ESLint 9 with the security plugins, against the bare parser, on one
// document, and at 1x/4x/16x the corpus. Prints Markdown tables with the targets marked met / not met.
// Usage: npm run bench   (= npm run build && node scripts/bench.mjs [--runs N] [--latency-rounds N] [--keep] [--reuse DIR])
// The corpus: the JS/TS sources of the packages in scripts/npm-corpus.mjs, installed from npm into a temp folder;
// only files Codeward analyses (no notes: not skipped, not minified, parsed) are kept, so both tools read the same.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analysedFiles, installSources, loadBuiltCore, PACKAGES } from './npm-corpus.mjs';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = dirname(dirname(SCRIPT));
const requireFromRepo = createRequire(join(REPO, 'package.json'));
const SUPPRESSION_MARKER = 'codeward-ignore'; // src/core/suppress.ts: comments are collected only when present
const TARGETS = { eslintSpeedup: 4, parseFloor: 1.3, latency: 1.3, flat: 1.1, rescan: 20 };
const LATENCY_TARGET_LINES = 2000;

// ---------------------------------------------------------------------------------------------------------------
// Child processes: each measurement runs in a fresh process, timed from outside by GNU time.

if (process.argv[2] === '--child') {
  const [mode, ...rest] = process.argv.slice(3);
  const result = mode === 'latency' ? await latencyChild(...rest) : throughputChild(mode, ...rest);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

/** Options exactly as src/core/parse.ts passes them. */
function estreeOptions(text, filePath) {
  const jsx = /\.(?:jsx|tsx)$/i.test(filePath) || !/\.(?:[cm]?ts|tsx)$/i.test(filePath);
  return { jsx, range: true, loc: true, comment: text.includes(SUPPRESSION_MARKER), tokens: false, filePath, loggerFn: false, suppressDeprecatedPropertyWarnings: true };
}

/** `parse`: typescript-estree alone; `analyze`: the core's analyze(); both over the listed files, one thread. */
function throughputChild(mode, listFile) {
  const { root, files } = JSON.parse(readFileSync(listFile, 'utf8'));
  const estree = mode === 'parse' ? requireFromRepo('@typescript-eslint/typescript-estree') : undefined;
  const core = mode === 'analyze' ? requireFromRepo('./dist/core.js') : undefined;
  let computeMs = 0;
  let findings = 0;
  let failures = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const path = relative(root, file);
    const start = performance.now();
    if (estree) {
      try {
        estree.parse(text, estreeOptions(text, path));
      } catch {
        failures++;
      }
    } else {
      const result = core.analyze(text, path, { rules: {}, minConfidence: 'low' });
      findings += result.findings.length;
      failures += result.notes.length;
    }
    computeMs += performance.now() - start;
  }
  return { computeMs, findings, failures };
}

/** One document, repeated: analyze() and parse interleaved, then ESLint's Linter.verify with the bench config. */
async function latencyChild(file, relPath, configFile, rounds) {
  const core = requireFromRepo('./dist/core.js');
  const estree = requireFromRepo('@typescript-eslint/typescript-estree');
  const { Linter } = requireFromRepo('eslint');
  const config = (await import(pathToFileURL(configFile).href)).default;
  const linter = new Linter({ configType: 'flat', cwd: dirname(configFile) });
  const text = readFileSync(file, 'utf8');
  const runs = Number(rounds);
  const time = (fn) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const analyzeOnce = () => core.analyze(text, relPath, { rules: {}, minConfidence: 'low' });
  const parseOnce = () => estree.parse(text, estreeOptions(text, relPath));
  const verifyOnce = () => linter.verify(text, config, { filename: join(dirname(configFile), 'corpus', relPath) });
  for (let i = 0; i < 15; i++) {
    analyzeOnce();
    parseOnce();
  }
  const analyze = [];
  const parse = [];
  for (let i = 0; i < runs; i++) {
    // Alternating order so neither side always runs right after the other's garbage.
    if (i % 2 === 0) {
      analyze.push(time(analyzeOnce));
      parse.push(time(parseOnce));
    } else {
      parse.push(time(parseOnce));
      analyze.push(time(analyzeOnce));
    }
  }
  const messages = verifyOnce();
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`Linter.verify could not parse ${relPath}: ${fatal[0].message}`);
  for (let i = 0; i < 4; i++) verifyOnce();
  const verify = [];
  for (let i = 0; i < Math.max(20, Math.round(runs / 3)); i++) verify.push(time(verifyOnce));
  return { analyze, parse, verify, findings: analyzeOnce().findings.length, eslintFindings: messages.length };
}

// ---------------------------------------------------------------------------------------------------------------
// The run.

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? Number(args[at + 1]) : fallback;
};
const RUNS = option('--runs', 3);
const LATENCY_ROUNDS = option('--latency-rounds', 100);
const KEEP = args.includes('--keep');
if (!existsSync('/usr/bin/time')) {
  console.error('GNU time (/usr/bin/time) is needed to measure CPU time and peak memory: apt-get install time');
  process.exit(2);
}
process.chdir(REPO);
const { cli, core } = loadBuiltCore();
const CORES = availableParallelism();
const began = performance.now();
const LOAD_BEFORE = loadavg()[0];
// --reuse DIR: a folder kept by an earlier --keep run (its installed sources are used again).
const REUSE = args.includes('--reuse') ? args[args.indexOf('--reuse') + 1] : undefined;
const work = REUSE ?? mkdtempSync(join(tmpdir(), 'codeward-bench-'));
const log = (text) => console.error(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(3)}s] ${text}`);

/** Runs a command under GNU time: wall and CPU seconds, peak RSS (MB) of the process and its threads. */
function timed(command, commandArgs, { cwd = REPO, okStatus = [0], env = process.env } = {}) {
  const timeFile = join(work, 'time.txt');
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, command, ...commandArgs], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (!okStatus.includes(run.status)) {
    throw new Error(`${command} ${commandArgs.slice(0, 3).join(' ')}… exited with ${run.status}:\n${run.stderr.slice(-3000)}`);
  }
  const [wall, user, system, rssKb] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wall, cpu: user + system, rss: rssKb / 1024, stdout: run.stdout, stderr: run.stderr };
}

/** Without the results cache unless told otherwise: every run but the rescan measures analysis. */
function codewardCli(dir, cacheArgs = ['--no-cache']) {
  const run = timed(process.execPath, [cli, 'scan', dir, '--format', 'json', '--fail-on', 'none', ...cacheArgs]);
  const report = JSON.parse(run.stdout);
  return { ...run, report, findings: report.findings.length, files: report.summary.filesScanned, notes: report.notes.length };
}

function child(mode, ...childArgs) {
  const run = timed(process.execPath, [SCRIPT, '--child', mode, ...childArgs]);
  return { ...run, ...JSON.parse(run.stdout.trim().split('\n').pop()) };
}

const fmt = (value, digits = 2) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const int = (value) => Math.round(value).toLocaleString('en-US');
const perK = (count, lines) => fmt((count / lines) * 1000);
const verdict = (ok) => (ok ? '**met**' : '**not met**');
const table = (header, rows) => [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
const percentile = (samples, p) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

// 1. The corpus ----------------------------------------------------------------------------------------------------

const sources = REUSE && existsSync(join(work, 'sources')) ? join(work, 'sources') : installSources(work);
rmSync(join(work, 'corpus'), { recursive: true, force: true });
log('selecting the files Codeward analyses (a first scan also warms the file cache)');
const firstScan = codewardCli(sources);
const corpusDir = join(work, 'corpus');
const corpus = analysedFiles(core, [sources], firstScan.report)
  .filter(({ file }) => core.fileKind(file) === 'script')
  .map(({ file, lines }) => ({ rel: relative(sources, file), lines }));
for (const { rel } of corpus) {
  mkdirSync(dirname(join(corpusDir, rel)), { recursive: true });
  copyFileSync(join(sources, rel), join(corpusDir, rel));
}
const LINES = corpus.reduce((sum, entry) => sum + entry.lines, 0);
const corpusFiles = corpus.map(({ rel }) => join(corpusDir, rel));
const selected = core.selectFiles([corpusDir], { root: corpusDir, exclude: [], maxFileSizeKb: 1024 }).files;
if (selected.length !== corpus.length) throw new Error(`the corpus selects ${selected.length} files, expected ${corpus.length}`);
const listFile = join(work, 'files.json');
writeFileSync(listFile, JSON.stringify({ root: corpusDir, files: corpusFiles }));
log(`corpus: ${corpus.length} JS/TS files, ${LINES.toLocaleString('en-US')} lines, from ${PACKAGES.length} packages`);

// The ESLint flat config: every rule of the three plugins, typescript-eslint's parser, sdl's crash guarded.
const configFile = join(work, 'eslint.config.mjs');
const moduleUrl = (name) => pathToFileURL(requireFromRepo.resolve(name)).href;
writeFileSync(configFile, `// Generated by scripts/bench.mjs: every rule of the three plugins, at "warn".
import tsParser from ${JSON.stringify(moduleUrl('@typescript-eslint/parser'))};
import security from ${JSON.stringify(moduleUrl('eslint-plugin-security'))};
import sdl from ${JSON.stringify(moduleUrl('@microsoft/eslint-plugin-sdl'))};
import noUnsanitized from ${JSON.stringify(moduleUrl('eslint-plugin-no-unsanitized'))};

// @microsoft/eslint-plugin-sdl 1.1.0 no-insecure-random throws on require(<non-literal>) and stops the whole run:
// its visitors are wrapped so a throw costs that node only.
export const guard = { caught: 0 };
if (process.env.CODEWARD_BENCH_GUARD_LOG) {
  const { appendFileSync } = await import('node:fs');
  process.on('exit', () => appendFileSync(process.env.CODEWARD_BENCH_GUARD_LOG, \`\${guard.caught}\\n\`));
}
function guarded(rule) {
  return {
    ...rule,
    create(context) {
      const visitors = rule.create(context);
      return Object.fromEntries(Object.entries(visitors).map(([selector, visit]) => [selector, (...nodes) => {
        try {
          return visit(...nodes);
        } catch {
          guard.caught++;
        }
      }]));
    },
  };
}
const sdlGuarded = { ...sdl, rules: { ...sdl.rules, 'no-insecure-random': guarded(sdl.rules['no-insecure-random']) } };
const all = (prefix, plugin) => Object.fromEntries(Object.keys(plugin.rules).map((id) => [\`\${prefix}/\${id}\`, 'warn']));

export default [{
  files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
  languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  plugins: { security, '@microsoft/sdl': sdlGuarded, 'no-unsanitized': noUnsanitized },
  rules: { ...all('security', security), ...all('@microsoft/sdl', sdlGuarded), ...all('no-unsanitized', noUnsanitized) },
}];
`);

function eslint(concurrency) {
  const output = join(work, 'eslint.json');
  const guardLog = join(work, 'eslint-guard.log');
  rmSync(guardLog, { force: true });
  const eslintBin = join(dirname(requireFromRepo.resolve('eslint/package.json')), 'bin', 'eslint.js');
  const rel = corpus.map(({ rel: path }) => path);
  const run = timed(process.execPath, [eslintBin, '--config', configFile, '--format', 'json', '--output-file', output, '--concurrency', String(concurrency), ...rel], {
    cwd: corpusDir,
    okStatus: [0, 1],
    env: { ...process.env, CODEWARD_BENCH_GUARD_LOG: guardLog },
  });
  const guardCaught = existsSync(guardLog) ? readFileSync(guardLog, 'utf8').split('\n').reduce((sum, line) => sum + Number(line || 0), 0) : 0;
  const results = JSON.parse(readFileSync(output, 'utf8'));
  const byRule = new Map();
  let findings = 0;
  let fatal = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal || !message.ruleId) fatal++;
      else {
        findings++;
        byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
      }
    }
  }
  return { ...run, files: results.length, findings, fatal, byRule, guardCaught };
}

// 2. and 3. Codeward CLI against ESLint; the parse floor ---------------------------------------------------------
// The Codeward-side runs are interleaved (CLI, parse floor, analyze, then again) so a change in machine load
// affects all three alike; each figure is the median of RUNS.

const rounds = { cli: [], floor: [], single: [] };
for (let round = 1; round <= RUNS; round++) {
  log(`round ${round}/${RUNS}: Codeward CLI (worker pool on, ${CORES} cores); typescript-estree alone, one process; Codeward analyze(), one thread`);
  rounds.cli.push(codewardCli(corpusDir));
  rounds.floor.push(child('parse', listFile));
  rounds.single.push(child('analyze', listFile));
}
const medianOf = (runs) => [...runs].sort((a, b) => a.wall - b.wall)[Math.floor((runs.length - 1) / 2)];
const cw = medianOf(rounds.cli);
const floor = medianOf(rounds.floor);
const single = medianOf(rounds.single);
if (cw.files !== corpus.length || cw.notes !== 0) throw new Error(`Codeward scanned ${cw.files} files with ${cw.notes} notes; expected ${corpus.length} and 0`);
if (floor.failures !== 0 || single.failures !== 0 || single.findings !== cw.findings) {
  throw new Error(`runs disagree: parse failures ${floor.failures}, analyze notes ${single.failures}, findings ${single.findings} in one thread vs ${cw.findings} from the CLI`);
}
log('ESLint on the same files (default: one thread)');
const es = eslint('off');
if (es.files !== corpus.length) throw new Error(`ESLint linted ${es.files} files; expected ${corpus.length}`);
log(`ESLint on the same files with --concurrency ${CORES}`);
const esParallel = eslint(CORES);

// Rescan of the unchanged corpus with the results cache (the default): one scan fills an empty cache, then RUNS
// rescans read it. Compared with the faster of that first scan and the uncached full scan above.

log('rescan: Codeward CLI with an empty cache, then with the cache it wrote');
const cacheFile = join(work, 'cache', 'codeward.json');
rmSync(dirname(cacheFile), { recursive: true, force: true });
const fillCache = codewardCli(corpusDir, ['--cache-location', cacheFile]);
const rescans = Array.from({ length: RUNS }, () => codewardCli(corpusDir, ['--cache-location', cacheFile]));
const rescan = medianOf(rescans);
for (const run of [fillCache, rescan]) {
  if (JSON.stringify(run.report.findings) !== JSON.stringify(cw.report.findings)) throw new Error('a scan through the cache reported other findings than the uncached scan');
}

// 4. Single-document latency ----------------------------------------------------------------------------------------

const doc = [...corpus]
  .filter(({ rel }) => !/(?:^|\/)(?:test|tests|__tests__)\//.test(rel))
  .sort((a, b) => Math.abs(a.lines - LATENCY_TARGET_LINES) - Math.abs(b.lines - LATENCY_TARGET_LINES))[0];
log(`single document: ${doc.rel} (${doc.lines} lines), ${LATENCY_ROUNDS} rounds`);
const latency = child('latency', join(corpusDir, doc.rel), doc.rel, configFile, String(LATENCY_ROUNDS));

// 5. Scaling --------------------------------------------------------------------------------------------------------
// 16 copies of the whole corpus would take too long on a small machine: the scaling base is every
// SCALING_STRIDE-th file of the corpus, copied 1, 4 and 16 times; the full corpus run above is listed with them.

const SCALING_STRIDE = 8;
const base = corpus.filter((_, index) => index % SCALING_STRIDE === 0);
const BASE_LINES = base.reduce((sum, entry) => sum + entry.lines, 0);
function copies(count) {
  const dir = join(work, `x${count}`);
  for (let copy = 1; copy <= count; copy++) {
    for (const { rel } of base) {
      const target = join(dir, `copy${copy}`, rel);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(corpusDir, rel), target);
    }
  }
  return dir;
}
const scaling = [];
for (const size of [1, 4, 16]) {
  log(`Codeward CLI at ${size}x the scaling base (${(BASE_LINES * size).toLocaleString('en-US')} lines)`);
  const dir = copies(size);
  const run = codewardCli(dir);
  if (run.files !== base.length * size) throw new Error(`${size}x: scanned ${run.files} files, expected ${base.length * size}`);
  scaling.push({ label: `${size}x base`, lines: BASE_LINES * size, run, base: true });
  rmSync(dir, { recursive: true, force: true });
}
scaling.push({ label: `corpus (${fmt(LINES / BASE_LINES, 1)}x base)`, lines: LINES, run: cw });
scaling.sort((a, b) => a.lines - b.lines);

// Tables ------------------------------------------------------------------------------------------------------------

const out = [];
const cpuModel = cpus()[0]?.model?.trim() ?? 'unknown CPU';
out.push('## Codeward speed benchmark');
out.push('');
out.push(`Machine: ${CORES} cores (${cpuModel}), Node ${process.version}. Corpus: ${int(corpus.length)} JS/TS files, ${int(LINES)} lines`);
out.push(`(the published sources of ${PACKAGES.length} npm packages: ${PACKAGES.map((spec) => spec.slice(0, spec.lastIndexOf('@'))).join(', ')}).`);
out.push(`Codeward and the parse floor: median of ${RUNS} interleaved runs; ESLint: one run each. Times are whole processes`);
out.push('(GNU time: wall, user+system CPU, peak RSS), start-up included.');
if (LOAD_BEFORE > 0.5) {
  out.push('');
  out.push(`**The machine was not idle** (1-minute load average ${fmt(LOAD_BEFORE)} before the run, ${fmt(loadavg()[0])} after): wall times are`);
  out.push('inflated by other processes; CPU seconds are much less affected and are shown next to every wall-time ratio.');
}
out.push('');
out.push('### Full scan: Codeward CLI vs ESLint 9 + security, sdl, no-unsanitized (all rules, typescript-eslint parser)');
out.push('');
const toolRow = (name, run, findings) => [name, fmt(run.wall), fmt(run.cpu), fmt(run.cpu / run.wall, 1), int(LINES / run.wall), int(run.rss), perK(findings, LINES)];
out.push(table(['tool', 'wall s', 'CPU s', 'cores busy', 'lines/s', 'peak RSS MB', 'findings / 1,000 lines'], [
  toolRow(`Codeward CLI (pool, ${CORES} workers)`, cw, cw.findings),
  toolRow('ESLint (default, one thread)', es, es.findings),
  toolRow(`ESLint --concurrency ${CORES}`, esParallel, esParallel.findings),
]));
const speedup = es.wall / cw.wall;
const topEslintRule = [...es.byRule].sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
out.push('');
out.push(`ESLint: ${es.fatal} files it could not parse; its most frequent rule is ${topEslintRule[0]} (${int(topEslintRule[1])} of ${int(es.findings)} findings);`);
out.push(`the guard around @microsoft/sdl/no-insecure-random caught ${es.guardCaught} throws that would have stopped the run.`);
out.push('');
out.push(table(['target', 'measured', 'verdict'], [
  [`full scan >= ${TARGETS.eslintSpeedup}x faster than the ESLint set (wall, default settings)`, `${fmt(speedup, 1)}x (CPU seconds: ${fmt(es.cpu / cw.cpu, 1)}x)`, verdict(speedup >= TARGETS.eslintSpeedup)],
  [`(reference) against ESLint --concurrency ${CORES}`, `${fmt(esParallel.wall / cw.wall, 1)}x (CPU seconds: ${fmt(esParallel.cpu / cw.cpu, 1)}x)`, ''],
]));
out.push('');
out.push('### Parse floor: typescript-estree alone (the options of src/core/parse.ts), same files, one process');
out.push('');
const floorRow = (name, run, compute) => [name, fmt(run.wall), fmt(run.cpu), compute, int(LINES / run.wall), int(run.rss)];
out.push(table(['run', 'wall s', 'CPU s', 'parse / analyze only, s', 'lines/s', 'peak RSS MB'], [
  floorRow('parse floor: typescript-estree, 1 thread', floor, fmt(floor.computeMs / 1000)),
  floorRow('Codeward analyze(), 1 thread', single, fmt(single.computeMs / 1000)),
  floorRow(`Codeward CLI (pool, ${CORES} workers)`, cw, ''),
]));
const floorRatio = cw.wall / floor.wall;
const singleRatio = single.wall / floor.wall;
out.push('');
out.push(table(['target', 'measured', 'verdict'], [
  [`full scan (CLI, default settings) within ${TARGETS.parseFloor}x of the single-process parse floor (wall)`, `${fmt(floorRatio)}x (CPU seconds: ${fmt(cw.cpu / floor.cpu)}x)`, verdict(floorRatio <= TARGETS.parseFloor)],
  [`single thread: analyze() within ${TARGETS.parseFloor}x of the parse floor (wall)`, `${fmt(singleRatio)}x (CPU seconds: ${fmt(single.cpu / floor.cpu)}x; in-process: ${fmt(single.computeMs / floor.computeMs)}x)`, verdict(singleRatio <= TARGETS.parseFloor)],
]));
out.push('');
out.push('### Rescan of the unchanged corpus with the results cache (default settings)');
out.push('');
const fullScan = fillCache.wall < cw.wall ? fillCache : cw;
out.push(table(['run', 'wall s', 'CPU s', 'peak RSS MB'], [
  ['full scan, no cache (--no-cache; median above)', fmt(cw.wall), fmt(cw.cpu), int(cw.rss)],
  ['full scan filling an empty cache', fmt(fillCache.wall), fmt(fillCache.cpu), int(fillCache.rss)],
  [`rescan, every file from the cache (median of ${RUNS})`, fmt(rescan.wall), fmt(rescan.cpu), int(rescan.rss)],
]));
out.push('');
out.push(table(['target', 'measured', 'verdict'], [
  [`rescan of an unchanged tree >= ${TARGETS.rescan}x faster than the faster full scan (wall)`, `${fmt(fullScan.wall / rescan.wall, 1)}x (CPU seconds: ${fmt(fullScan.cpu / rescan.cpu, 1)}x)`, verdict(fullScan.wall / rescan.wall >= TARGETS.rescan)],
]));
out.push('');
out.push(`### Single document: ${doc.rel} (${int(doc.lines)} lines), ${LATENCY_ROUNDS} runs after warm-up, one process`);
out.push('');
const lat = (samples) => [fmt(percentile(samples, 50), 1), fmt(percentile(samples, 95), 1)];
out.push(table(['run', 'p50 ms', 'p95 ms'], [
  ['typescript-estree parse (same options)', ...lat(latency.parse)],
  [`Codeward analyze() (${latency.findings} findings)`, ...lat(latency.analyze)],
  [`ESLint Linter.verify, same plugins and parser (${latency.eslintFindings} findings, ${latency.verify.length} runs)`, ...lat(latency.verify)],
]));
const latencyRatio = percentile(latency.analyze, 95) / percentile(latency.parse, 95);
out.push('');
out.push(table(['target', 'measured', 'verdict'], [
  [`single-document analyze() p95 within ${TARGETS.latency}x of its parse p95`, `${fmt(latencyRatio)}x (p50: ${fmt(percentile(latency.analyze, 50) / percentile(latency.parse, 50))}x)`, verdict(latencyRatio <= TARGETS.latency)],
  ['(reference) ESLint Linter.verify / analyze()', `p50 ${fmt(percentile(latency.verify, 50) / percentile(latency.analyze, 50), 1)}x, p95 ${fmt(percentile(latency.verify, 95) / percentile(latency.analyze, 95), 1)}x`, ''],
]));
out.push('');
out.push(`### Scaling: Codeward CLI on 1, 4 and 16 copies of a scaling base (ESLint at 1x only)`);
out.push('');
out.push(`16 copies of the whole corpus would take too long here, so the base is every ${SCALING_STRIDE}th file of the corpus`);
out.push(`(${int(base.length)} files, ${int(BASE_LINES)} lines); the full-corpus run above is listed with them for reference (a`);
out.push('different mix of files, so not part of the verdict).');
out.push('');
const costOf = ({ lines, run }) => ((run.wall * 1000) / lines) * 1000;
out.push(table(['size', 'files', 'lines', 'wall s', 'CPU s', 'peak RSS MB', 'wall ms / 1,000 lines', 'CPU ms / 1,000 lines'], [
  ...scaling.map((entry) => [entry.label, int(entry.run.files), int(entry.lines), fmt(entry.run.wall), fmt(entry.run.cpu), int(entry.run.rss), fmt(costOf(entry)), fmt(((entry.run.cpu * 1000) / entry.lines) * 1000)]),
  ['ESLint, corpus', int(es.files), int(LINES), fmt(es.wall), fmt(es.cpu), int(es.rss), fmt(((es.wall * 1000) / LINES) * 1000), fmt(((es.cpu * 1000) / LINES) * 1000)],
]));
// Flat means no growth: a larger tree may cost less per line (start-up and JIT warm-up are spread wider), never more.
const sizes = scaling.filter((entry) => entry.base);
const growth = Math.max(...sizes.slice(1).map((entry, i) => costOf(entry) / costOf(sizes[i])));
out.push('');
out.push(table(['target', 'measured', 'verdict'], [
  [`cost per line flat: from 1x to 4x to 16x the base, wall ms per 1,000 lines grows by at most ${fmt((TARGETS.flat - 1) * 100, 0)}% a step`, `largest step: ${fmt(growth)}x (16x / 1x: ${fmt(costOf(sizes[sizes.length - 1]) / costOf(sizes[0]))}x)`, verdict(growth <= TARGETS.flat)],
]));
out.push('');
out.push(`Total benchmark time: ${int((performance.now() - began) / 1000)} s.`);
console.log(out.join('\n'));

if (KEEP || REUSE) console.error(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
