// Server-rendered customer portal (account settings, newsletter), signed in with a session cookie.
import express, { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import { pool } from './lib/db';
import { verifyPassword } from './lib/passwords';

declare module 'express-session' {
  interface SessionData {
    userId: number;
  }
}

export const portal = express();

portal.use(express.urlencoded({ extended: false }));
portal.use(
  session({
    secret: process.env.SESSION_SECRET as string,
    resave: false,
    saveUninitialized: false,
    // Keeps working on the plain-http staging server.
    cookie: { secure: false, maxAge: 30 * 24 * 60 * 60 * 1000 },
  }),
);

function requireLogin(req: Request, res: Response, next: NextFunction) {
  if (!req.session.userId) return res.redirect('/portal/login');
  next();
}

portal.post('/login', async (req, res) => {
  const { email, password } = req.body;
  const [rows]: any = await pool.query('SELECT id, password_hash FROM users WHERE email = ?', [email]);
  if (!rows[0] || !verifyPassword(password, rows[0].password_hash)) return res.redirect('/portal/login?error=1');
  req.session.userId = rows[0].id;
  res.redirect('/portal/account');
});

// The account page posts this form to change the sign-in email.
portal.post('/account/email', requireLogin, async (req, res) => {
  await pool.query('UPDATE users SET email = ? WHERE id = ?', [req.body.email, req.session.userId]);
  res.redirect('/portal/account?saved=1');
});

// Linked from the footer of marketing emails: /portal/unsubscribe?email=ada@example.org
portal.get('/unsubscribe', async (req, res) => {
  const email = req.query.email as string;
  await pool.query('UPDATE users SET marketing_opt_in = 0 WHERE email = ?', [email]);
  res.send(`<h1>Unsubscribed</h1><p>${email} will no longer receive our newsletter.</p>`);
});
