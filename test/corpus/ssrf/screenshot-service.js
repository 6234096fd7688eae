const express = require('express');
const puppeteer = require('puppeteer');
const http = require('http');

const app = express();
app.use(express.json());

app.post('/screenshot', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(req.body.url, { waitUntil: 'networkidle0' }); // expect: ssrf
  const png = await page.screenshot();
  await browser.close();
  res.type('image/png').send(png);
});

app.get('/health/:service', (req, res) => {
  http.get({ hostname: req.params.service, port: 8080, path: '/health' }, (upstream) => { // expect: ssrf
    res.sendStatus(upstream.statusCode === 200 ? 200 : 503);
  });
});

app.get('/status', (req, res) => {
  http.get({ hostname: 'localhost', port: 9090, path: `/metrics?job=${encodeURIComponent(req.query.job)}` }, (upstream) => { // safe
    upstream.pipe(res);
  });
});

app.listen(4000);
