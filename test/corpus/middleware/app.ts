import express, { json, Router } from 'express';
import session from 'express-session';
import csrf from 'csurf';
import hpp from 'hpp';
import mongoSanitize from 'express-mongo-sanitize';
import bodyParser from 'body-parser';
import { logger } from './logger';

export function createApp() {
  const app = express();
  app.use(json()); // safe
  app.use(bodyParser.urlencoded); // expect: security-middleware-not-invoked
  app.use(hpp); // expect: security-middleware-not-invoked
  app.use(mongoSanitize); // expect: security-middleware-not-invoked
  app.use(
    session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: true, sameSite: 'lax' } }), // safe
  );
  app.use(csrf); // expect: security-middleware-not-invoked
  app.use(logger); // safe

  const admin = Router();
  admin.use(json); // expect: security-middleware-not-invoked
  app.use('/admin', admin); // safe
  return app;
}

// A plugin host with its own use(): these names are its plugins, not the Express factories.
export function installPlugins(host: { use(plugin: unknown): void }, plugins: { cors: unknown; helmet: unknown }) {
  const { cors, helmet } = plugins;
  host.use(cors); // safe
  host.use(helmet); // safe
}
