// The results cache: what misses it (every input of the key), that stored results come back exactly, and that a
// damaged or unwritable cache costs speed only. Behaviour (hits and misses), never timing.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/core/config/model';
import { cacheFilePath, ResultCache, scanKeyInputs, type CacheReport, type CacheSettings } from '../../src/core/cache';
import { scanPathsInParallel, type AnalysisOptions, type ScanReport } from '../../src/core/scan';
import { cli, json } from '../helpers/cli';
import { createWorkspace, Workspace } from '../helpers/workspace';

const CLEAN = 'export const add = (a, b) => a + b;\n';
const VULNERABLE = 'app.get("/x", (req, res) => {\n  res.json(eval(req.query.expr));\n});\n';
const WEAK_HASH = "const crypto = require('crypto');\nexport const digest = (body) => crypto.createHash('md5').update(body).digest('hex');\n";
const SUPPRESSED = '// codeward-ignore-next-line code-injection -- the expression comes from our own config\nrun(eval(config.expr));\n';
const UNSUPPRESSED_MARKER = '// codeward-ignore-next-line code-injection\nrun(eval(req.body));\n';
const BROKEN = 'function (\n';
const MINIFIED = `var a=${JSON.stringify('x'.repeat(30_000))};\n`;

interface Options {
  rules?: AnalysisOptions['rules'];
  minConfidence?: AnalysisOptions['minConfidence'];
  tool?: string;
  location?: string;
}

describe('results cache', () => {
  let workspace: Workspace;
  let project: string;
  let location: string;
  afterEach(() => workspace?.remove());

  function setUp(files: Record<string, string | Uint8Array>): void {
    workspace = createWorkspace(Object.fromEntries(Object.entries(files).map(([path, content]) => [`project/${path}`, content])));
    project = workspace.path('project');
    location = `${workspace.path('cache')}/`;
  }

  async function scan(options: Options = {}): Promise<{ report: ScanReport; cache: CacheReport }> {
    let cache: CacheReport | undefined;
    const settings: CacheSettings = { location: options.location ?? location, tool: options.tool ?? 'test-tool', onReport: (done) => (cache = done) };
    const config = { ...DEFAULT_CONFIG, rules: options.rules ?? {}, minConfidence: options.minConfidence ?? 'low' };
    const report = await scanPathsInParallel([project], { root: project, config }, { cache: settings });
    assert.ok(report && cache);
    return { report, cache };
  }

  describe('key', () => {
    beforeEach(() => {
      setUp({
        'package.json': '{"name":"app","dependencies":{"left-pad":"1.3.0"}}\n',
        'package-lock.json': '{"lockfileVersion":3}\n',
        'node_modules/.package-lock.json': '{"lockfileVersion":3}\n',
        '.codeward/scope.json': '{"confidentiality":"internal"}\n',
        'src/app.js': VULNERABLE,
        'src/hash.js': WEAK_HASH,
      });
    });

    // package.json and scope.json get the secret scan too: four files.
    const FILES = 4;

    it('hits every file when nothing changed', async () => {
      assert.deepEqual(pick(await scan()), { hits: 0, misses: FILES });
      assert.deepEqual(pick(await scan()), { hits: FILES, misses: 0 });
    });

    it("misses one file when only that file's content changed", async () => {
      await scan();
      workspace.write('project/src/app.js', `${VULNERABLE}// edited\n`);
      assert.deepEqual(pick(await scan()), { hits: FILES - 1, misses: 1 });
    });

    it('misses the files below a package.json added nearer to them', async () => {
      await scan();
      workspace.write('project/src/package.json', '{"name":"inner"}\n');
      // The two scripts under src/ miss, and the new file is analysed; the two files above src/ still hit.
      assert.deepEqual(pick(await scan()), { hits: 2, misses: 3 });
    });

    // One case per input of scanKeyInputs and per package manifest: each one changed alone must miss every file.
    const changes: Record<string, { input?: string; change: () => Options }> = {
      'the tool version': { input: 'tool', change: () => ({ tool: 'test-tool-2' }) },
      'a rule setting': { input: 'options', change: () => ({ rules: { 'weak-hash': 'off' } }) },
      'the minimum confidence': { input: 'options', change: () => ({ minConfidence: 'high' }) },
      'the scope file': {
        input: 'scope',
        change: () => {
          workspace.write('project/.codeward/scope.json', '{"confidentiality":"restricted"}\n');
          return {};
        },
      },
      'the nearest package.json': {
        change: () => {
          workspace.write('project/package.json', '{"name":"app","dependencies":{"left-pad":"1.3.1"}}\n');
          return {};
        },
      },
      'the lockfile': {
        change: () => {
          workspace.write('project/package-lock.json', '{"lockfileVersion":3,"packages":{}}\n');
          return {};
        },
      },
      'the installed manifest (node_modules/.package-lock.json)': {
        change: () => {
          workspace.write('project/node_modules/.package-lock.json', '{"lockfileVersion":3,"packages":{}}\n');
          return {};
        },
      },
      'a format the cache was written in': {
        input: 'format',
        change: () => {
          const file = cacheFilePath(project, location);
          writeFileSync(file, readFileSync(file, 'utf8').replace(/^\{"format":1,/, '{"format":0,'));
          return {};
        },
      },
    };
    for (const [name, { change }] of Object.entries(changes)) {
      it(`misses every file when ${name} changed`, async () => {
        await scan();
        assert.deepEqual(pick(await scan(change())), { hits: 0, misses: FILES });
      });
    }

    for (const [name, file] of [['a tsconfig.json (import path aliases)', 'project/tsconfig.json'], ["Yarn's .pnp.cjs", 'project/.pnp.cjs']]) {
      it(`misses every file when ${name} appears`, async () => {
        await scan();
        workspace.write(file, '{}\n');
        assert.equal(pick(await scan()).hits, 0);
      });
    }

    it('has a case above for every input of the key (a new input needs one)', () => {
      const covered = new Set(Object.values(changes).map((entry) => entry.input).filter(Boolean));
      const inputs = Object.keys(scanKeyInputs(project, { rules: {}, minConfidence: 'low' }, 'tool'));
      assert.deepEqual(inputs.filter((input) => !covered.has(input)), []);
    });

    it('misses when a change scan (--diff, --staged) asks for rules that judge changes', () => {
      const plain = scanKeyInputs(project, { rules: {}, minConfidence: 'low' }, 'tool');
      const change = scanKeyInputs(project, { rules: {}, minConfidence: 'low', changes: true }, 'tool');
      assert.notEqual(plain.options, change.options);
    });
  });

  it('returns stored results exactly: findings, fixes, suppressions, notes and skips', async () => {
    setUp({
      'src/app.js': VULNERABLE,
      'src/hash.js': WEAK_HASH,
      'src/suppressed.js': SUPPRESSED,
      'src/marker.js': UNSUPPRESSED_MARKER,
      'src/broken.js': BROKEN,
      'src/binary.js': new Uint8Array([0x63, 0, 0x64]),
      'src/bundle.js': MINIFIED,
    });
    const cold = await scan();
    const warm = await scan();
    assert.deepEqual(pick(warm), { hits: 7, misses: 0 });
    assert.deepStrictEqual(warm.report, cold.report);
    // The round trip is not vacuous: the report holds each kind of result.
    const findings = cold.report.files.flatMap((file) => file.findings);
    assert.ok(findings.some((finding) => finding.fixes.length > 0), 'a fix');
    assert.ok(findings.some((finding) => finding.suppression), 'a suppression');
    assert.ok(cold.report.files.some((file) => file.notes.some((note) => note.kind === 'parse-error')), 'a parse note');
    assert.ok(cold.report.files.some((file) => file.notes.some((note) => note.kind === 'binary')), 'a binary note');
    assert.ok(cold.report.skipped.some((entry) => entry.path === 'src/bundle.js'), 'a skip');
  });

  it('does not keep a result when the file changed while it was analysed (an undo must not find it)', async () => {
    setUp({ 'src/app.js': VULNERABLE });
    const file = workspace.path('project/src/app.js');
    const options: AnalysisOptions = { rules: {}, minConfidence: 'low' };
    const cache = new ResultCache(project, options, { location, tool: 'test-tool' });
    const found = cache.lookup(file, 'src/app.js');
    assert.ok(found && 'key' in found);
    workspace.write('project/src/app.js', CLEAN);
    cache.store(found.key, file, { path: 'src/app.js', absolutePath: file, findings: [], notes: [] });
    cache.save();
    workspace.write('project/src/app.js', VULNERABLE);
    const again = await scan();
    assert.deepEqual(pick(again), { hits: 0, misses: 1 });
    assert.equal(again.report.summary.findings.error, 1);
  });

  it('ignores a damaged cache with a note, scans everything, and rewrites it', async () => {
    setUp({ 'src/app.js': VULNERABLE });
    const cold = await scan();
    writeFileSync(cacheFilePath(project, location), '{"format":1,"entries":');
    const damaged = await scan();
    assert.deepEqual(pick(damaged), { hits: 0, misses: 1 });
    assert.match(damaged.cache.problems.join('\n'), /damaged; ignored and rewritten/);
    assert.deepStrictEqual(damaged.report, cold.report);
    assert.deepEqual(pick(await scan()), { hits: 1, misses: 0 });
  });

  it('reports an unwritable cache location and still returns the full report', async () => {
    setUp({ 'src/app.js': VULNERABLE });
    const blocker = workspace.write('not-a-folder', 'a file where the cache folder would go');
    const first = await scan({ location: join(blocker, 'cache.json') });
    assert.match(first.cache.problems.join('\n'), /cannot write the cache .*not-a-folder.*; results were not saved/);
    assert.equal(first.report.summary.findings.error, 1);
    assert.deepEqual(pick(await scan({ location: join(blocker, 'cache.json') })).misses, 1);
  });

  describe('CLI', () => {
    it('caches by default in the user cache folder, outside the scanned tree', async () => {
      setUp({ 'src/app.js': VULNERABLE });
      const before = await json(['scan', project, '--fail-on', 'none']);
      const file = cacheFilePath(project);
      assert.ok(file.startsWith(process.env.XDG_CACHE_HOME ?? '/nonexistent'), file);
      assert.ok(existsSync(file));
      assert.deepEqual(readdirSync(project).sort(), ['src']);
      assert.deepStrictEqual(await json(['scan', project, '--fail-on', 'none']), before);
    });

    it('--no-cache neither reads nor writes a cache; --cache-location names the file', async () => {
      setUp({ 'src/app.js': VULNERABLE });
      const named = workspace.path('ci-cache/codeward.json');
      assert.equal((await cli(['scan', project, '--no-cache'])).code, 1);
      assert.equal(existsSync(cacheFilePath(project)), false);
      assert.equal((await cli(['scan', project, '--cache-location', named])).code, 1);
      assert.ok(existsSync(named));
    });

    it('says on stderr that a damaged cache was ignored, with the same report and exit code', async () => {
      setUp({ 'src/app.js': VULNERABLE });
      const named = workspace.write('ci-cache/codeward.json', 'not json');
      const result = await cli(['scan', project, '--cache-location', named]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^codeward: cache: the cache .*codeward\.json is not a Codeward cache or is damaged; ignored and rewritten\n$/);
      assert.match(result.stdout, /code-injection/);
    });

    it('exits 2 when --no-cache and --cache-location are combined', async () => {
      setUp({ 'src/app.js': VULNERABLE });
      const result = await cli(['scan', project, '--no-cache', '--cache-location', workspace.path('c.json')]);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'codeward: --no-cache and --cache-location cannot be combined\n');
    });
  });
});

function pick({ cache }: { cache: CacheReport }): { hits: number; misses: number } {
  return { hits: cache.hits, misses: cache.misses };
}
