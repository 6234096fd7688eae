import crypto from 'node:crypto';
import CryptoJS from 'crypto-js';
import NodeRSA from 'node-rsa';

const KEY = crypto.scryptSync(process.env.ENCRYPTION_PASSPHRASE as string, process.env.ENCRYPTION_SALT as string, 32);
const STATIC_IV = Buffer.alloc(16, 0);

export function encryptLegacy(text: string): string {
  const cipher = crypto.createCipheriv('des-ede3-cbc', KEY.subarray(0, 24), crypto.randomBytes(8)); // expect: weak-cipher
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function encryptEcb(text: string): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null); // expect: weak-cipher
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}

export function encryptFixedIv(text: string): string {
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, STATIC_IV); // expect: weak-cipher
  return cipher.update(text, 'utf8', 'base64') + cipher.final('base64');
}

export function encryptDeprecated(text: string, password: string): string {
  const cipher = crypto.createCipher('aes-256-cbc', password); // expect: weak-cipher
  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}

export function encrypt(text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv); // safe
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

export function decrypt(payload: string): string {
  const raw = Buffer.from(payload, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12)); // safe
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function encryptForClient(text: string, key: string): string {
  return CryptoJS.AES.encrypt(text, key, { mode: CryptoJS.mode.ECB }).toString(); // expect: weak-cipher
}

export function generateKeys() {
  const weak = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }); // expect: weak-key-size
  const strong = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 }); // safe
  const modern = crypto.generateKeyPairSync('ed25519'); // safe
  return { weak, strong, modern };
}

export const legacyRsa = new NodeRSA({ b: 512 }); // expect: weak-key-size
export const dh = crypto.createDiffieHellman(1024); // expect: weak-key-size
export const ecdh = crypto.createECDH('prime256v1'); // safe

export function randomIvCipher(text: string): string {
  const iv = Buffer.alloc(16);
  crypto.randomFillSync(iv);
  const cipher = crypto.createCipheriv('aes-256-cbc', KEY, iv); // safe
  return iv.toString('hex') + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');
}
