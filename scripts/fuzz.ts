// `npm run fuzz [-- --count N --seed S --limit-ms MS]`: mutates the example and corpus files and checks that
// `analyze` never throws, never hides an internal error and finishes each input within the limit. Exit 1 on a failure.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz } from './fuzz-lib';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    'limit-ms': { type: 'string', default: '2000' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
const limitMs = Number(values['limit-ms']);
if (![count, seed, limitMs].every(Number.isFinite)) {
  console.error('fuzz: --count, --seed and --limit-ms take numbers');
  process.exit(2);
}

console.log(`fuzz: ${count} inputs, seed ${seed}, limit ${limitMs} ms per input`);
const summary = fuzz({ count, seed, limitMs, onProgress: (done) => done % 10_000 === 0 && console.log(`  ${done} inputs`) });

const seconds = summary.elapsedMs / 1000;
const table = (record: Record<string, number>): string => Object.entries(record).sort().map(([key, n]) => `${key} ${n}`).join(', ');
console.log(`inputs:     ${summary.inputs} (${(summary.bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s: ${(summary.inputs / seconds).toFixed(0)} inputs/s, ${(summary.bytes / 1e6 / seconds).toFixed(2)} MB/s`);
console.log(`mutations:  ${table(summary.kinds)}`);
console.log(`notes:      ${table(summary.notes) || 'none'}`);
console.log('slowest:');
for (const { ms, input } of summary.slowest) {
  console.log(`  ${ms.toFixed(1).padStart(8)} ms  #${input.index} ${input.kind} of ${input.path} (${input.text.length} chars)`);
}
for (const { input, reason } of summary.failures.slice(0, 20)) {
  const saved = join(tmpdir(), `codeward-fuzz-${seed}-${input.index}${extname(input.path)}`);
  writeFileSync(saved, input.text);
  console.log(`FAIL #${input.index} ${input.kind} of ${input.path}: ${reason.split('\n')[0]}\n     input saved to ${saved}`);
}
console.log(summary.failures.length === 0 ? 'result:     no failures' : `result:     ${summary.failures.length} failures`);
process.exitCode = summary.failures.length === 0 ? 0 : 1;
