// Bundles the extension and the CLI with esbuild; refuses to build if the pure core imports `vscode`.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const vscodeImport = /(?:from\s+|require\(\s*|import\(\s*)['"]vscode['"]/;
const offenders = sourceFiles('src/core').filter((file) => vscodeImport.test(readFileSync(file, 'utf8')));
if (offenders.length > 0) {
  console.error(`src/core must not import vscode: ${offenders.join(', ')}`);
  process.exit(1);
}

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
