import crypto from 'crypto';

const KEY = Buffer.from(process.env.DATA_KEY ?? '', 'hex');

// Encrypts customer notes before they are stored.
export function encryptNote(note: string): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null);
  return Buffer.concat([cipher.update(note, 'utf8'), cipher.final()]).toString('base64');
}
