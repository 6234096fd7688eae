import { csrfMissing } from '../../../src/core/rules/csrf-missing';
import { testRule } from '../../helpers/rule-tester';

const SESSION_APP = [
  "import express from 'express';",
  "import session from 'express-session';",
  'const app = express();',
  'app.use(express.urlencoded({ extended: false }));',
  "app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));",
];

testRule(csrfMissing, {
  valid: [
    // A token check in code after a URL on the same line: the `//` of the URL starts no comment.
    [
      ...SESSION_APP,
      "app.post('/account/email', (req, res) => { if (!fetchOk('https://idp.example.com', req.body._csrf)) return res.sendStatus(403); });",
    ].join('\n'),
    // csurf tokens.
    [
      ...SESSION_APP,
      "import csrf from 'csurf';",
      'const csrfProtection = csrf();',
      "app.post('/account/email', csrfProtection, (req, res) => {",
      '  updateEmail(req.session.userId, req.body.email);',
      "  res.redirect('/account');",
      '});',
    ].join('\n'),
    // SameSite cookies stop cross-site form posts.
    [
      "import express from 'express';",
      "import session from 'express-session';",
      'const app = express();',
      'app.use(express.urlencoded({ extended: true }));',
      "app.use(session({ secret, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }));",
      "app.post('/transfer', (req, res) => {",
      '  transfer(req.session.userId, req.body.to, req.body.amount);',
      '  res.sendStatus(204);',
      '});',
    ].join('\n'),
    // SameSite chosen per environment.
    [
      "import session from 'express-session';",
      'app.use(express.urlencoded({ extended: true }));',
      "app.use(session({ secret, cookie: { secure: isProd, sameSite: isProd ? 'strict' : 'lax' } }));",
      "app.post('/notes', (req, res) => {\n  addNote(req.session.userId, req.body.text);\n  res.redirect('/notes');\n});",
    ].join('\n'),
    // An Origin check.
    [
      ...SESSION_APP,
      'app.use((req, res, next) => {',
      "  if (req.method !== 'GET' && req.get('origin') !== process.env.APP_ORIGIN) return res.sendStatus(403);",
      '  next();',
      '});',
      "app.post('/posts', (req, res) => {\n  createPost(req.session.userId, req.body);\n  res.redirect('/');\n});",
    ].join('\n'),
    // Bearer-token API: browsers do not attach the token by themselves.
    [
      "import express from 'express';",
      'const app = express();',
      'app.use(express.json());',
      'function authenticateToken(req, res, next) {',
      "  const token = req.headers.authorization?.split(' ')[1];",
      '  req.user = jwt.verify(token, process.env.JWT_SECRET);',
      '  next();',
      '}',
      "app.post('/api/todos', authenticateToken, (req, res) => {\n  res.status(201).json(createTodo(req.user.id, req.body));\n});",
    ].join('\n'),
    // JSON-only app: a cross-site form cannot produce a JSON body that express.json() parses.
    [
      "import express from 'express';",
      "import session from 'express-session';",
      'const app = express();',
      'app.use(express.json());',
      'app.use(session({ secret, resave: false, saveUninitialized: false }));',
      "app.post('/api/profile', (req, res) => {\n  const { name, bio } = req.body;\n  saveProfile(req.session.userId, name, bio);\n  res.json({ ok: true });\n});",
    ].join('\n'),
    // Login and logout are exempt; no other state-changing route.
    [
      ...SESSION_APP,
      "app.post('/login', async (req, res) => {\n  req.session.userId = await checkLogin(req.body.email, req.body.password);\n  res.redirect('/');\n});",
      "app.post('/logout', (req, res) => req.session.destroy(() => res.redirect('/')));",
      "app.get('/dashboard', (req, res) => res.render('dashboard', { user: req.session.user }));",
    ].join('\n'),
    // No cookie-based session in this file.
    "const router = express.Router();\nrouter.post('/contact', (req, res) => {\n  sendMail(req.body.email, req.body.message);\n  res.redirect('/thanks');\n});",
    // PUT and DELETE need a CORS preflight from another origin.
    [
      ...SESSION_APP,
      "app.delete('/api/notes/:id', (req, res) => {\n  deleteNote(req.session.userId, req.params.id);\n  res.sendStatus(204);\n});",
    ].join('\n'),
    // An HTTP client call, not a route.
    [
      ...SESSION_APP,
      "app.get('/sync', async (req, res) => {\n  await axios.post('/remote/sync', { user: req.session.userId }, (err, res2) => {});\n  res.end();\n});",
    ].join('\n'),
  ],
  invalid: [
    {
      // Only comments mention CSRF: a comment defends nothing.
      code: [
        ...SESSION_APP,
        '/* csrf: handled later */',
        "app.post('/account/email', (req, res) => { // TODO: csrf",
        '  updateEmail(req.session.userId, req.body.email);',
        "  res.redirect('/account');",
        '});',
      ].join('\n'),
      errors: [{ line: 7, column: 1, message: /This POST route acts on the session cookie/ }],
    },
    {
      code: [
        ...SESSION_APP,
        "app.get('/settings', (req, res) => res.render('settings'));",
        "app.post('/settings/password', async (req, res) => {",
        '  await setPassword(req.session.userId, req.body.newPassword);',
        "  res.redirect('/settings');",
        '});',
        "app.post('/settings/delete', (req, res) => {\n  deleteAccount(req.session.userId);\n  res.redirect('/');\n});",
      ].join('\n'),
      errors: [{ line: 7, column: 1, endColumn: 9, confidence: 'medium', message: /This POST route acts on the session cookie.*submit a form/ }],
    },
    {
      // cookie-session with passport and an auth middleware on the route.
      code: [
        "const express = require('express');",
        "const cookieSession = require('cookie-session');",
        "const bodyParser = require('body-parser');",
        'const router = express.Router();',
        'app.use(bodyParser.urlencoded({ extended: true }));',
        "app.use(cookieSession({ name: 'session', keys: [process.env.COOKIE_KEY] }));",
        "router.post('/cart/checkout', ensureLoggedIn, (req, res) => {",
        '  placeOrder(req.user.id, req.body.items);',
        "  res.redirect('/orders');",
        '});',
      ].join('\n'),
      errors: [{ line: 7, column: 1, endColumn: 12, confidence: 'medium' }],
    },
    {
      // JSON app, but this route takes no body: a bare cross-site form POST triggers it.
      code: [
        "import express from 'express';",
        "import session from 'express-session';",
        'const app = express();',
        'app.use(express.json());',
        'app.use(session({ secret, resave: false, saveUninitialized: false }));',
        "app.post('/api/account/deactivate', (req, res) => {",
        '  deactivate(req.session.userId);',
        '  res.json({ ok: true });',
        '});',
      ].join('\n'),
      errors: [{ line: 6, column: 1, confidence: 'low' }],
    },
    {
      // Auth cookie read by hand, global auth middleware, HTML forms.
      code: [
        "import cookieParser from 'cookie-parser';",
        'app.use(cookieParser());',
        'app.use(express.urlencoded({ extended: false }));',
        'function requireUser(req, res, next) {',
        '  const user = sessions.get(req.cookies.sessionId);',
        "  if (!user) return res.redirect('/login');",
        '  req.user = user;',
        '  next();',
        '}',
        'app.use(requireUser);',
        "app.post('/profile', (req, res) => {\n  updateProfile(req.user.id, req.body);\n  res.redirect('/profile');\n});",
      ].join('\n'),
      errors: [{ line: 11, column: 1, confidence: 'low' }],
    },
    {
      // method-override lets a form reach DELETE.
      code: [
        ...SESSION_APP,
        "import methodOverride from 'method-override';",
        "app.use(methodOverride('_method'));",
        "app.delete('/posts/:id', (req, res) => {\n  removePost(req.session.userId, req.params.id);\n  res.redirect('/posts');\n});",
      ].join('\n'),
      errors: [{ line: 8, column: 1, message: /This DELETE route/ }],
    },
    {
      // sameSite 'none' is no defence.
      code: [
        "import express from 'express';",
        "import session from 'express-session';",
        'const app = express();',
        'app.use(express.urlencoded({ extended: true }));',
        "app.use(session({ secret, cookie: { sameSite: 'none', secure: true } }));",
        "app.post('/comments', (req, res) => {\n  addComment(req.session.userId, req.body.text);\n  res.redirect('back');\n});",
      ].join('\n'),
      errors: [{ line: 6, column: 1, confidence: 'medium' }],
    },
    {
      // Multipart uploads are form-submittable too.
      code: [
        "import session from 'express-session';",
        "import multer from 'multer';",
        "const upload = multer({ dest: 'uploads/' });",
        'app.use(session({ secret }));',
        "app.post('/avatar', upload.single('avatar'), (req, res) => {\n  setAvatar(req.session.userId, req.file.path);\n  res.redirect('/me');\n});",
      ].join('\n'),
      errors: [{ line: 5, column: 1, confidence: 'medium' }],
    },
    {
      code: [
        ...SESSION_APP,
        "const admin = express.Router();",
        "admin.all('/users/:id/promote', requireAdmin, (req, res) => {\n  promote(req.params.id);\n  res.redirect('/admin');\n});",
      ].join('\n'),
      errors: [{ line: 7, column: 1, endColumn: 10 }],
    },
  ],
});
