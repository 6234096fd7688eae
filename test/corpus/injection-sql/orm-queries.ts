import { DataSource } from 'typeorm';
import { Sequelize, QueryTypes } from 'sequelize';
import { PrismaClient } from '@prisma/client';
import knex from 'knex';
import { User } from './entities/user';

const prisma = new PrismaClient();
const sequelize = new Sequelize(process.env.DATABASE_URL as string);
const pg = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export class UserSearch {
  constructor(private readonly dataSource: DataSource) {}

  async byName(name: string) {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where(`u.name = '${name}'`) // expect: sql-injection
      .getMany();
  }

  async byEmail(email: string) {
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.email = :email', { email }) // safe
      .getOne();
  }

  async rawCount(tenantId: string) {
    return this.dataSource.query(`SELECT COUNT(*) FROM invoices WHERE tenant_id = '${tenantId}'`); // expect: sql-injection
  }
}

export async function prismaSearch(term: string) {
  const unsafe = await prisma.$queryRawUnsafe(`SELECT * FROM "Product" WHERE title ILIKE '%${term}%'`); // expect: sql-injection
  const safe = await prisma.$queryRaw`SELECT * FROM "Product" WHERE title ILIKE ${'%' + term + '%'}`; // safe
  return { unsafe, safe };
}

export async function sequelizeByEmail(email: string) {
  const bad = await sequelize.query(`SELECT * FROM users WHERE email = '${email}'`, { type: QueryTypes.SELECT }); // expect: sql-injection
  const good = await sequelize.query('SELECT * FROM users WHERE email = :email', { replacements: { email }, type: QueryTypes.SELECT }); // safe
  return bad.length ? bad : good;
}

export async function knexSorted(direction: string, column: string) {
  const rows = await pg('orders').orderByRaw(`${column} ${direction}`); // expect: sql-injection
  const filtered = await pg('orders').whereRaw('total > ?', [100]); // safe
  return { rows, filtered };
}

export async function knexLookup(customerId: string) {
  return pg('orders').where({ customer_id: customerId }).select('id', 'total'); // safe
}
