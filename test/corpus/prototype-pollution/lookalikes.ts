import type { Request, Response } from 'express';
import { z } from 'zod';
import { User } from './models/user';
import { Tag } from './models/tag';

const CreateUser = z.object({ name: z.string(), email: z.string().email() });

export async function createUser(req: Request, res: Response) {
  const data = CreateUser.parse(req.body);
  const user = await User.create(data); // safe
  res.status(201).json(user);
}

export async function createUserWithRole(req: Request, res: Response) {
  const user = await User.create({ ...req.body, role: 'user' }); // expect: mass-assignment
  res.status(201).json(user);
}

export function countTags(req: Request, res: Response) {
  const counts: Record<string, number> = {};
  for (const tag of req.body.tags as string[]) counts[tag] = (counts[tag] ?? 0) + 1; // safe
  res.json(counts);
}

export function copyHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = String(value); // safe
  return headers;
}

const caches: Record<string, Record<string, unknown>> = {};
export function putCache(req: Request, res: Response) {
  caches[req.params.ns] ??= {};
  caches[req.params.ns][req.params.key] = req.body.value; // expect: prototype-pollution
  res.sendStatus(204);
}

export async function renameTag(req: Request, res: Response) {
  const tag = await Tag.findByPk(req.params.id);
  if (!tag) return res.sendStatus(404);
  await tag.update({ name: String(req.body.name) }); // safe
  res.json(tag);
}
