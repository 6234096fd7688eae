// Which edits make inserted-code regions: one edit of several code lines, any write by another process; never git
// operations or undo/redo.
import { strict as assert } from 'node:assert';
import { codeLineCount, DEFAULT_MIN_LINES, insertedRegion, trackChanges } from '../../../src/core/provenance';
import type { ChangeOrigin, ContentChange } from '../../../src/core/provenance';
import type { Range } from '../../../src/core/types';

const SNIPPET = "app.get('/run', (req, res) => {\n  eval(req.query.code);\n});\n";
const edit = (rangeOffset: number, rangeLength: number, text: string): ContentChange => ({ rangeOffset, rangeLength, text });

describe('provenance: counting code lines', () => {
  const cases: [string, number][] = [['', 0], ['x', 1], ['\n    ', 0], ['a\nb\nc', 3], ['a\nb\nc\n', 3], ['a\n\n\nb', 2], ['a\r\nb\r\nc\r\n', 3], ['a\rb', 2]];
  for (const [text, lines] of cases) it(`${JSON.stringify(text)} has ${lines}`, () => assert.equal(codeLineCount(text), lines));
});

describe('provenance: classifying one change', () => {
  const cases: { name: string; change: ContentChange; origin: ChangeOrigin; minLines?: number; expected: Range | undefined }[] = [
    { name: 'a three-line paste is inserted code', change: edit(4, 0, SNIPPET), origin: 'editor', expected: [4, 4 + SNIPPET.length - 1] },
    { name: 'surrounding blank lines stay outside', change: edit(0, 0, `\n\n  ${SNIPPET}\n`), origin: 'editor', expected: [4, 4 + SNIPPET.length - 1] },
    { name: 'a replacement counts its new text', change: edit(10, 50, SNIPPET), origin: 'editor', expected: [10, 10 + SNIPPET.length - 1] },
    { name: 'two lines are below the default threshold', change: edit(0, 0, 'a();\nb();\n'), origin: 'editor', expected: undefined },
    { name: 'two lines count with minLines 2', change: edit(0, 0, 'a();\nb();\n'), origin: 'editor', minLines: 2, expected: [0, 9] },
    { name: 'Enter with indentation is not code', change: edit(3, 0, '\n\n\n    '), origin: 'editor', expected: undefined },
    { name: 'a keystroke is not inserted code', change: edit(3, 0, 'e'), origin: 'editor', expected: undefined },
    { name: 'a one-line write on disk is', change: edit(3, 0, 'rejectUnauthorized: false,'), origin: 'disk', expected: [3, 29] },
    { name: 'a git checkout is not', change: edit(0, 0, SNIPPET), origin: 'git', expected: undefined },
    { name: 'undo, redo and revert are not', change: edit(0, 0, SNIPPET), origin: 'restored', expected: undefined },
    { name: 'CRLF text ends before its last line break', change: edit(0, 0, 'a();\r\nb();\r\nc();\r\n'), origin: 'editor', expected: [0, 16] },
    { name: 'minLines below 1 means 1', change: edit(0, 0, 'a();'), origin: 'editor', minLines: 0, expected: [0, 4] },
  ];
  for (const { name, change, origin, minLines, expected } of cases) {
    it(name, () => assert.deepEqual(insertedRegion(change, origin, minLines ?? DEFAULT_MIN_LINES), expected));
  }
});

describe('provenance: tracking editor events', () => {
  it('marks a snippet inserted in one edit and none typed line by line', () => {
    assert.deepEqual(trackChanges([], [edit(0, 0, SNIPPET)], 'editor', 3), [[0, SNIPPET.length - 1]]);
    let typed: Range[] = [];
    let offset = 0;
    for (const line of SNIPPET.split(/(?<=\n)/)) {
      typed = trackChanges(typed, [edit(offset, 0, line)], 'editor', 3);
      offset += line.length;
    }
    assert.deepEqual(typed, []);
  });

  it('moves earlier regions by the inserted text, then adds the new region', () => {
    assert.deepEqual(trackChanges([[10, 20]], [edit(0, 0, SNIPPET)], 'editor', 3), [[0, SNIPPET.length - 1], [10 + SNIPPET.length, 20 + SNIPPET.length]]);
  });

  it('carries a region made by one change through the later changes of the same event', () => {
    assert.deepEqual(trackChanges([], [edit(20, 0, SNIPPET), edit(0, 0, 'xx')], 'editor', 3), [[22, 22 + SNIPPET.length - 1]]);
  });

  it('a git operation moves regions but adds none', () => {
    assert.deepEqual(trackChanges([[10, 20]], [edit(0, 5, SNIPPET)], 'git', 3), [[5 + SNIPPET.length, 15 + SNIPPET.length]]);
  });

  it('a whole file rewritten on disk is marked from its first to its last code character', () => {
    const old = '// placeholder\n';
    assert.deepEqual(trackChanges([], [edit(0, old.length, SNIPPET)], 'disk', 3), [[0, SNIPPET.length - 1]]);
  });

  it('a region clipped by a rewrite on disk joins the written region', () => {
    assert.deepEqual(trackChanges([[10, 20]], [edit(15, 10, 'x = 1;')], 'disk', 3), [[10, 21]]);
  });
});
