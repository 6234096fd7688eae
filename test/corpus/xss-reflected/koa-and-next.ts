import Koa from 'koa';
import Router from '@koa/router';
import type { NextApiRequest, NextApiResponse } from 'next';
import { encode } from 'html-entities';

const app = new Koa();
const router = new Router();

router.get('/welcome', (ctx) => {
  ctx.type = 'html';
  ctx.body = `<h2>Welcome, ${ctx.query.user}</h2>`; // expect: reflected-xss
});

router.get('/welcome/safe', (ctx) => {
  ctx.type = 'html';
  ctx.body = `<h2>Welcome, ${encode(String(ctx.query.user ?? ''))}</h2>`; // safe
});

router.get('/status', (ctx) => {
  ctx.body = { ok: true, echo: ctx.query.echo }; // safe
});

app.use(router.routes());

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  res.setHeader('Content-Type', 'text/html');
  res.status(200).send(`<p>Unsubscribed ${req.query.email}</p>`); // expect: reflected-xss
}
