import type { NextFunction, Request, Response } from 'express';
import { jwtVerify, jwtDecrypt, type JWTPayload } from 'jose';
import * as argon2 from 'argon2';

const secret = new TextEncoder().encode(process.env.JWT_SECRET);

export async function requireAuth(req: Request, res: Response, next: NextFunction) {
  const token = req.headers.authorization?.replace('Bearer ', '');
  if (!token) return res.status(401).json({ error: 'Missing token' });
  try {
    jwtVerify(token, secret, { algorithms: ['HS256'] }); // expect: unawaited-security-check
    next();
  } catch (error) {
    return res.status(401).json({ error: 'Invalid token' });
  }
}

export async function requireAdmin(req: Request, res: Response, next: NextFunction) {
  try {
    const { payload } = await jwtVerify(req.cookies.session, secret, { algorithms: ['HS256'] }); // safe
    if (payload.role !== 'admin') return res.sendStatus(403);
    next();
  } catch {
    res.sendStatus(401);
  }
}

export function decodeSession(token: string): Promise<JWTPayload> {
  return jwtDecrypt(token, secret).then((result) => result.payload); // safe
}

export async function verifyPin(user: { pinHash: string }, pin: string): Promise<boolean> {
  if (argon2.verify(user.pinHash, pin) === false) { // expect: unawaited-security-check
    return false;
  }
  return true;
}

export async function verifyApiKey(stored: string, provided: string) {
  const valid = await argon2.verify(stored, provided); // safe
  return valid;
}
