// Bundles the core once (dist/core.js) and two thin shells that load it: the extension and the CLI.
// Refuses to build if the core imports `vscode` or a shell imports core values other than through src/core/index.ts.
// `--metafile` also writes <outdir>/meta.json (what each bundle imports; the offline test reads it); `--outdir DIR`
// builds elsewhere than dist/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

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

const CORE_INDEX = resolve('src/core/index.ts');
const PARSER = resolve('src/core/parser.ts');

/** The parser (TypeScript included) is a bundle of its own, loaded on first parse, so start-up does not compile it. */
const parserAsLazyBundle = {
  name: 'parser-as-lazy-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/parser$/ }, (args) => (resolve(args.resolveDir, `${args.path}.ts`) === PARSER ? { path: './parser.js', external: true } : undefined));
  },
};

/**
 * typescript-estree gives every node a line/column `loc` (three objects and two binary searches per node) and, asked
 * for none, deletes them all again, which costs more. Codeward works on offsets and turns an offset into a line and
 * column only for what it reports (src/core/lines.ts), so in the parser bundle every node shares one placeholder
 * that the converter may overwrite and nothing reads. Only the bundle's own copy of the library changes;
 * test/unit/parser-bundle.test.ts checks its trees equal the library's on every corpus, fixture and source file.
 */
const sharedPlaceholderLoc = {
  name: 'shared-placeholder-loc',
  setup(build) {
    build.onLoad({ filter: /@typescript-eslint[\\/]typescript-estree[\\/]dist[\\/]node-utils\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const exported = ['exports.getLocFor = getLocFor;', 'exports.getLineAndCharacterFor = getLineAndCharacterFor;'];
      if (!exported.every((line) => source.includes(line))) {
        return { errors: [{ text: `${args.path} no longer exports getLocFor/getLineAndCharacterFor as expected: revisit shared-placeholder-loc in scripts/build.mjs` }] };
      }
      const placeholder = `
const UNUSED_LOCATION = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
exports.getLocFor = () => UNUSED_LOCATION;
exports.getLineAndCharacterFor = () => UNUSED_LOCATION.start;
`;
      return { contents: source + placeholder, loader: 'js' };
    });
  },
};

/** Shells reach the core only through dist/core.js, so the parser and the rule registry exist once. */
const coreAsSharedBundle = {
  name: 'core-as-shared-bundle',
  setup(build) {
    build.onResolve({ filter: /\/core(?:\/|$)/ }, (args) => {
      if (!args.importer || args.importer.startsWith(resolve('src/core'))) return undefined;
      const target = resolve(dirname(args.importer), args.path);
      if (target === resolve('src/core') || `${target}.ts` === CORE_INDEX || target === CORE_INDEX) {
        return { path: './core.js', external: true };
      }
      if (target.startsWith(resolve('src/core'))) {
        return { errors: [{ text: `${relative('.', args.importer)} imports '${args.path}': import core values from '../core' (src/core/index.ts)` }] };
      }
      return undefined;
    });
  },
};

const production = process.argv.includes('--production');
const metafile = process.argv.includes('--metafile');
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag >= 0 ? process.argv[outdirFlag + 1] : 'dist';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  metafile,
  // jsonc-parser's main entry is UMD and requires its own modules at run time, which a bundle cannot follow.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

rmSync(outdir, { recursive: true, force: true });
const results = await Promise.all([
  build({ ...common, entryPoints: ['src/core/index.ts'], outfile: join(outdir, 'core.js'), plugins: [parserAsLazyBundle] }),
  build({ ...common, entryPoints: ['src/core/parser.ts'], outfile: join(outdir, 'parser.js'), plugins: [sharedPlaceholderLoc] }),
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: join(outdir, 'extension.js'), external: ['vscode'], plugins: [coreAsSharedBundle] }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outdir, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [coreAsSharedBundle] }),
]);
// The Scope view's icons: only codicons' font and stylesheet, served from the extension (the webview loads nothing remote).
mkdirSync(join(outdir, 'codicons'), { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules', '@vscode', 'codicons', 'dist', file), join(outdir, 'codicons', file));
if (metafile) {
  const merged = { inputs: {}, outputs: {} };
  for (const { metafile: meta } of results) {
    Object.assign(merged.inputs, meta.inputs);
    Object.assign(merged.outputs, meta.outputs);
  }
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(merged, null, 2));
}
