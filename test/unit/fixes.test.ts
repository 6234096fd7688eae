import { strict as assert } from 'node:assert';
import { analyze } from '../../src/core/engine';
import { applyEdits, combinedSafeEdits, suppressionEdit } from '../../src/core/fixes';
import type { Finding } from '../../src/core/types';

function finding(range: [number, number], fixes: Finding['fixes'], suppressed = false): Finding {
  return {
    ruleId: 'x', message: '', severity: 'error', confidence: 'high', cwe: [], range,
    start: { line: 1, column: 1 }, end: { line: 1, column: 1 }, fixes, related: [], fingerprint: '',
    ...(suppressed ? { suppression: { kind: 'inSource' as const, justification: 'r', range: [0, 0] as [number, number] } } : {}),
  };
}

describe('fixes', () => {
  it('combines the safe fixes only, skipping overlapping and suppressed ones', () => {
    const text = 'aaa bbb ccc ddd';
    const findings = [
      finding([0, 3], [{ title: 'A', safety: 'safe', edits: [{ range: [0, 3], text: 'AAA' }] }]),
      finding([1, 2], [{ title: 'overlap', safety: 'safe', edits: [{ range: [1, 2], text: '!' }] }]),
      finding([4, 7], [{ title: 'B', safety: 'review', edits: [{ range: [4, 7], text: 'BBB' }] }]),
      finding([8, 11], [{ title: 'C', safety: 'safe', edits: [{ range: [8, 11], text: 'CCC' }] }], true),
      finding([12, 15], [{ title: 'D', safety: 'safe', edits: [{ range: [12, 15], text: 'DDD' }] }]),
    ];
    const { edits, fixes } = combinedSafeEdits(findings);
    assert.deepEqual(fixes.map((fix) => fix.title), ['A', 'D']);
    assert.equal(applyEdits(text, edits), 'AAA bbb ccc DDD');
  });

  it('inserts a suppression comment above the finding with its indentation and a one-line reason', () => {
    const text = 'function f(req) {\n    return eval(req.query.x);\n}\n';
    const [found] = analyze(text, 'f.js').findings.filter((candidate) => candidate.ruleId === 'code-injection');
    const edit = suppressionEdit(text, found, 'sandboxed\nin a worker', 'f.js')!;
    const suppressed = applyEdits(text, [edit]);
    assert.equal(suppressed, 'function f(req) {\n    // codeward-ignore-next-line code-injection -- sandboxed in a worker\n    return eval(req.query.x);\n}\n');
    const after = analyze(suppressed, 'f.js').findings.find((candidate) => candidate.ruleId === 'code-injection');
    assert.equal(after?.suppression?.justification, 'sandboxed in a worker');
  });

  it('keeps CRLF line endings when suppressing', () => {
    const text = 'run();\r\neval(process.argv[2]);\r\n';
    const [found] = analyze(text, 'f.js').findings;
    assert.equal(applyEdits(text, [suppressionEdit(text, found, 'cli tool', 'f.js')!]), 'run();\r\n// codeward-ignore-next-line code-injection -- cli tool\r\neval(process.argv[2]);\r\n');
  });

  it('uses # in .env, YAML and Dockerfiles and offers nothing for JSON', () => {
    const text = 'PORT=3000\nJWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n';
    const [found] = analyze(text, '.env').findings;
    assert.equal(found.ruleId, 'hardcoded-secret');
    const suppressed = applyEdits(text, [suppressionEdit(text, found, 'rotated, dev only', '.env')!]);
    assert.equal(suppressed, 'PORT=3000\n# codeward-ignore-next-line hardcoded-secret -- rotated, dev only\nJWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n');
    assert.deepEqual(analyze(suppressed, '.env').findings, []);
    assert.equal(suppressionEdit(text, found, 'x', 'config.json'), undefined);
  });
});
