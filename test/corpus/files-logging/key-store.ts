import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

const DATA_DIR = path.join(process.cwd(), 'data');

export function saveApiCredentials(json: string): void {
  fs.writeFileSync(path.join(DATA_DIR, 'credentials.json'), json, { mode: 0o666 }); // expect: insecure-file-permissions
}

export function savePrivateKey(pem: string): void {
  fs.writeFileSync(path.join(DATA_DIR, 'id_rsa'), pem, { mode: 0o600 }); // safe
}

export async function prepareUploads(): Promise<void> {
  await fsp.mkdir(path.join(DATA_DIR, 'uploads'), { recursive: true, mode: 0o777 }); // expect: insecure-file-permissions
  await fsp.mkdir(path.join(DATA_DIR, 'cache'), { recursive: true, mode: 0o755 }); // safe
}

export function makeExecutable(script: string): void {
  fs.chmodSync(script, 0o755); // safe
}

export function shareLogs(): void {
  fs.chmodSync('/var/log/acme/app.log', 0o777); // expect: insecure-file-permissions
}

export function writePublicAsset(name: string, body: string): void {
  fs.writeFileSync(path.join(DATA_DIR, 'public', path.basename(name)), body, { mode: 0o644 }); // safe
}

export function relaxUmask(): void {
  process.umask(0); // expect: insecure-file-permissions
}

export function openSocket(socketPath: string): void {
  fs.chmodSync(socketPath, '777'); // expect: insecure-file-permissions
}
