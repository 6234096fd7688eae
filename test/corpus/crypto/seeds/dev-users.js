// Seeds the local development database with made-up users. Never run against production.
const { faker } = require('@faker-js/faker');
const { db } = require('../../db');

async function seed() {
  const users = [];
  for (let i = 0; i < 50; i++) {
    users.push({
      name: faker.person.fullName(),
      email: faker.internet.email(),
      apiToken: Math.random().toString(36).slice(2), // safe
      inviteCode: Math.floor(Math.random() * 1e6).toString().padStart(6, '0'), // safe
    });
  }
  await db('users').insert(users);
}

seed().then(() => process.exit(0));
