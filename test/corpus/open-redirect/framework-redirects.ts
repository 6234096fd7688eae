import Koa from 'koa';
import Fastify from 'fastify';

const koa = new Koa();

koa.use(async (ctx, next) => {
  if (ctx.path === '/sso/done') {
    ctx.redirect(String(ctx.query.returnTo)); // expect: open-redirect
    return;
  }
  if (ctx.path === '/home') {
    ctx.redirect('/dashboard'); // safe
    return;
  }
  await next();
});

const fastify = Fastify();

fastify.get('/out', async (request, reply) => {
  const { url } = request.query as { url: string };
  return reply.redirect(url); // expect: open-redirect
});

fastify.get('/lang/:code', async (request, reply) => {
  const { code } = request.params as { code: string };
  return reply.redirect(`/${code === 'de' ? 'de' : 'en'}/home`); // safe
});

export function openShareWindow(): void {
  const share = new URLSearchParams(window.location.search).get('share');
  if (share) window.open(share, '_blank'); // expect: open-redirect
}
