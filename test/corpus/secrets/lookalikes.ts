// Values that look like secrets to a naive scanner but are not credentials.
export const PASSWORD_MIN_LENGTH = 12; // safe
export const TOKEN_EXPIRY = '15m'; // safe
export const apiKeyHeader = 'X-API-Key'; // safe
export const dbSecretArn = 'arn:aws:secretsmanager:eu-west-1:482910375566:secret:prod/orders/db-Qk3vZp'; // safe
export const GOOGLE_CLIENT_ID = '482910375566-4k7qv0c9d2m1n8b5x3z6w1r0p9t7y2u4.apps.googleusercontent.com'; // safe
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; // safe
export const TENANT_ID = '3f2b8c1e-7d4a-4e9b-a6c5-2d1f0e8b9a73'; // safe
export const publicKey = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE4q9vWmF3eQ8h2Jc7kLp0sR5tU1yXzA6bN3dG8fH2jK9mP4rS7vT0wY5xZ2cB8nD1qE6hF3gJ0kL9mN4pQ7rS2tA==
-----END PUBLIC KEY-----`;

export function basicAuth(user: string, pass: string): string {
  return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64'); // safe
}

export const dbConfig = {
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD || '', // safe
};

export const oauth = {
  clientId: process.env.GITHUB_CLIENT_ID!,
  clientSecret: process.env.GITHUB_CLIENT_SECRET!, // safe
  callbackURL: 'https://app.acme.io/auth/github/callback',
};

export const legacyAdmin = { username: 'admin', password: 'Tr0ub4dor&3xq' }; // expect: hardcoded-secret
export const ENCRYPTION_KEY = '50b6a6f1233164e561869a50aee8c86f'; // expect: hardcoded-secret
