// Inserted-code regions carried through later edits: before, at the edges, inside, overlapping, covering, CRLF.
import { strict as assert } from 'node:assert';
import { followChange, followChanges, inRegions, normalise } from '../../../src/core/provenance';
import type { ContentChange } from '../../../src/core/provenance';
import type { Range } from '../../../src/core/types';

const edit = (rangeOffset: number, rangeLength: number, text: string): ContentChange => ({ rangeOffset, rangeLength, text });

describe('provenance: following a region [10, 20) through one edit', () => {
  const cases: { name: string; change: ContentChange; expected: Range | undefined }[] = [
    { name: 'insert before shifts it', change: edit(5, 0, 'abc'), expected: [13, 23] },
    { name: 'insert at its start stays outside', change: edit(10, 0, 'ab'), expected: [12, 22] },
    { name: 'insert at its end stays outside', change: edit(20, 0, 'ab'), expected: [10, 20] },
    { name: 'insert after leaves it', change: edit(25, 0, 'abc'), expected: [10, 20] },
    { name: 'typing inside grows it', change: edit(15, 0, 'abc'), expected: [10, 23] },
    { name: 'deleting inside shrinks it', change: edit(12, 3, ''), expected: [10, 17] },
    { name: 'replacing inside resizes it', change: edit(12, 3, 'abcdef'), expected: [10, 23] },
    { name: 'deleting its head from its start shrinks it', change: edit(10, 5, ''), expected: [10, 15] },
    { name: 'deleting before moves it back', change: edit(0, 5, ''), expected: [5, 15] },
    { name: 'deleting up to its start moves it back', change: edit(5, 5, ''), expected: [5, 15] },
    { name: 'replacing across its start keeps the rest', change: edit(5, 10, 'ab'), expected: [7, 12] },
    { name: 'replacing across its end keeps the head', change: edit(15, 10, 'ab'), expected: [10, 15] },
    { name: 'deleting from after its start to past its end keeps the head', change: edit(11, 20, ''), expected: [10, 11] },
    { name: 'replacing exactly it removes it', change: edit(10, 10, 'y'), expected: undefined },
    { name: 'deleting a range that covers it removes it', change: edit(5, 20, ''), expected: undefined },
    { name: 'replacing a range that covers it removes it', change: edit(0, 30, 'new text'), expected: undefined },
  ];
  for (const { name, change, expected } of cases) {
    it(name, () => assert.deepEqual(followChange([10, 20], change), expected));
  }
});

describe('provenance: following regions through an event', () => {
  it('applies the changes in order (multi-cursor events list them last first)', () => {
    assert.deepEqual(followChanges([[10, 20]], [edit(30, 0, 'x'), edit(0, 0, 'yy')]), [[12, 22]]);
  });

  it('drops a region a deletion removed and keeps the others', () => {
    assert.deepEqual(followChanges([[0, 5], [10, 20], [30, 40]], [edit(8, 14, '')]), [[0, 5], [16, 26]]);
  });

  it('merges two regions once the text between them is deleted', () => {
    assert.deepEqual(followChanges([[0, 5], [10, 15]], [edit(5, 5, '')]), [[0, 10]]);
  });

  it('counts CRLF line breaks as two characters, as the editor does', () => {
    const inserted = 'a();\r\nb();\r\n';
    assert.deepEqual(followChanges([[20, 30]], [edit(0, 0, inserted)]), [[20 + inserted.length, 30 + inserted.length]]);
  });
});

describe('provenance: region sets', () => {
  it('normalises: sorts, merges overlapping and touching regions, drops empty ones', () => {
    assert.deepEqual(normalise([[20, 30], [0, 5], [4, 8], [8, 10], [40, 40]]), [[0, 10], [20, 30]]);
  });

  const regions: Range[] = [[10, 20]];
  const cases: { range: Range; inside: boolean }[] = [
    { range: [12, 14], inside: true },
    { range: [5, 11], inside: true },
    { range: [19, 25], inside: true },
    { range: [5, 10], inside: false },
    { range: [20, 25], inside: false },
    { range: [10, 10], inside: true },
    { range: [20, 20], inside: false },
  ];
  for (const { range, inside } of cases) {
    it(`[${range.join(', ')}) is ${inside ? '' : 'not '}in [10, 20)`, () => assert.equal(inRegions(regions, range), inside));
  }
});
