import fs from 'node:fs';
import path from 'node:path';
import { logger } from './logger';

export function initDataDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 }); // safe
  fs.writeFileSync(path.join(dir, '.keep'), '', { mode: 0o640 }); // safe
  fs.chmodSync(path.join(dir, 'secrets.json'), 0o400); // safe
}

export function describeKey(apiKey: string): void {
  console.log(`Using API key ending in ...${apiKey.slice(-4)}`); // safe
}

export function reportTokens(tokenCount: number, tokenType: string): void {
  console.log('token:', tokenCount, tokenType); // safe
  logger.info('Token validated', { tokenType }); // safe
}

export function onBadPassword(userId: string): void {
  console.error('Invalid password for user', userId); // safe
}

export function onSecretRotated(secretName: string, version: number): void {
  logger.info(`Rotated ${secretName} to version ${version}`); // safe
}
