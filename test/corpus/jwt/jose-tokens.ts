import { SignJWT, jwtVerify, createRemoteJWKSet } from 'jose';

const secret = new TextEncoder().encode(process.env.SESSION_SECRET);
const JWKS = createRemoteJWKSet(new URL('https://auth.acme.io/.well-known/jwks.json'));

export async function createSessionToken(userId: string): Promise<string> {
  return new SignJWT({ sub: userId }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2h').sign(secret); // safe
}

export async function createApiToken(clientId: string): Promise<string> {
  return new SignJWT({ sub: clientId, scope: 'api' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(secret); // expect: jwt-missing-expiry
}

export async function verifySessionToken(token: string) {
  const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] }); // safe
  return payload;
}

export async function verifyIdToken(token: string) {
  const { payload } = await jwtVerify(token, JWKS, { issuer: 'https://auth.acme.io', audience: 'web', algorithms: ['RS256'] }); // safe
  return payload;
}
