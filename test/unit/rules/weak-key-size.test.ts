import { weakKeySize } from '../../../src/core/rules/weak-key-size';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const RSA_1024 = /^1024-bit RSA keys are below the 2048-bit minimum/;
const RSA_SAFE = /^Generate 2048-bit keys \(safe: only newly generated keys change; existing keys keep working\)$/;

const nodeRsa = lines(
  "import crypto from 'crypto';",
  '',
  'export function createKeyPair() {',
  "  return crypto.generateKeyPairSync('rsa', {",
  '    modulusLength: 1024,',
  "    publicKeyEncoding: { type: 'spki', format: 'pem' },",
  "    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },",
  '  });',
  '}',
);
const forgeKeys = lines(
  "const forge = require('node-forge');",
  '',
  'function issueCertificateKeys() {',
  '  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });',
  '  return forge.pki.privateKeyToPem(keys.privateKey);',
  '}',
);
const nodeRsaLib = lines(
  "import NodeRSA from 'node-rsa';",
  '',
  'const key = new NodeRSA({ b: 512 });',
  "export const encrypt = (text: string) => key.encrypt(text, 'base64');",
);
const webCrypto = lines(
  'export async function createBrowserKeys() {',
  '  return window.crypto.subtle.generateKey(',
  "    { name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },",
  '    true,',
  "    ['encrypt', 'decrypt'],",
  '  );',
  '}',
);
const ecdh = lines(
  "import { createECDH } from 'node:crypto';",
  '',
  'export function startKeyExchange() {',
  "  const ecdh = createECDH('secp160r1');",
  '  return ecdh.generateKeys();',
  '}',
);

testRule(weakKeySize, {
  valid: [
    // Tests generate small keys for speed.
    { code: "import crypto from 'crypto';\nconst { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });", filename: 'test/jwt.test.ts' },
    // 4096-bit RSA for signing.
    lines(
      "import { generateKeyPairSync } from 'crypto';",
      'export function createSigningKeys() {',
      "  return generateKeyPairSync('rsa', { modulusLength: 4096, publicKeyEncoding: { type: 'spki', format: 'pem' } });",
      '}',
    ),
    // Size from configuration: not known, not guessed.
    lines(
      "import crypto from 'crypto';",
      'const KEY_SIZE = Number(process.env.RSA_KEY_SIZE ?? 3072);',
      "crypto.generateKeyPair('rsa', { modulusLength: KEY_SIZE }, (err, publicKey, privateKey) => {});",
    ),
    // Strong curves and Ed25519.
    lines(
      "import crypto from 'crypto';",
      "const ecdh = crypto.createECDH('prime256v1');",
      "const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'secp384r1' });",
      "const ed = crypto.generateKeyPairSync('ed25519');",
    ),
    // Symmetric sizes are a different question (128-bit AES is fine).
    lines(
      'const aesKey = crypto.randomBytes(16);',
      "const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt', 'decrypt']);",
    ),
    // node-rsa importing an existing key, and a 2048-bit one.
    "import NodeRSA from 'node-rsa';\nconst key = new NodeRSA(process.env.PRIVATE_KEY_PEM);\nconst fresh = new NodeRSA({ b: 2048 });",
    // A local function that happens to be called generateKeyPair, and a 1024-byte buffer.
    'function generateKeyPair(size: number) { return size; }\ngenerateKeyPair(1024);\nconst pad = Buffer.alloc(1024);',
    // Diffie-Hellman with the peer's prime and the 2048-bit MODP group.
    "import crypto from 'crypto';\nconst dh = crypto.createDiffieHellman(primeFromPeer, 'hex');\nconst group = crypto.getDiffieHellman('modp14');",
    // DSA 3072 with a 256-bit q.
    "import crypto from 'crypto';\ncrypto.generateKeyPairSync('dsa', { modulusLength: 3072, divisorLength: 256 });",
    // forge default size (2048) and elliptic secp256k1.
    "const forge = require('node-forge');\nconst keys = forge.pki.rsa.generateKeyPair();\nconst EC = require('elliptic').ec;\nconst ec = new EC('secp256k1');",
  ],
  invalid: [
    {
      code: nodeRsa,
      errors: [{
        line: 5, column: 5, endColumn: 24, confidence: 'high', message: RSA_1024,
        fixes: [{ safety: 'safe', title: RSA_SAFE, output: nodeRsa.replace('modulusLength: 1024', 'modulusLength: 2048') }],
      }],
    },
    {
      code: forgeKeys,
      filename: 'certs.js',
      errors: [{
        line: 4, column: 48, endColumn: 58, confidence: 'high', message: RSA_1024,
        fixes: [{ safety: 'safe', title: RSA_SAFE, output: forgeKeys.replace('bits: 1024', 'bits: 2048') }],
      }],
    },
    {
      code: nodeRsaLib,
      errors: [{
        line: 3, column: 27, endColumn: 33, confidence: 'high', message: /^512-bit RSA keys are factored in hours/,
        fixes: [{ safety: 'safe', title: RSA_SAFE, output: nodeRsaLib.replace('b: 512', 'b: 2048') }],
      }],
    },
    {
      code: webCrypto,
      filename: 'keys.tsx',
      errors: [{
        line: 3, column: 25, endColumn: 44, confidence: 'high', message: RSA_1024,
        fixes: [{ safety: 'safe', title: RSA_SAFE, output: webCrypto.replace('modulusLength: 1024', 'modulusLength: 2048') }],
      }],
    },
    {
      code: ecdh,
      errors: [{
        line: 4, column: 27, endColumn: 38, confidence: 'high', message: /^The elliptic curve 'secp160r1' gives less than 112 bits of security/,
        fixes: [{ safety: 'review', title: /^Use prime256v1 \(review: /, output: ecdh.replace("'secp160r1'", "'prime256v1'") }],
      }],
    },
    // promisified generateKeyPair with the size in a constant: reported, no edit of the shared constant.
    {
      code: lines(
        "import { generateKeyPair } from 'node:crypto';",
        "import { promisify } from 'util';",
        'const generateKeyPairAsync = promisify(generateKeyPair);',
        'const KEY_BITS = 512;',
        "export const makeKeys = () => generateKeyPairAsync('rsa', { modulusLength: KEY_BITS });",
      ),
      errors: [{ line: 5, column: 61, endColumn: 84, confidence: 'high', message: /^512-bit RSA keys/ }],
    },
    {
      code: "import crypto from 'crypto';\ncrypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });",
      errors: [{ line: 2, column: 37, endColumn: 56, confidence: 'high', message: /^1024-bit DSA keys are below the 2048-bit minimum/ }],
    },
    {
      code: lines(
        "const crypto = require('crypto');",
        'const server = crypto.createDiffieHellman(1024);',
        "const legacy = crypto.getDiffieHellman('modp2');",
      ),
      filename: 'dh.js',
      errors: [
        { line: 2, column: 43, endColumn: 47, confidence: 'high', message: /^A 1024-bit Diffie-Hellman prime/ },
        { line: 3, column: 40, endColumn: 47, confidence: 'high', message: /^A 1024-bit Diffie-Hellman prime/ },
      ],
    },
    {
      code: "import crypto from 'crypto';\nconst options = { namedCurve: 'prime192v1' };\ncrypto.generateKeyPair('ec', options, callback);",
      errors: [{
        line: 2, column: 19, endColumn: 43, confidence: 'high', message: /'prime192v1'/,
        fixes: [{ safety: 'review', output: "import crypto from 'crypto';\nconst options = { namedCurve: 'prime256v1' };\ncrypto.generateKeyPair('ec', options, callback);" }],
      }],
    },
    {
      code: "const { KEYUTIL } = require('jsrsasign');\nconst kp = KEYUTIL.generateKeypair('RSA', 1024);",
      filename: 'token.js',
      errors: [{ line: 2, column: 43, endColumn: 47, confidence: 'high', message: RSA_1024, fixes: [{ safety: 'safe', output: "const { KEYUTIL } = require('jsrsasign');\nconst kp = KEYUTIL.generateKeypair('RSA', 2048);" }] }],
    },
  ],
});
