import Fastify from 'fastify';
import fastifyCors from '@fastify/cors';
import fastifyCookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';

const app = Fastify({ logger: true });

await app.register(fastifyCors, { origin: '*', credentials: true }); // expect: cors-misconfiguration
await app.register(fastifyCookie);

app.get('/session/start', async (_request, reply) => {
  const id = randomUUID();
  reply.setCookie('session', id, { path: '/' }); // expect: insecure-cookie
  return { ok: true };
});

app.get('/session/start-secure', async (_request, reply) => {
  const id = randomUUID();
  reply.setCookie('session', id, { path: '/', httpOnly: true, secure: true, sameSite: 'lax' }); // safe
  return { ok: true };
});

app.get('/prefs', async (request, reply) => {
  reply.setCookie('lang', request.query && (request.query as { lang?: string }).lang === 'de' ? 'de' : 'en', { path: '/' }); // safe
  return { ok: true };
});

await app.listen({ port: 3000 });
