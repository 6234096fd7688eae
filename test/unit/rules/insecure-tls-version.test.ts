import { insecureTlsVersion } from '../../../src/core/rules/insecure-tls-version';
import { testRule } from '../../helpers/rule-tester';

testRule(insecureTlsVersion, {
  valid: [
    "const server = https.createServer({ key, cert, minVersion: 'TLSv1.2' }, app);",
    "const agent = new https.Agent({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });",
    // SSLv23_method / TLS_method negotiate the best version both sides support.
    "const socket = tls.connect({ host, port: 443, secureProtocol: 'TLS_method' });\nconst legacy = { secureProtocol: 'SSLv23_method' };",
    "const ctx = tls.createSecureContext({ secureProtocol: 'TLSv1_2_method' });",
    // Weak suites switched off, not on.
    "https.createServer({ key, cert, ciphers: 'HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK' }, app).listen(443);",
    "const options = { ciphers: ['TLS_AES_256_GCM_SHA384', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-CHACHA20-POLY1305'].join(':') };",
    // A semver range, not a TLS option.
    "export default defineConfig({ engines: { minVersion: '1.1' } });\nconst plugin = { name: 'x', minVersion: 'v1' };",
    // Taken from configuration at run time.
    'const server = tls.createServer({ key, cert, minVersion: process.env.TLS_MIN_VERSION as tls.SecureVersion });',
    "tls.DEFAULT_MIN_VERSION = 'TLSv1.2';",
  ],
  invalid: [
    {
      code: "const server = https.createServer({\n  key: fs.readFileSync('key.pem'),\n  cert: fs.readFileSync('cert.pem'),\n  minVersion: 'TLSv1',\n}, app);",
      errors: [
        {
          line: 4,
          column: 3,
          endColumn: 22,
          confidence: 'high',
          message: /'minVersion: TLSv1' lets connections fall back to TLSv1/,
          fixes: [
            {
              safety: 'review',
              title: /Use 'TLSv1\.2' \(review: clients limited to TLS 1\.0\/1\.1 can no longer connect\)/,
              output: "const server = https.createServer({\n  key: fs.readFileSync('key.pem'),\n  cert: fs.readFileSync('cert.pem'),\n  minVersion: 'TLSv1.2',\n}, app);",
            },
          ],
        },
      ],
    },
    {
      code: "const agent = new https.Agent({ minVersion: 'TLSv1.1', rejectUnauthorized: true });",
      errors: [{ line: 1, column: 33, fixes: [{ safety: 'review', output: "const agent = new https.Agent({ minVersion: 'TLSv1.2', rejectUnauthorized: true });" }] }],
    },
    {
      code: "const client = tls.connect({ host: 'legacy.bank.local', port: 8443, maxVersion: 'TLSv1.1' });",
      errors: [
        {
          line: 1,
          column: 69,
          message: /caps connections at TLSv1\.1/,
          fixes: [{ safety: 'review', title: /Use 'TLSv1\.3'/, output: "const client = tls.connect({ host: 'legacy.bank.local', port: 8443, maxVersion: 'TLSv1.3' });" }],
        },
      ],
    },
    {
      code: "const req = https.request({ hostname: 'api.partner.com', secureProtocol: 'TLSv1_method' }, onResponse);",
      errors: [
        {
          line: 1,
          column: 58,
          message: /'secureProtocol: TLSv1_method' pins the connection to an obsolete protocol/,
          fixes: [{ safety: 'review', title: /minVersion: 'TLSv1\.2'/, output: "const req = https.request({ hostname: 'api.partner.com', minVersion: 'TLSv1.2' }, onResponse);" }],
        },
      ],
    },
    {
      // Node refuses SSL methods (ERR_TLS_INVALID_PROTOCOL_METHOD): the code cannot work today, so removing the option is safe.
      code: "const PROTOCOL = 'SSLv3_method';\nconst server = tls.createServer({ key, cert, secureProtocol: PROTOCOL });",
      errors: [
        {
          line: 2,
          column: 46,
          confidence: 'high',
          fixes: [
            {
              safety: 'safe',
              title: /^Remove 'secureProtocol' to use Node's defaults, TLS 1\.2 and 1\.3 \(safe: Node refuses SSLv3_method and throws/,
              output: "const PROTOCOL = 'SSLv3_method';\nconst server = tls.createServer({ key, cert });",
            },
          ],
        },
      ],
    },
    {
      code: "const socket = tls.connect({ host: 'mail.acme.io', port: 465, secureProtocol: 'SSLv2_client_method', ...overrides });",
      errors: [{ line: 1, column: 63, fixes: [{ safety: 'safe', title: /Node refuses SSLv2_client_method/, output: "const socket = tls.connect({ host: 'mail.acme.io', port: 465, ...overrides });" }] }],
    },
    {
      // secureProtocol with minVersion or maxVersion throws ERR_TLS_PROTOCOL_VERSION_CONFLICT whatever the method.
      code: "const agent = new https.Agent({ secureProtocol: 'TLSv1_method', maxVersion: 'TLSv1.3' });",
      errors: [
        {
          line: 1,
          column: 33,
          fixes: [{ safety: 'safe', title: /^Remove 'secureProtocol' \(safe: Node throws when secureProtocol is combined with maxVersion/, output: "const agent = new https.Agent({ maxVersion: 'TLSv1.3' });" }],
        },
      ],
    },
    {
      // A spread may unset the version, so the code may work today: review, and no duplicate minVersion key.
      code: "const agent = new https.Agent({ ...defaults, secureProtocol: 'TLSv1_1_method', minVersion: 'TLSv1.2' });",
      errors: [{ line: 1, column: 46, fixes: [{ safety: 'review', title: /review: the spread options decide/, output: "const agent = new https.Agent({ ...defaults, minVersion: 'TLSv1.2' });" }] }],
    },
    {
      // Node refuses SSL versions as minVersion/maxVersion (ERR_TLS_INVALID_PROTOCOL_VERSION).
      code: "const server = https.createServer({ key, cert, minVersion: 'SSLv3' }, app);",
      errors: [
        {
          line: 1,
          column: 48,
          message: /'minVersion: SSLv3'/,
          fixes: [{ safety: 'safe', title: /^Use 'TLSv1\.2' \(safe: Node refuses SSLv3 and throws/, output: "const server = https.createServer({ key, cert, minVersion: 'TLSv1.2' }, app);" }],
        },
      ],
    },
    {
      code: "import tls from 'node:tls';\ntls.DEFAULT_MAX_VERSION = 'SSLv3';",
      errors: [{ line: 2, column: 1, fixes: [{ safety: 'safe', title: /^Use 'TLSv1\.3' \(safe: Node refuses SSLv3/, output: "import tls from 'node:tls';\ntls.DEFAULT_MAX_VERSION = 'TLSv1.3';" }] }],
    },
    {
      code: "const server = https.createServer({\n  key,\n  cert,\n  ciphers: 'ECDHE-RSA-AES128-SHA:RC4-SHA:DES-CBC3-SHA',\n  honorCipherOrder: true,\n}, app);",
      errors: [
        {
          line: 4,
          column: 3,
          message: /enables 'RC4-SHA', 'DES-CBC3-SHA'/,
          fixes: [{ safety: 'review', title: /Remove the 'ciphers' option/, output: 'const server = https.createServer({\n  key,\n  cert,\n  honorCipherOrder: true,\n}, app);' }],
        },
      ],
    },
    {
      code: "const socket = tls.connect(443, host, { ciphers: 'ALL' });",
      errors: [{ line: 1, column: 41, message: /'ALL'/, fixes: [{ safety: 'review', output: 'const socket = tls.connect(443, host, {  });' }] }],
    },
    {
      code: "import tls from 'node:tls';\ntls.DEFAULT_MIN_VERSION = 'TLSv1';",
      errors: [{ line: 2, column: 1, fixes: [{ safety: 'review', output: "import tls from 'node:tls';\ntls.DEFAULT_MIN_VERSION = 'TLSv1.2';" }] }],
    },
    {
      code: "const agent = new https.Agent({ keepAlive: true, ciphers: 'DEFAULT@SECLEVEL=0' });",
      errors: [{ line: 1, column: 50, message: /'DEFAULT@SECLEVEL=0'/, fixes: [{ safety: 'review', output: 'const agent = new https.Agent({ keepAlive: true });' }] }],
    },
  ],
});
