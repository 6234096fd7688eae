// Clean control file: parameterised, sanitised and constant code that must produce no findings.
import crypto from 'crypto';
import path from 'path';

export function formatCurrency(amount: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
}

export function newSessionId(): string {
  return crypto.randomUUID();
}

export function safeAttachmentName(name: string): string {
  return path.basename(name);
}

export function contentEtag(body: string): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

export function scheduleRefresh(refresh: () => void): NodeJS.Timeout {
  return setTimeout(refresh, 30_000);
}
