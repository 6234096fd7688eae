import request from 'supertest';
import jwt from 'jsonwebtoken';
import { app } from '../server';

const TEST_USER = { email: 'jane@acme-shop.io', password: 'Sup3rS3cret!' }; // safe
const JWT_SECRET = 'test-jwt-secret-for-unit-tests'; // safe
const GITLAB_TOKEN = 'glpat-pvGEBg8EvCBZdi5qIHMv'; // expect: hardcoded-secret

describe('POST /login', () => {
  it('returns a token for valid credentials', async () => {
    const res = await request(app).post('/login').send(TEST_USER);
    expect(res.status).toBe(200);
    expect(jwt.verify(res.body.token, JWT_SECRET, { algorithms: ['HS256'] })).toBeTruthy();
  });

  it('accepts a token signed by the test helper', async () => {
    const token = jwt.sign({ sub: 'user-1' }, JWT_SECRET); // safe
    const res = await request(app).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
  });

  it('uses the GitLab mirror', () => {
    expect(GITLAB_TOKEN).toMatch(/^glpat-/);
  });
});
