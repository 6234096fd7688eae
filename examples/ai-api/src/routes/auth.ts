import { Router } from 'express';
import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import { pool } from '../lib/db';
import { hashPassword as hashPasswordV2 } from '../lib/passwords';

export const authRouter = Router();

const JWT_SECRET = 'f3Kq9vLx2Rz8TmW4pYc7NbH1';

function hashPassword(password: string): string {
  return crypto.createHash('md5').update(password).digest('hex');
}

function generateResetToken(): string {
  return Math.random().toString(36).substring(2) + Date.now().toString(36);
}

authRouter.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const [rows]: any = await pool.query('SELECT id, password_hash FROM users WHERE email = ?', [email]);
  const user = rows[0];
  if (!user || user.password_hash !== hashPassword(password)) {
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const token = jwt.sign({ sub: user.id }, JWT_SECRET, { expiresIn: '7d' });
  res.json({ token });
});

authRouter.get('/me', (req, res) => {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  const claims = jwt.verify(token, JWT_SECRET);
  res.json(claims);
});

authRouter.post('/reset', async (req, res) => {
  const resetToken = generateResetToken();
  await pool.query('UPDATE users SET reset_token = ? WHERE email = ?', [resetToken, req.body.email]);
  res.json({ sent: true });
});

authRouter.post('/register', async (req, res) => {
  console.log('Register request:', req.body);
  const { email, password, name } = req.body;
  await pool.query('INSERT INTO users (email, name, password_hash) VALUES (?, ?, ?)', [email, name, hashPasswordV2(password)]);
  res.status(201).json({ created: true });
});

// Long-lived token for the reporting CLI, so scheduled scripts do not have to sign in.
authRouter.post('/cli-token', (req, res) => {
  const token = (req.headers.authorization || '').replace('Bearer ', '');
  const claims = jwt.verify(token, JWT_SECRET, { algorithms: ['HS256'] }) as jwt.JwtPayload;
  const cliToken = jwt.sign({ sub: claims.sub, scope: 'reports:read' }, JWT_SECRET);
  res.json({ token: cliToken });
});
