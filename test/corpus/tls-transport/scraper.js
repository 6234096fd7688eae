const request = require('request');
const puppeteer = require('puppeteer');
const https = require('https');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: tls-verification-disabled

function fetchPage(url, done) {
  request({ url, strictSSL: false, timeout: 10000 }, done); // expect: tls-verification-disabled
}

async function screenshot(url) {
  const browser = await puppeteer.launch({ ignoreHTTPSErrors: true }); // expect: tls-verification-disabled
  const page = await browser.newPage();
  await page.goto(url);
  return page.screenshot();
}

function ping() {
  return new Promise((resolve) => https.get('https://status.acme.io/health', (res) => resolve(res.statusCode))); // safe
}

function restoreTls() {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1'; // safe
}

const options = {
  hostname: 'api.acme.io',
  port: 443,
  secureOptions: 0,
  minVersion: 'TLSv1.2', // safe
  maxVersion: 'TLSv1.3', // safe
};

const legacy = https.request({ hostname: 'legacy.acme.io', secureProtocol: 'SSLv3_method' }); // expect: insecure-tls-version

module.exports = { fetchPage, screenshot, ping, restoreTls, options, legacy };
