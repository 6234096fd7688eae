// The built parser (dist/parser.js) shares one placeholder `loc` between nodes instead of computing a line and column
// for each: everything else it returns must be exactly what typescript-estree returns.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'parser.js');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(?:[cm]?[jt]sx?)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// Runs in a child process: the stock library there is untouched by the bundle (which carries its own copy).
const COMPARE = `
const { readFileSync } = require('node:fs');
const stock = require('@typescript-eslint/typescript-estree');
const bundled = require(process.argv[1]);
const files = JSON.parse(process.argv[2]);
const withoutLoc = (key, value) => (key === 'loc' ? undefined : value);
let compared = 0, sharedLoc = 0, nodes = 0;
const mismatches = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const jsx = /\\.(?:jsx|tsx)$/.test(file) || !/\\.(?:[cm]?ts|tsx)$/.test(file);
  const options = { jsx, range: true, loc: true, comment: true, tokens: false, filePath: file, loggerFn: false, suppressDeprecatedPropertyWarnings: true };
  let expected, actual;
  try { expected = JSON.stringify(stock.parse(text, options), withoutLoc); } catch (error) { expected = 'throws ' + error.message; }
  try {
    const ast = bundled.parse(text, options);
    actual = JSON.stringify(ast, withoutLoc);
    const locs = new Set();
    JSON.stringify(ast, (key, value) => { if (value && typeof value.type === 'string') { nodes++; locs.add(value.loc); } return value; });
    sharedLoc = Math.max(sharedLoc, locs.size);
  } catch (error) { actual = 'throws ' + error.message; }
  compared++;
  if (expected !== actual) mismatches.push(file);
}
process.stdout.write(JSON.stringify({ compared, mismatches, nodes, sharedLoc }));
`;

describe('built parser bundle', function () {
  this.timeout(120_000);
  before(() => assert.ok(existsSync(BUNDLE), 'dist/parser.js is missing: run `npm run build` (npm test does)'));

  it('returns the same tree and the same errors as typescript-estree, with one shared placeholder loc', () => {
    const files = [...sources(join(ROOT, 'test', 'corpus')), ...sources(join(ROOT, 'test', 'fixtures')), ...sources(join(ROOT, 'src'))];
    const run = spawnSync(process.execPath, ['-e', COMPARE, BUNDLE, JSON.stringify(files)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { compared: number; mismatches: string[]; nodes: number; sharedLoc: number };
    assert.ok(result.compared > 250, `only ${result.compared} files compared`);
    assert.deepEqual(result.mismatches, []);
    assert.ok(result.nodes > 100_000, `only ${result.nodes} nodes seen`);
    assert.equal(result.sharedLoc, 1, 'every node of a file should share the placeholder loc');
  });
});
