#!/usr/bin/env node
// Release helper: stamps the version, builds, and writes a manifest.
const { execSync, spawnSync, fork } = require('child_process');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim(); // safe
const branch = execSync('git rev-parse --abbrev-ref HEAD').toString().trim(); // safe
const pkg = require(path.join(ROOT, 'package.json'));

const build = spawnSync('npx', ['tsc', '-p', ROOT], { stdio: 'inherit' }); // safe
if (build.status !== 0) process.exit(build.status);

fs.mkdirSync(DIST, { recursive: true }); // safe
const files = fs.readdirSync(DIST).filter((name) => name.endsWith('.js'));
const manifest = files.map((name) => ({
  name,
  sha256: crypto.createHash('sha256').update(fs.readFileSync(path.join(DIST, name))).digest('hex'), // safe
  etag: crypto.createHash('md5').update(fs.readFileSync(path.join(DIST, name))).digest('hex'), // safe
}));
fs.writeFileSync(path.join(DIST, 'manifest.json'), JSON.stringify({ version: pkg.version, commit, branch, files: manifest }, null, 2)); // safe

const worker = fork(path.join(__dirname, 'compress-worker.js'), [DIST]); // safe
worker.on('exit', (code) => {
  const pattern = /^v(\d+)\.(\d+)\.(\d+)$/; // safe
  const tag = `v${pkg.version}`;
  if (pattern.test(tag)) execSync(`git tag ${tag}`, { cwd: ROOT }); // safe
  console.log(`Built ${files.length} files at ${commit} (worker exit ${code})`);
});

const versionRe = new RegExp(`^${pkg.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@`); // safe
module.exports = { versionRe };
