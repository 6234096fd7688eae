// The labelled corpus (test/corpus): every rule on, default options, line-level precision and recall.
import { strict as assert } from 'node:assert';
import { measureCorpus, formatReport, type CorpusResult } from '../../scripts/corpus';

/** The targets of the detection issue, measured on our own corpus. */
const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.8;
/** The corpus itself: enough labelled lines, at least half of them must-not-flag traps. */
const MIN_LABELLED_LINES = 400;

describe('labelled corpus', function () {
  this.timeout(60_000);
  let result: CorpusResult;
  before(() => {
    result = measureCorpus();
  });

  it('is well formed: every file parses, every label names a known rule', () => {
    assert.deepEqual(result.problems, []);
  });

  it(`holds at least ${MIN_LABELLED_LINES} labelled lines, half of them traps`, () => {
    const { positives, traps } = result.overall;
    assert.ok(positives + traps >= MIN_LABELLED_LINES, `${positives + traps} labelled lines`);
    assert.ok(traps >= positives, `${traps} traps for ${positives} positives`);
  });

  it(`reaches precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, () => {
    const { precision, recall } = result.overall;
    const summary = `precision ${precision?.toFixed(3)}, recall ${recall?.toFixed(3)}\n${formatReport(result)}`;
    assert.ok(precision !== null && precision >= MIN_PRECISION, summary);
    assert.ok(recall !== null && recall >= MIN_RECALL, summary);
  });
});
