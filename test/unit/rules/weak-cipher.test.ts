import { weakCipher } from '../../../src/core/rules/weak-cipher';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const STATIC_IV = /^The IV is a constant, so equal plaintexts give equal ciphertexts/;

testRule(weakCipher, {
  valid: [
    // AES-GCM with a fresh random IV per message.
    lines(
      "import crypto from 'crypto';",
      "const ALGORITHM = 'aes-256-gcm';",
      'export function encrypt(plaintext: string, key: Buffer) {',
      '  const iv = crypto.randomBytes(12);',
      '  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);',
      "  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);",
      "  return Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64');",
      '}',
    ),
    // Decryption reads the IV from the message.
    lines(
      "import crypto from 'crypto';",
      'export function decrypt(payload: string, key: Buffer) {',
      "  const data = Buffer.from(payload, 'base64');",
      '  const iv = data.subarray(0, 12);',
      "  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);",
      '  decipher.setAuthTag(data.subarray(12, 28));',
      "  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');",
      '}',
    ),
    // A zeroed buffer that is then filled with random bytes.
    lines(
      "import crypto from 'crypto';",
      'export function encrypt(text: string, key: Buffer) {',
      '  const iv = Buffer.alloc(16);',
      '  crypto.randomFillSync(iv);',
      "  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);",
      "  return iv.toString('hex') + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
      '}',
    ),
    // The parameter shadows the module constant.
    lines(
      "import crypto from 'crypto';",
      'const iv = Buffer.alloc(16, 0);',
      'export function encrypt(text: string, key: Buffer, iv: Buffer) {',
      "  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);",
      "  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
      '}',
    ),
    // A local random IV shadows the module constant.
    lines(
      "import crypto from 'crypto';",
      'const iv = Buffer.alloc(16, 0);',
      'export function encrypt(text: string, key: Buffer) {',
      '  const iv = crypto.randomBytes(16);',
      "  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);",
      "  return iv.toString('hex') + ':' + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
      '}',
    ),
    // crypto-js AES in CBC mode with a random IV.
    "import CryptoJS from 'crypto-js';\nconst encrypted = CryptoJS.AES.encrypt(JSON.stringify(state), secretKey, { mode: CryptoJS.mode.CBC, iv: CryptoJS.lib.WordArray.random(16) }).toString();",
    // Algorithm from configuration, IV of unknown origin; HMAC is not a cipher.
    lines(
      "import crypto from 'crypto';",
      "const hmac = crypto.createHmac('sha256', secret).update(body).digest('hex');",
      "const cipher = crypto.createCipheriv(process.env.CIPHER_ALGORITHM || 'aes-256-cbc', key, iv);",
    ),
    // Random IV as a default parameter.
    lines(
      "import crypto from 'crypto';",
      'export function encrypt(text: string, key: Buffer, iv = crypto.randomBytes(16)) {',
      "  const cipher = crypto.createCipheriv('aes-256-ctr', key, iv);",
      "  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
      '}',
    ),
    // A one-off script that encrypts once with a fresh IV at the top level.
    "const crypto = require('crypto');\nconst iv = crypto.randomBytes(16);\nconst cipher = crypto.createCipheriv('aes-256-cbc', key, iv);",
    // node-forge with AES-GCM.
    "import forge from 'node-forge';\nconst cipher = forge.cipher.createCipher('AES-GCM', key);",
  ],
  invalid: [
    {
      code: lines(
        "import crypto from 'crypto';",
        '',
        "const ALGORITHM = 'des-ede3-cbc';",
        "const KEY = Buffer.from(process.env.ENCRYPTION_KEY!, 'hex');",
        '',
        'export function encrypt(text: string): string {',
        '  const iv = crypto.randomBytes(8);',
        '  const cipher = crypto.createCipheriv(ALGORITHM, KEY, iv);',
        "  return iv.toString('hex') + ':' + cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
        '}',
      ),
      errors: [{ line: 8, column: 18, endColumn: 59, confidence: 'high', message: /^'des-ede3-cbc': 3DES has a 64-bit block.*Sweet32/ }],
    },
    {
      code: lines(
        "const crypto = require('crypto');",
        '',
        'function encryptCardNumber(cardNumber) {',
        "  const cipher = crypto.createCipheriv('aes-256-ecb', Buffer.from(process.env.CARD_KEY, 'hex'), null);",
        "  return Buffer.concat([cipher.update(cardNumber, 'utf8'), cipher.final()]).toString('base64');",
        '}',
      ),
      filename: 'crypto.js',
      errors: [{ line: 4, column: 18, endColumn: 102, confidence: 'high', message: /^'aes-256-ecb': ECB mode encrypts identical blocks/ }],
    },
    {
      code: lines(
        "import crypto from 'crypto';",
        '',
        'export function encrypt(text: string, password: string) {',
        "  const cipher = crypto.createCipher('aes-256-cbc', password);",
        "  let encrypted = cipher.update(text, 'utf8', 'hex');",
        "  encrypted += cipher.final('hex');",
        '  return encrypted;',
        '}',
      ),
      errors: [{ line: 4, column: 18, endColumn: 62, confidence: 'high', message: /^crypto\.createCipher\(\) derives the key from a password with one unsalted MD5 pass/ }],
    },
    {
      code: lines(
        "import { createCipheriv, scryptSync } from 'node:crypto';",
        '',
        "const key = scryptSync(process.env.SECRET_PASSPHRASE!, 'salt', 32);",
        'const iv = Buffer.alloc(16, 0);',
        '',
        'export function encryptToken(token: string): string {',
        "  const cipher = createCipheriv('aes-256-cbc', key, iv);",
        "  return cipher.update(token, 'utf8', 'base64') + cipher.final('base64');",
        '}',
      ),
      errors: [{ line: 7, column: 53, endColumn: 55, confidence: 'high', message: STATIC_IV }],
    },
    {
      code: lines(
        "import crypto from 'crypto';",
        '',
        'export function encryptField(value: string) {',
        "  const cipher = crypto.createCipheriv('aes-256-gcm', getKey(), '1234567890ab');",
        "  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);",
        "  return { data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };",
        '}',
      ),
      errors: [{ line: 4, column: 65, endColumn: 79, confidence: 'high', message: /keystream repeats/ }],
    },
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        '',
        'export const encryptMessage = (message: string, secret: string) => CryptoJS.TripleDES.encrypt(message, secret).toString();',
      ),
      errors: [{ line: 3, column: 68, endColumn: 111, confidence: 'high', message: /^crypto-js 3DES: / }],
    },
    {
      code: lines(
        "import CryptoJS from 'crypto-js';",
        '',
        'const key = CryptoJS.enc.Utf8.parse(import.meta.env.VITE_AES_KEY);',
        'export function encryptPayload(data: object) {',
        '  return CryptoJS.AES.encrypt(JSON.stringify(data), key, {',
        '    mode: CryptoJS.mode.ECB,',
        '    padding: CryptoJS.pad.Pkcs7,',
        '  }).toString();',
        '}',
      ),
      errors: [{ line: 6, column: 5, endColumn: 28, confidence: 'high', message: /^crypto-js ECB mode: ECB mode encrypts identical blocks/ }],
    },
    {
      code: "const crypto = require('crypto');\nconst decipher = crypto.createDecipheriv('rc4', key, '');\nconst plain = decipher.update(cipherText, 'hex', 'utf8');",
      errors: [{ line: 2, column: 18, endColumn: 57, confidence: 'high', message: /^'rc4': RC4 has biased keystream bytes/ }],
    },
    {
      code: lines(
        "import crypto from 'crypto';",
        "const IV = Buffer.from('0000000000000000');",
        'export function encrypt(text: string, key: Buffer) {',
        "  const cipher = crypto.createCipheriv('aes-128-cbc', key, IV);",
        "  return Buffer.concat([cipher.update(text), cipher.final()]).toString('hex');",
        '}',
      ),
      errors: [{ line: 4, column: 60, endColumn: 62, confidence: 'high', message: STATIC_IV }],
    },
    {
      // A weak cipher and a zero IV: two separate problems.
      code: lines(
        "import crypto from 'crypto';",
        'export function encrypt(text: string, key: Buffer) {',
        "  const cipher = crypto.createCipheriv('bf-cbc', key, Buffer.alloc(8));",
        "  return cipher.update(text, 'utf8', 'hex') + cipher.final('hex');",
        '}',
      ),
      errors: [
        { line: 3, column: 18, endColumn: 71, confidence: 'high', message: /^'bf-cbc': Blowfish/ },
        { line: 3, column: 55, endColumn: 70, confidence: 'high', message: STATIC_IV },
      ],
    },
    {
      // The well-known tutorial: one IV for the life of the process.
      code: lines(
        "const crypto = require('crypto');",
        "const algorithm = 'aes-256-cbc';",
        'const key = crypto.randomBytes(32);',
        'const iv = crypto.randomBytes(16);',
        '',
        'function encrypt(text) {',
        '  let cipher = crypto.createCipheriv(algorithm, Buffer.from(key), iv);',
        '  let encrypted = cipher.update(text);',
        '  encrypted = Buffer.concat([encrypted, cipher.final()]);',
        "  return { iv: iv.toString('hex'), encryptedData: encrypted.toString('hex') };",
        '}',
      ),
      filename: 'encrypt.js',
      errors: [{ line: 7, column: 67, endColumn: 69, confidence: 'medium', message: /generated once when the module loads and reused for every message/ }],
    },
    {
      code: "import forge from 'node-forge';\nconst cipher = forge.cipher.createCipher('3DES-CBC', key);\ncipher.start({ iv });",
      errors: [{ line: 2, column: 16, endColumn: 58, confidence: 'high', message: /^'3DES-CBC': 3DES/ }],
    },
  ],
});
