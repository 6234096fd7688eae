import express from 'express';
import axios from 'axios';
import got from 'got';
import dns from 'node:dns/promises';
import { isPrivateIp } from '../lib/net';

const app = express();
app.use(express.json());

const ALLOWED_HOSTS = ['images.example-cdn.com', 'avatars.githubusercontent.com'];

app.get('/api/preview', async (req, res) => {
  const response = await fetch(req.query.url as string); // expect: ssrf
  const html = await response.text();
  res.json({ title: /<title>(.*?)<\/title>/i.exec(html)?.[1] ?? null });
});

app.post('/api/webhooks/test', async (req, res) => {
  await axios.post(req.body.webhookUrl, { event: 'ping', sentAt: Date.now() }); // expect: ssrf
  res.json({ delivered: true });
});

app.get('/api/image-proxy', async (req, res) => {
  const target = new URL(String(req.query.src));
  if (!ALLOWED_HOSTS.includes(target.hostname)) return res.status(400).json({ error: 'host not allowed' });
  const image = await got(target.toString()).buffer(); // safe
  res.type('image/png').send(image);
});

app.get('/api/github/:user', async (req, res) => {
  const { data } = await axios.get(`https://api.github.com/users/${encodeURIComponent(req.params.user)}/repos`); // safe
  res.json(data.map((repo: { name: string }) => repo.name));
});

app.get('/api/tenant-data', async (req, res) => {
  const response = await fetch(`https://${req.query.tenant}.internal.example.com/data`); // expect: ssrf
  res.json(await response.json());
});

app.get('/api/backend/*', async (req, res) => {
  const response = await fetch(`${process.env.BACKEND_URL}${req.originalUrl}`); // safe
  res.status(response.status).send(await response.text());
});

app.post('/api/callbacks', async (req, res) => {
  const url = new URL(req.body.callbackUrl);
  const { address } = await dns.lookup(url.hostname);
  if (isPrivateIp(address)) return res.status(400).json({ error: 'private address' });
  await axios.post(url.toString(), { status: 'registered' }); // safe
  res.sendStatus(201);
});

app.get('/api/feed', async (req, res) => {
  const feedUrl = req.query.feed as string;
  const body = await got(feedUrl, { timeout: { request: 5000 } }).text(); // expect: ssrf
  res.type('application/xml').send(body);
});

export default app;
