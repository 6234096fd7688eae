// Inserted-code regions: which changes count as inserted, and how regions follow later edits.
import { strict as assert } from 'node:assert';
import { addRegion, adjustRegions, INSERTED_NOTE, insertedRegion, isBulkInsertion, markInsertedCode } from '../../src/core/provenance';
import { analyze } from '../../src/core/engine';

describe('inserted-code regions', () => {
  it('counts a change as inserted when it brings several lines at once', () => {
    assert.equal(isBulkInsertion({ start: 0, deleted: 0, text: 'a();\nb();\nc();' }, 3), true);
    assert.equal(isBulkInsertion({ start: 0, deleted: 0, text: 'a();\nb();' }, 3), false);
    assert.equal(isBulkInsertion({ start: 0, deleted: 0, text: 'e' }, 3), false, 'typing');
    assert.equal(isBulkInsertion({ start: 0, deleted: 0, text: '\n\n\n' }, 3), false, 'blank lines are no code');
    assert.equal(isBulkInsertion({ start: 5, deleted: 9, text: 'one line' }, 1), true);
  });

  it('leaves out undo, redo and what git operations write; counts two-line blocks of a file rewritten on disk', () => {
    const snippet = { start: 4, deleted: 0, text: 'a();\nb();\nc();\n' };
    const typing = { minLines: 3, undoing: false, byGit: false, reloaded: false };
    assert.deepEqual(insertedRegion(snippet, typing), [4, 19]);
    assert.equal(insertedRegion(snippet, { ...typing, undoing: true }), undefined);
    assert.equal(insertedRegion(snippet, { ...typing, byGit: true }), undefined, 'checkout, pull, merge, stash');
    assert.equal(insertedRegion({ start: 0, deleted: 0, text: 'a();\nb();' }, typing), undefined);
    assert.deepEqual(insertedRegion({ start: 0, deleted: 0, text: 'a();\nb();' }, { ...typing, reloaded: true }), [0, 9]);
    assert.equal(insertedRegion({ start: 0, deleted: 1, text: 'x' }, { ...typing, reloaded: true }), undefined, 'retyping the saved text');
    assert.equal(insertedRegion(snippet, { ...typing, reloaded: true, byGit: true }), undefined, 'git rewrote the file');
  });

  it('follows later edits: before, after, inside, across', () => {
    const regions: [number, number][] = [[10, 20]];
    assert.deepEqual(adjustRegions(regions, { start: 0, deleted: 0, text: 'abc' }), [[13, 23]], 'typed before: shifts');
    assert.deepEqual(adjustRegions(regions, { start: 25, deleted: 2, text: '' }), [[10, 20]], 'after: unchanged');
    assert.deepEqual(adjustRegions(regions, { start: 20, deleted: 0, text: 'x' }), [[10, 20]], 'typed right after: not inserted code');
    assert.deepEqual(adjustRegions(regions, { start: 12, deleted: 3, text: 'abcdef' }), [[10, 23]], 'edited inside: stays whole');
    assert.deepEqual(adjustRegions(regions, { start: 5, deleted: 10, text: 'x' }), [[6, 11]], 'head deleted');
    assert.deepEqual(adjustRegions(regions, { start: 15, deleted: 10, text: '' }), [[10, 15]], 'tail deleted');
    assert.deepEqual(adjustRegions(regions, { start: 5, deleted: 20, text: 'y' }), [], 'deleted whole');
    assert.deepEqual(addRegion([[0, 5], [30, 40]], [5, 31]), [[0, 40]], 'touching regions merge');
  });

  it('marks findings that start inside a region', () => {
    const text = 'const ok = 1;\napp.get("/x", (req, res) => res.json(eval(req.query.a)));\n';
    const findings = analyze(text, 'a.js').findings;
    const start = text.indexOf('app.get');
    assert.equal(markInsertedCode(findings, [[start, text.length]])[0].message, `${findings[0].message} ${INSERTED_NOTE}`);
    assert.equal(markInsertedCode(findings, [[0, start]])[0].message, findings[0].message);
  });
});
