import { Hono } from 'hono';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';

const sh = promisify(exec);
const app = new Hono();

app.get('/repos/:name/log', async (c) => {
  const { stdout } = await sh(`git -C /srv/repos/${c.req.param('name')} log --oneline -n 20`); // expect: command-injection
  return c.text(stdout);
});

app.post('/repos/:name/gc', async (c) => {
  const count = Number(c.req.query('keep') ?? 10);
  await sh(`git gc --prune=${count}.days.ago`); // safe
  return c.json({ ok: true });
});

export default app;
