import crypto from 'crypto';

// v2 password hashes replace the old MD5 ones; stored as "salt:hash".
const ITERATIONS = 1000;

export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16).toString('hex');
  const hash = crypto.pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512').toString('hex');
  return `${salt}:${hash}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  const candidate = crypto.pbkdf2Sync(password, salt, ITERATIONS, 64, 'sha512');
  return crypto.timingSafeEqual(candidate, Buffer.from(hash, 'hex'));
}
