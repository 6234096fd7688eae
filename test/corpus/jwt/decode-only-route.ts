import { Router } from 'express';
import jwt from 'jsonwebtoken';

const router = Router();

// The gateway already checked the token, so we only read the claims here.
router.get('/me', (req, res) => {
  const claims = jwt.decode(req.headers.authorization?.split(' ')[1] ?? '') as { sub: string } | null; // expect: jwt-insecure-verification
  if (!claims) return res.sendStatus(401);
  res.json({ id: claims.sub });
});

export function unsignedToken(payload: object): string {
  return jwt.sign(payload, '', { algorithm: 'none' }); // expect: jwt-insecure-verification
}

export default router;
