import https from 'node:https';
import tls from 'node:tls';
import fs from 'node:fs';
import axios from 'axios';
import WebSocket from 'ws';
import { Client } from 'pg';

const insecureAgent = new https.Agent({ rejectUnauthorized: false }); // expect: tls-verification-disabled
const internalAgent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem') }); // safe
const envAgent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === 'production' }); // safe

export const paymentsClient = axios.create({
  baseURL: 'http://payments.acme-partner.com/v2', // expect: plaintext-transport
  httpsAgent: insecureAgent,
  timeout: 5000,
});

export const metricsClient = axios.create({ baseURL: 'http://localhost:9090' }); // safe
export const internalClient = axios.create({ baseURL: 'https://billing.internal.acme.io', httpsAgent: internalAgent }); // safe
export const envClient = axios.create({ baseURL: process.env.API_BASE_URL, httpsAgent: envAgent }); // safe

export async function login(username: string, password: string) {
  return fetch('http://auth.acme-partner.com/oauth/token', { method: 'POST', body: JSON.stringify({ username, password }) }); // expect: plaintext-transport
}

export function openFeed(): WebSocket {
  return new WebSocket('ws://stream.acme-partner.com/prices'); // expect: plaintext-transport
}

export function openLocalFeed(): WebSocket {
  return new WebSocket('ws://127.0.0.1:8081/dev'); // safe
}

export function openSecureFeed(): WebSocket {
  return new WebSocket('wss://stream.acme-partner.com/prices'); // safe
}

export function connectLegacy(host: string) {
  return tls.connect({ host, port: 8443, minVersion: 'TLSv1' }); // expect: insecure-tls-version
}

export function connectModern(host: string) {
  return tls.connect({ host, port: 8443, minVersion: 'TLSv1.2' }); // safe
}

export const legacyServerOptions = {
  key: fs.readFileSync('server.key'),
  cert: fs.readFileSync('server.crt'),
  secureProtocol: 'TLSv1_method', // expect: insecure-tls-version
};

export const db = new Client({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false }, // expect: tls-verification-disabled
});

export const SVG_NS = 'http://www.w3.org/2000/svg'; // safe
export const METADATA_URL = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'; // safe
