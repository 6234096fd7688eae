// Orders API: the shape an assistant typically produces, written carefully.
import express, { type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import session from 'express-session';
import bcrypt from 'bcrypt';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import axios from 'axios';
import { Pool } from 'pg';
import { createClient } from 'redis';
import { User } from './models/user';
import { logger } from './logger';

const SALT_ROUNDS = 12;
const TOKEN_HEADER = 'x-auth-token'; // safe
const SESSION_COOKIE_NAME = 'sid'; // safe
const PASSWORD_RESET_PATH = '/reset-password'; // safe
const DEFAULT_PASSWORD_LENGTH = 16; // safe
const API_BASE = 'https://api.acme-partner.com/v1';
const JWT_SECRET = process.env.JWT_SECRET ?? ''; // safe
if (!JWT_SECRET) throw new Error('JWT_SECRET must be set');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const redis = createClient({ url: process.env.REDIS_URL });
const app = express();

app.use(helmet({ contentSecurityPolicy: process.env.NODE_ENV === 'production' ? undefined : false })); // safe
app.use(cors({ origin: process.env.CORS_ORIGIN, credentials: true })); // safe
app.use(express.json({ limit: '100kb' }));
app.use(express.static(path.join(__dirname, 'public'))); // safe
app.use(
  session({
    name: SESSION_COOKIE_NAME,
    secret: process.env.SESSION_SECRET as string, // safe
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'strict' }, // safe
  }),
);

const SignupSchema = z.object({ email: z.string().email(), name: z.string().min(1).max(100), password: z.string().min(12) });

app.post('/api/signup', async (req: Request, res: Response) => {
  const body = SignupSchema.parse(req.body);
  const passwordHash = await bcrypt.hash(body.password, SALT_ROUNDS); // safe
  const user = await User.create({ email: body.email, name: body.name, passwordHash }); // safe
  logger.info('User signed up', { userId: user.id }); // safe
  res.status(201).json({ id: user.id });
});

app.post('/api/login', async (req: Request, res: Response) => {
  const { email, password } = SignupSchema.pick({ email: true, password: true }).parse(req.body);
  const user = await User.findOne({ email }); // safe
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    logger.warn('Failed login', { email }); // safe
    return res.status(401).json({ error: 'Invalid email or password' });
  }
  const token = jwt.sign({ sub: user.id }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' }); // safe
  res.json({ token, tokenType: 'Bearer', expiresIn: 3600 }); // safe
});

function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.get('authorization') ?? req.get(TOKEN_HEADER) ?? '';
  try {
    res.locals.user = jwt.verify(header.replace(/^Bearer /, ''), JWT_SECRET, { algorithms: ['HS256'] }); // safe
    next();
  } catch {
    res.status(401).json({ error: 'Unauthorized' });
  }
}

app.get('/api/orders', requireAuth, async (req: Request, res: Response) => {
  const limit = Math.min(Number(req.query.limit) || 20, 100);
  const { rows } = await pool.query('SELECT id, total, status FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2', [res.locals.user.sub, limit]); // safe
  res.json(rows);
});

app.get('/api/orders/:id', requireAuth, async (req: Request, res: Response) => {
  const cached = await redis.get(`order:${req.params.id}`); // safe
  if (cached) return res.json(JSON.parse(cached));
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1 AND user_id = $2', [req.params.id, res.locals.user.sub]);
  res.json(rows[0] ?? null);
});

app.get('/api/partner/users/:id', requireAuth, async (req: Request, res: Response) => {
  const { data } = await axios.get(`${API_BASE}/users/${encodeURIComponent(req.params.id)}`, { headers: { Authorization: `Bearer ${process.env.PARTNER_TOKEN}` } }); // safe
  res.json(data);
});

app.get('/api/whoami', (req: Request, res: Response) => {
  const url = new URL(req.url, `http://${req.headers.host}`); // safe
  res.json({ path: url.pathname, requestId: randomUUID() });
});

app.get(PASSWORD_RESET_PATH, (_req: Request, res: Response) => {
  res.sendFile(path.join(__dirname, 'public', 'reset-password.html')); // safe
});

app.get('/healthz', (_req: Request, res: Response) => {
  res.send('ok'); // safe
});

app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
  logger.error('Unhandled error', { message: err.message }); // safe
  res.status(500).json({ error: 'Internal server error' });
});

export { app, DEFAULT_PASSWORD_LENGTH };
