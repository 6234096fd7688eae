import type { Request, Response } from 'express';
import { spawn } from 'node:child_process';
import { Order } from './models/order';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export async function ordersOnDay(req: Request, res: Response) {
  const match = DATE_RE.exec(String(req.query.date)); // safe
  if (!match) return res.status(400).json({ error: 'date must be YYYY-MM-DD' });
  const orders = await Order.find({ day: match[0] }).sort({ createdAt: -1 }).exec(); // safe
  res.json(orders);
}

export function runWorker(script: string, args: string[]) {
  return spawn(process.execPath, [script, ...args], { stdio: 'inherit' }); // safe
}

export function runNpmScript(name: 'build' | 'test' | 'lint') {
  return spawn('npm', ['run', name], { stdio: 'inherit', shell: process.platform === 'win32' }); // safe
}
