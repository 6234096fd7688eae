import { plaintextTransport } from '../../../src/core/rules/plaintext-transport';
import { testRule } from '../../helpers/rule-tester';

testRule(plaintextTransport, {
  valid: [
    // This machine, compose service names, cluster and test hosts, private and link-local addresses.
    "await fetch('http://localhost:3000/api/users');",
    "await fetch('http://redis:6379');",
    "import axios from 'axios';\nawait axios.get('http://api:3000/health');",
    "const ws = new WebSocket('ws://127.0.0.1:8080/dev');",
    "await fetch('http://host.docker.internal:11434/api/generate', { method: 'POST', body });",
    "await fetch('http://my-svc.default.svc.cluster.local/api');",
    "await fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/');",
    "await fetch('http://192.168.1.20/status');",
    "await fetch('http://example.com/test');",
    // Encrypted transports.
    "await fetch('https://api.github.com/users/' + name);",
    "const ws = new WebSocket('wss://stream.acme-partner.com/prices');",
    // A host chosen at run time, or a configured base URL.
    'await fetch(`http://${host}/status`);',
    "await fetch(process.env.API_URL || 'http://api.acme.io');",
    "const socket = new WebSocket(`ws://${location.host}/ws`);",
    // http:// strings that are not requests.
    "const SVG_NS = 'http://www.w3.org/2000/svg';\ndocument.createElementNS(SVG_NS, 'svg');",
    "console.log(`Listening on http://localhost:${PORT}`);",
    "export const docsLink = 'See http://legacy.acme.io/docs for the old API';",
  ],
  invalid: [
    {
      code: "const res = await fetch('http://api.openweathermap.org/data/2.5/weather?q=' + city + '&appid=' + API_KEY);",
      errors: [
        {
          line: 1,
          column: 25,
          confidence: 'high',
          message: /fetch\(\) talks to api\.openweathermap\.org over unencrypted http:\/\/.*including the credentials/,
          fixes: [
            {
              safety: 'review',
              title: /must accept TLS/,
              output: "const res = await fetch('https://api.openweathermap.org/data/2.5/weather?q=' + city + '&appid=' + API_KEY);",
            },
          ],
        },
      ],
    },
    {
      code: "import axios from 'axios';\nexport const payments = axios.create({\n  baseURL: 'http://payments.acme-partner.com/v2',\n  timeout: 5000,\n});",
      errors: [
        {
          line: 3,
          column: 12,
          endColumn: 49,
          confidence: 'medium',
          fixes: [{ safety: 'review', output: "import axios from 'axios';\nexport const payments = axios.create({\n  baseURL: 'https://payments.acme-partner.com/v2',\n  timeout: 5000,\n});" }],
        },
      ],
    },
    {
      code: "import WebSocket from 'ws';\nexport const feed = new WebSocket('ws://stream.acme-partner.com/prices');",
      errors: [
        {
          line: 2,
          column: 35,
          confidence: 'medium',
          message: /The WebSocket talks to stream\.acme-partner\.com over unencrypted ws:\/\//,
          fixes: [{ safety: 'review', title: /wss:\/\//, output: "import WebSocket from 'ws';\nexport const feed = new WebSocket('wss://stream.acme-partner.com/prices');" }],
        },
      ],
    },
    {
      code: "import { io } from 'socket.io-client';\nconst socket = io(`http://realtime.acme.io:3000`, { transports: ['websocket'] });",
      errors: [{ line: 2, column: 19, confidence: 'medium', fixes: [{ safety: 'review', output: "import { io } from 'socket.io-client';\nconst socket = io(`https://realtime.acme.io:3000`, { transports: ['websocket'] });" }] }],
    },
    {
      // A base URL held in a constant: reported where it is used, with no in-place fix.
      code: [
        "const API_URL = 'http://api.acme.io';",
        'export async function getUsers(token: string) {',
        '  const res = await fetch(`${API_URL}/users`, { headers: { Authorization: `Bearer ${token}` } });',
        '  return res.json();',
        '}',
      ].join('\n'),
      errors: [{ line: 3, column: 27, confidence: 'high' }],
    },
    {
      code: "export async function login(username, password) {\n  return fetch('http://auth.acme-partner.com/oauth/token', { method: 'POST', body: JSON.stringify({ username, password }) });\n}",
      errors: [{ line: 2, column: 16, confidence: 'high', fixes: [{ safety: 'review', output: "export async function login(username, password) {\n  return fetch('https://auth.acme-partner.com/oauth/token', { method: 'POST', body: JSON.stringify({ username, password }) });\n}" }] }],
    },
    {
      // node's http module: switching the scheme alone would throw, so no fix.
      code: "import http from 'node:http';\nhttp.get('http://203.0.113.10/status', (res) => res.resume());",
      errors: [{ line: 2, column: 10, confidence: 'medium' }],
    },
    {
      code: "const http = require('http');\nconst req = http.request({ hostname: 'legacy-billing.acme.com', path: '/invoices', method: 'POST' });",
      errors: [{ line: 2, column: 38, confidence: 'medium', message: /legacy-billing\.acme\.com/ }],
    },
    {
      code: "import mqtt from 'mqtt';\nconst client = mqtt.connect('mqtt://broker.hivemq.com');",
      errors: [{ line: 2, column: 29, confidence: 'medium', message: /mqtt:\/\// }],
    },
    {
      // Stripe documents that API calls over plain HTTP fail: the call cannot work today, so https:// is safe.
      code: "const res = await fetch('http://api.stripe.com/v1/charges', { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body });",
      errors: [
        {
          line: 1,
          column: 25,
          confidence: 'high',
          fixes: [
            {
              safety: 'safe',
              title: /^Use https:\/\/ \(safe: api\.stripe\.com does not serve its API over plain HTTP/,
              output: "const res = await fetch('https://api.stripe.com/v1/charges', { method: 'POST', headers: { Authorization: `Bearer ${key}` }, body });",
            },
          ],
        },
      ],
    },
    {
      code: "import axios from 'axios';\nexport const mollie = axios.create({ baseURL: `http://API.mollie.com/v2` });",
      errors: [{ line: 2, column: 47, fixes: [{ safety: 'safe', title: /api\.mollie\.com/, output: "import axios from 'axios';\nexport const mollie = axios.create({ baseURL: `https://API.mollie.com/v2` });" }] }],
    },
    {
      // An explicit port would be kept with the new scheme (TLS on port 80): review.
      code: "await fetch('http://api.stripe.com:80/v1/balance');",
      errors: [{ line: 1, column: 13, fixes: [{ safety: 'review', title: /must accept TLS/, output: "await fetch('https://api.stripe.com:80/v1/balance');" }] }],
    },
    {
      // Another Stripe host the API reference says nothing about, and a WebSocket: review.
      code: "await fetch('http://files.stripe.com/v1/files');\nconst feed = new WebSocket('ws://api.stripe.com/stream');",
      errors: [
        { line: 1, column: 13, fixes: [{ safety: 'review', output: "await fetch('https://files.stripe.com/v1/files');\nconst feed = new WebSocket('ws://api.stripe.com/stream');" }] },
        { line: 2, column: 28, fixes: [{ safety: 'review', output: "await fetch('http://files.stripe.com/v1/files');\nconst feed = new WebSocket('wss://api.stripe.com/stream');" }] },
      ],
    },
    {
      code: "const xhr = new XMLHttpRequest();\nxhr.open('GET', 'http://api.acme.io/v1/me');",
      errors: [{ line: 2, column: 17, confidence: 'medium', fixes: [{ safety: 'review', output: "const xhr = new XMLHttpRequest();\nxhr.open('GET', 'https://api.acme.io/v1/me');" }] }],
    },
  ],
});
