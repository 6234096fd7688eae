// Findings inside inserted regions are flagged and say so; regions survive a reload only for unchanged text.
import { strict as assert } from 'node:assert';
import { contentHash, INSERTED_CODE_PREFIX, markInsertedFindings, restoreRegions, storeRegions } from '../../../src/core/provenance';
import type { Finding, Range } from '../../../src/core/types';

function finding(range: Range, message = 'eval() runs request input as code.'): Finding {
  return {
    ruleId: 'code-injection', message, severity: 'error', confidence: 'high', cwe: ['CWE-95'], range,
    start: { line: 1, column: range[0] + 1 }, end: { line: 1, column: range[1] + 1 }, fixes: [], related: [], fingerprint: 'f',
  };
}

describe('provenance: marking findings', () => {
  it('flags a finding that overlaps a region and prefixes its message; leaves the others alone', () => {
    const [inside, outside] = markInsertedFindings([finding([12, 18]), finding([30, 35])], [[10, 20]]);
    assert.equal(inside.insertedCode, true);
    assert.equal(inside.message, `${INSERTED_CODE_PREFIX}eval() runs request input as code.`);
    assert.equal(outside.insertedCode, undefined);
    assert.equal(outside.message, 'eval() runs request input as code.');
  });

  it('marks once, however often it runs', () => {
    const [once] = markInsertedFindings([finding([12, 18])], [[10, 20]]);
    assert.deepEqual(markInsertedFindings([once], [[10, 20]]), [once]);
  });

  it('without regions returns the findings as they were', () => {
    const findings = [finding([12, 18])];
    assert.deepEqual(markInsertedFindings(findings, []), findings);
  });
});

describe('provenance: storing regions', () => {
  const text = 'const a = 1;\nconst b = 2;\n';

  it('restores regions for the text they were stored with', () => {
    assert.deepEqual(restoreRegions(text, storeRegions(text, [[0, 12], [13, 25]])), [[0, 12], [13, 25]]);
  });

  it('restores nothing once the text changed, even by one character or a line ending', () => {
    const stored = storeRegions(text, [[0, 12]]);
    assert.deepEqual(restoreRegions(text.replace('1', '2'), stored), []);
    assert.deepEqual(restoreRegions(text.replace(/\n/g, '\r\n'), stored), []);
  });

  it('ignores malformed or out-of-range data', () => {
    for (const bad of [undefined, null, 'x', {}, { contentHash: contentHash(text), regions: [[0, 'a']] }, { contentHash: 1, regions: [] }]) {
      assert.deepEqual(restoreRegions(text, bad), []);
    }
    assert.deepEqual(restoreRegions(text, { contentHash: contentHash(text), regions: [[0, 5], [20, 999]] }), [[0, 5]]);
  });

  it('stores plain JSON (workspace state serialises it)', () => {
    const stored = storeRegions(text, [[0, 12]]);
    assert.deepEqual(JSON.parse(JSON.stringify(stored)), stored);
  });
});
