import { tlsVerificationDisabled } from '../../../src/core/rules/tls-verification-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(tlsVerificationDisabled, {
  valid: [
    'const agent = new https.Agent({ rejectUnauthorized: true });',
    'const agent = new https.Agent({ ca: fs.readFileSync("ca.pem") });',
    'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";',
    'const opts = { insecure: false };',
    // A table of settings, not connection options: `insecure` describes the entry.
    "const SETTINGS = {\n  nodeIntegration: { insecure: true, confidence: 'high', risk: 'gives pages require()' },\n  webSecurity: { insecure: false, confidence: 'high' },\n};",
    "const checks = [{ name: 'eval', insecure: true, message: 'runs strings as code' }];",
    'const rejectUnauthorized = false; log(rejectUnauthorized);',
    'const agent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === "production" });',
    { code: 'const agent = new https.Agent({ rejectUnauthorized: false });', filename: 'test/https.test.ts' },
    { code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", filename: '__tests__/setup.js' },
  ],
  invalid: [
    // Connection options: beside a host, passed to a call, or held by a name that says so.
    {
      code: "const client = new Client({ host: 'vault.internal', insecure: true });",
      errors: [{ line: 1, column: 53, message: /^'insecure: true' accepts any TLS certificate/, fixes: [{ safety: 'review', output: "const client = new Client({ host: 'vault.internal', insecure: false });" }] }],
    },
    { code: 'setupTls({ insecure: true });', errors: [{ line: 1, column: 12, fixes: [{ safety: 'review', output: 'setupTls({ insecure: false });' }] }] },
    { code: 'const tlsOptions = { insecure: true };\nconnect(tlsOptions);', errors: [{ line: 1, column: 22, fixes: [{ safety: 'review', output: 'const tlsOptions = { insecure: false };\nconnect(tlsOptions);' }] }] },
    { code: 'export default { server: { proxy: { insecure: true } } };', errors: [{ line: 1, column: 37, fixes: [{ safety: 'review', output: 'export default { server: { proxy: { insecure: false } } };' }] }] },
    {
      code: 'const agent = new https.Agent({ rejectUnauthorized: false });',
      errors: [
        {
          line: 1,
          column: 33,
          endColumn: 58,
          confidence: 'high',
          message: /'rejectUnauthorized: false' accepts any TLS certificate/,
          fixes: [{ safety: 'review', title: /Set 'rejectUnauthorized' to true/, output: 'const agent = new https.Agent({ rejectUnauthorized: true });' }],
        },
      ],
    },
    {
      code: 'request({ url, strictSSL: false }, done);',
      errors: [{ line: 1, column: 16, fixes: [{ safety: 'review', output: 'request({ url, strictSSL: true }, done);' }] }],
    },
    {
      code: 'await page.goto(url);\nconst browser = await puppeteer.launch({ ignoreHTTPSErrors: true });',
      errors: [{ line: 2, column: 42, fixes: [{ safety: 'review', output: 'await page.goto(url);\nconst browser = await puppeteer.launch({ ignoreHTTPSErrors: false });' }] }],
    },
    {
      code: "// dev only\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nstart();",
      errors: [{ line: 2, column: 1, message: /NODE_TLS_REJECT_UNAUTHORIZED=0/, fixes: [{ safety: 'review', title: /Remove the assignment/, output: '// dev only\n\nstart();' }] }],
    },
    {
      code: 'const client = axios.create({ httpsAgent: new https.Agent({ "rejectUnauthorized": 0 }) });',
      errors: [{ line: 1, column: 61, fixes: [{ safety: 'review', output: 'const client = axios.create({ httpsAgent: new https.Agent({ "rejectUnauthorized": true }) });' }] }],
    },
  ],
});
