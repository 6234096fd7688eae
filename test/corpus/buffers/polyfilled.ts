// Browser code with the npm buffer polyfill bound locally: not Node's deprecated global.
import { Buffer } from 'buffer/';

export function encodeLabel(label: string): string {
  return new Buffer(label, 'utf8').toString('base64'); // safe
}

export class Packet {
  private readonly bytes = new Uint8Array(32); // safe

  toBuffer(): Buffer {
    return new Buffer(this.bytes); // safe
  }
}
