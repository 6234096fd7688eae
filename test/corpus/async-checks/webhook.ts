// Edge runtime webhook: the signature is checked with Web Crypto.
const encoder = new TextEncoder();

async function importKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
}

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array((hex.match(/.{2}/g) ?? []).map((byte) => parseInt(byte, 16)));
}

export async function POST(request: Request): Promise<Response> {
  const body = await request.text();
  const signature = hexToBytes(request.headers.get('x-signature') ?? '');
  const key = await importKey(process.env.WEBHOOK_SECRET!);
  const verified = crypto.subtle.verify('HMAC', key, signature, encoder.encode(body)); // expect: unawaited-security-check
  if (!verified) {
    return new Response('Invalid signature', { status: 401 });
  }
  await handleEvent(JSON.parse(body));
  return new Response(null, { status: 204 });
}

export async function verifyLegacy(request: Request, body: string): Promise<boolean> {
  const key = await importKey(process.env.LEGACY_SECRET!);
  return crypto.subtle.verify('HMAC', key, hexToBytes(request.headers.get('x-legacy-signature') ?? ''), encoder.encode(body)); // safe
}

// A comparator named like a check, from the project's own code.
import { compare } from './semver';
export function isNewer(a: string, b: string): boolean {
  return compare(a, b) > 0 ? true : !compare(b, a) ? false : true; // safe
}

declare function handleEvent(event: unknown): Promise<void>;
