import crypto from 'crypto';

// Key pair used to sign download links for exported reports, so the CDN can check them without calling the API.
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 1024,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

export const downloadLinkPublicKey = publicKey;

export function signDownloadLink(path: string, expiresAt: number): string {
  const signature = crypto.sign('sha256', Buffer.from(`${path}:${expiresAt}`), privateKey).toString('base64url');
  return `${path}?expires=${expiresAt}&sig=${signature}`;
}
