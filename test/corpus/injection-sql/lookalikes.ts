import { Pool } from 'pg';
import knex from 'knex';
import { logger } from './logger';

const pool = new Pool();
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

const SORT_COLUMNS: Record<string, string> = { newest: 'created_at DESC', cheapest: 'price ASC', name: 'name ASC' };
const SCHEMA = process.env.DB_SCHEMA ?? 'public';

export async function listProducts(sort: string, category: string) {
  const orderBy = SORT_COLUMNS[sort] ?? SORT_COLUMNS.newest;
  logger.debug(`SELECT products ORDER BY ${orderBy} for ${category}`); // safe
  return pool.query(`SELECT * FROM ${SCHEMA}.products WHERE category = $1 ORDER BY ${orderBy}`, [category]); // safe
}

export async function serverVersion() {
  return db.raw('SELECT version()'); // safe
}

export async function touch(id: number) {
  return db('products').where({ id }).update({ updated_at: db.fn.now() }); // safe
}

export async function setFlags(ids: string[]) {
  const list = ids.map(Number).filter(Number.isInteger).join(',');
  return pool.query(`UPDATE products SET featured = true WHERE id IN (${list})`); // safe
}

export function describeUpdate(name: string): string {
  return `Update ${name} set successfully`; // safe
}

export async function searchByTag(tag: string) {
  return db('products').whereRaw(`tags @> ARRAY['${tag}']`); // expect: sql-injection
}
