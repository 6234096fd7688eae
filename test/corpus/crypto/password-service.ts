import crypto from 'node:crypto';
import bcrypt from 'bcrypt';
import argon2 from 'argon2';
import md5 from 'md5';

export function hashPasswordLegacy(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex'); // expect: weak-hash
}

export function hashPasswordSha(password: string, salt: string): string {
  return crypto.createHash('sha256').update(salt + password).digest('hex'); // expect: weak-password-hashing
}

export function hashPasswordPbkdf2(password: string): string {
  const salt = crypto.randomBytes(16);
  const derived = crypto.pbkdf2Sync(password, salt, 1000, 64, 'sha512'); // expect: weak-password-hashing
  return `${salt.toString('hex')}:${derived.toString('hex')}`;
}

export function hashPasswordStrong(password: string): string {
  const salt = crypto.randomBytes(16);
  const derived = crypto.pbkdf2Sync(password, salt, 600_000, 64, 'sha512'); // safe
  return `${salt.toString('hex')}:${derived.toString('hex')}`;
}

export async function hashWithBcryptFast(password: string): Promise<string> {
  return bcrypt.hash(password, 4); // expect: weak-password-hashing
}

export async function hashWithBcrypt(password: string): Promise<string> {
  return bcrypt.hash(password, 12); // safe
}

export async function hashWithArgon(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id }); // safe
}

export function deriveKey(password: string): Buffer {
  return crypto.scryptSync(password, 'static-salt', 32); // expect: weak-password-hashing
}

export function deriveKeySalted(password: string, salt: Buffer): Buffer {
  return crypto.scryptSync(password, salt, 32); // safe
}

export function hashResetToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex'); // safe
}

export function legacyCheck(password: string, stored: string): boolean {
  return crypto.timingSafeEqual(Buffer.from(md5(password)), Buffer.from(stored)); // expect: weak-hash
}

export const passwordPolicy = { minLength: 12, hashAlgorithm: 'argon2id' };
