#!/usr/bin/env node
// Small admin CLI for the local SQLite database.
const Database = require('better-sqlite3');

const db = new Database(process.env.DB_FILE || 'app.db');
const [, , command, value] = process.argv;

if (command === 'find') {
  const stmt = db.prepare('SELECT * FROM users WHERE username = ?'); // safe
  console.log(stmt.get(value));
} else if (command === 'purge') {
  db.prepare('DELETE FROM sessions WHERE created_at < ?').run(value); // safe
} else if (command === 'count') {
  const row = db.prepare('SELECT COUNT(*) AS n FROM users').get(); // safe
  console.log(row.n);
}

const cache = new Map();
function cached(key) {
  return cache.get(`user:${key}`); // safe
}
module.exports = { cached };
