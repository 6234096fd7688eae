import Fastify from 'fastify';
import axios from 'axios';
import { Hono } from 'hono';

const API_ORIGIN = 'https://api.acme.io';
const fastify = Fastify();

fastify.get('/proxy/resource', async (request) => {
  const { path } = request.query as { path: string };
  const response = await fetch(new URL(path, API_ORIGIN)); // expect: ssrf
  return response.json();
});

fastify.get('/proxy/resource/v2', async (request) => {
  const { path } = request.query as { path: string };
  const response = await fetch(`${API_ORIGIN}/${encodeURIComponent(path)}`); // safe
  return response.json();
});

fastify.post('/integrations/test', async (request) => {
  const { url } = request.body as { url: string };
  const { status } = await axios({ url, method: 'get', timeout: 3000 }); // expect: ssrf
  return { status };
});

export const hono = new Hono();

hono.get('/unfurl', async (c) => {
  const target = c.req.query('url') ?? '';
  const res = await fetch(target, { redirect: 'follow' }); // expect: ssrf
  return c.json({ status: res.status });
});

hono.get('/weather', async (c) => {
  const city = c.req.query('city') ?? 'London';
  const res = await fetch(`https://api.weather.example.net/v1/current?city=${encodeURIComponent(city)}`); // safe
  return c.json(await res.json());
});
