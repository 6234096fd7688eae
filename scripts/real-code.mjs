// Runs the built CLI over the sources of well-known npm packages (installed into a temp folder, no install
// scripts) and prints findings per 1,000 lines overall and per rule, then every finding for reading.
// Usage: npm run build && node scripts/real-code.mjs [--keep] [--list]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analysedFiles, installSources, loadBuiltCore, PACKAGES } from './npm-corpus.mjs';

const { cli, core } = loadBuiltCore();
const work = mkdtempSync(join(tmpdir(), 'codeward-real-'));
const sources = installSources(work);

const run = spawnSync(process.execPath, [cli, 'scan', sources, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(2);
}
const report = JSON.parse(run.stdout);
// Lines of the files the scan read: the core's own file selection, minus the files it noted as skipped.
const lines = analysedFiles(core, [sources], report).reduce((sum, entry) => sum + entry.lines, 0);

const byRule = new Map();
for (const finding of report.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
const perK = (count) => ((count / lines) * 1000).toFixed(2);
console.log(`packages: ${PACKAGES.length}, files scanned: ${report.summary.filesScanned}, lines: ${lines}`);
console.log(`findings: ${report.findings.length} (${perK(report.findings.length)} per 1,000 lines)`);
for (const confidence of ['high', 'medium', 'low']) {
  const count = report.findings.filter((finding) => finding.confidence === confidence).length;
  console.log(`  ${confidence.padEnd(6)} ${String(count).padStart(5)} (${perK(count)} per 1,000 lines)`);
}
for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${rule.padEnd(28)} ${count}`);
if (process.argv.includes('--list')) {
  for (const finding of report.findings) console.log(`${finding.path}:${finding.line}:${finding.column} ${finding.ruleId} [${finding.confidence}] ${finding.message}`);
}
if (process.argv.includes('--keep')) console.error(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
