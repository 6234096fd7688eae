// Real code from npm for measurements: the published sources of well-known packages, installed into a temp folder
// (no install scripts) and copied out of node_modules. Shared by scripts/real-code.mjs and scripts/bench.mjs.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const PACKAGES = [
  'express@4.21.2', 'koa@2.15.3', 'fastify@5.2.1', 'axios@1.7.9', 'lodash@4.17.21', 'mongoose@8.9.5', 'sequelize@6.37.5',
  'webpack@5.97.1', 'eslint@9.18.0', 'yargs@17.7.2', 'commander@13.1.0', 'pg@8.13.1', 'mysql2@3.12.0', 'jsonwebtoken@9.0.2',
  'passport@0.7.0', 'helmet@8.0.0', 'ws@8.18.0', 'undici@7.2.3', 'socket.io@4.8.1', 'nodemailer@6.10.0',
];

/** The built core (dist/core.js) of the checkout in the current directory; exits 2 when it is not built. */
export function loadBuiltCore() {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const core = join(process.cwd(), 'dist', 'core.js');
  if (!existsSync(cli) || !existsSync(core)) {
    console.error('dist/cli.js is missing: run `npm run build` first');
    process.exit(2);
  }
  return { cli, corePath: core, core: createRequire(import.meta.url)(core) };
}

/**
 * Installs PACKAGES into `work` and copies each package's own files (without its dependencies) to
 * `work/sources/<name>`, outside node_modules, which scans skip. Returns the sources folder.
 */
export function installSources(work) {
  const sources = join(work, 'sources');
  console.error(`installing ${PACKAGES.length} packages into ${work} (no install scripts)…`);
  execFileSync('npm', ['install', '--prefix', work, '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', '--loglevel=error', ...PACKAGES], { stdio: 'inherit' });
  for (const spec of PACKAGES) {
    const name = spec.slice(0, spec.lastIndexOf('@'));
    cpSync(join(work, 'node_modules', name), join(sources, name), { recursive: true, filter: (path) => !path.includes(`${name}/node_modules`) });
  }
  return sources;
}

export function countLines(text) {
  return text.split('\n').length;
}

/**
 * The files a CLI scan of `paths` analysed: the core's own file selection minus the files the JSON report
 * noted (skipped, not parsed, binary…), each with its line count.
 */
export function analysedFiles(core, paths, report) {
  const selection = core.selectFiles(paths, { root: report.root, exclude: [], maxFileSizeKb: 1024 });
  const noted = new Set(report.notes.map((note) => note.path));
  return selection.files
    .filter((file) => !noted.has(core.displayPath(report.root, file)))
    .map((file) => ({ file, lines: countLines(readFileSync(file, 'utf8')) }));
}
