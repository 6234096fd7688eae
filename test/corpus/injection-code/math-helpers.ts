import vm from 'node:vm';

type BinaryOp = (a: number, b: number) => number;

const OPERATIONS: Record<string, BinaryOp> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => (b === 0 ? NaN : a / b),
};

export function applyOperation(op: string, a: number, b: number): number {
  const fn = OPERATIONS[op]; // safe
  if (!fn) throw new Error(`Unknown operation: ${op}`);
  return fn(a, b);
}

export const clamp = new Function('value', 'min', 'max', 'return Math.min(Math.max(value, min), max);'); // safe

export function largest(a: number, b: number): number {
  return vm.runInNewContext('Math.max(a, b)', { a, b }); // safe
}

export function buildGetter(field: string) {
  return new Function('obj', 'return obj.' + field); // expect: code-injection
}

export function poll(fn: () => void, everyMs = 2000) {
  return setInterval(fn, everyMs); // safe
}
