// Runs the built CLI over the sources of well-known npm packages (installed into a temp folder, no install
// scripts) and prints findings per 1,000 lines overall and per rule, then every finding for reading.
// Usage: npm run build && node scripts/real-code.mjs [--keep] [--list]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

export const PACKAGES = [
  'express@4.21.2', 'koa@2.15.3', 'fastify@5.2.1', 'axios@1.7.9', 'lodash@4.17.21', 'mongoose@8.9.5', 'sequelize@6.37.5',
  'webpack@5.97.1', 'eslint@9.18.0', 'yargs@17.7.2', 'commander@13.1.0', 'pg@8.13.1', 'mysql2@3.12.0', 'jsonwebtoken@9.0.2',
  'passport@0.7.0', 'helmet@8.0.0', 'ws@8.18.0', 'undici@7.2.3', 'socket.io@4.8.1', 'nodemailer@6.10.0',
];

const cli = join(process.cwd(), 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'codeward-real-'));
const sources = join(work, 'sources');
console.error(`installing ${PACKAGES.length} packages into ${work} (no install scripts)…`);
execFileSync('npm', ['install', '--prefix', work, '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', '--loglevel=error', ...PACKAGES], { stdio: 'inherit' });
for (const spec of PACKAGES) {
  const name = spec.slice(0, spec.lastIndexOf('@'));
  // Copied out of node_modules (which scans skip), without the package's own dependencies.
  cpSync(join(work, 'node_modules', name), join(sources, name), { recursive: true, filter: (path) => !path.includes(`${name}/node_modules`) });
}

const run = spawnSync(process.execPath, [cli, 'scan', sources, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 1 << 30 });
if (run.status !== 0) {
  console.error(run.stderr);
  process.exit(2);
}
const report = JSON.parse(run.stdout);
// Lines of the files the scan read: the core's own file selection, minus the files it noted as skipped.
const core = createRequire(import.meta.url)(join(process.cwd(), 'dist', 'core.js'));
const selection = core.selectFiles([sources], { root: report.root, exclude: [], maxFileSizeKb: 1024 });
const skipped = new Set(report.notes.map((note) => note.path));
let lines = 0;
for (const file of selection.files) {
  if (!skipped.has(core.displayPath(report.root, file))) lines += readFileSync(file, 'utf8').split('\n').length;
}

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
