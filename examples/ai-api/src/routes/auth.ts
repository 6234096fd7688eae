import { Router } from 'express';
import crypto from 'crypto';
import jwt from 'jsonwebtoken';
import { pool } from '../lib/db';

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
