import type { Request, Response } from 'express';
import { createClient } from 'redis';
import puppeteer from 'puppeteer';

const redis = createClient({ url: process.env.REDIS_URL });
const RATE_LIMIT_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return current`;

export async function rateLimit(req: Request, res: Response, next: () => void) {
  const hits = (await redis.eval(RATE_LIMIT_SCRIPT, { keys: [`rl:${req.ip}`], arguments: ['60'] })) as number; // safe
  if (hits > 100) return res.status(429).end();
  next();
}

export async function scrapeText(req: Request, res: Response) {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto('https://status.acme.io');
  const text = await page.evaluate((selector) => document.querySelector(selector)?.textContent, String(req.body.selector)); // safe
  const title = await page.evaluate(`document.querySelector('${req.body.selector}').title`); // expect: code-injection
  await browser.close();
  res.json({ text, title });
}

export function debounce<T extends (...args: unknown[]) => void>(fn: T, wait: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: Parameters<T>) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait); // safe
  };
}
