// A deterministic sample of the fuzz script (`npm run fuzz` runs 100,000 inputs): mutated real files never make
// `analyze` throw, hide an internal error or take longer than the bound.
import { strict as assert } from 'node:assert';
import { fuzz, inputAt, loadSeeds } from '../../scripts/fuzz-lib';

const LIMIT_MS = 2000;

describe('fuzz sample', function () {
  this.timeout(30_000);

  it('derives every input from real files, reproducibly', () => {
    const seeds = loadSeeds();
    assert.ok(seeds.length > 50 && seeds.every((file) => file.tokens.length > 0), 'seed files from examples/ and test/corpus/');
    for (const index of [0, 1500, 2999]) assert.deepEqual(inputAt(seeds, 3, 3000, index), inputAt(seeds, 3, 3000, index));
    const kinds = new Set(Array.from({ length: 20 }, (_, i) => inputAt(seeds, 3, 20, i).kind));
    assert.deepEqual([...kinds].sort(), ['deep-nesting', 'delete-tokens', 'duplicate-tokens', 'foreign-tokens', 'random-bytes', 'swap-tokens', 'truncate', 'unbalanced-brackets']);
  });

  it('2,500 mutated inputs: no exception, no internal error, each within the bound', () => {
    const summary = fuzz({ count: 2500, seed: 20240601, limitMs: LIMIT_MS });
    assert.equal(summary.inputs, 2500);
    assert.deepEqual(summary.failures.map(({ input, reason }) => `#${input.index} ${input.kind} of ${input.path}: ${reason}`), []);
    // The mutations reach the parser's failure paths, not only valid code.
    assert.ok((summary.notes['parse-error'] ?? 0) > 500 && (summary.notes['too-deep'] ?? 0) > 0, JSON.stringify(summary.notes));
  });
});
