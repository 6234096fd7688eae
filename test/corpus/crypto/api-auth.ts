import type { NextFunction, Request, Response } from 'express';
import crypto from 'node:crypto';

export function requireApiKey(req: Request, res: Response, next: NextFunction) {
  if (req.headers['x-api-key'] !== process.env.API_KEY) return res.status(401).json({ error: 'unauthorized' }); // expect: timing-unsafe-comparison
  next();
}

export function requireApiKeySafe(req: Request, res: Response, next: NextFunction) {
  const given = crypto.createHash('sha256').update(String(req.headers['x-api-key'] ?? '')).digest();
  const expected = crypto.createHash('sha256').update(process.env.API_KEY ?? '').digest();
  if (!crypto.timingSafeEqual(given, expected)) return res.status(401).json({ error: 'unauthorized' }); // safe
  next();
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  if (req.user?.role !== 'admin') return res.sendStatus(403); // safe
  next();
}

export function parseAuthHeader(header: string) {
  const [tokenType, token] = header.split(' ');
  if (tokenType !== 'Bearer') return undefined; // safe
  return token;
}

export function checkPasswordConfirmation(password: string, confirmPassword: string): string | undefined {
  return password === confirmPassword ? undefined : 'Passwords do not match'; // safe
}
