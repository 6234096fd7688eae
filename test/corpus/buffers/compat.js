// A library that still runs on Node 4: the constructor is a deliberate fallback when Buffer.from is missing.
var hasFrom = typeof Buffer.from === 'function' && Buffer.from !== Uint8Array.from;

function toBuffer(value, encoding) {
  return hasFrom ? Buffer.from(value, encoding) : new Buffer(value, encoding); // safe
}

function allocate(size) {
  return Buffer.alloc ? Buffer.alloc(size) : new Buffer(size).fill(0); // safe
}

module.exports = { toBuffer, allocate };
