const express = require('express');
const libxmljs = require('libxmljs');
const xml2js = require('xml2js');
const { XMLParser } = require('fast-xml-parser');
const serialize = require('node-serialize');
const yaml = require('js-yaml');
const YAML = require('yaml');
const v8 = require('v8');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/yaml'] }));

app.post('/api/import/xml', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, dtdload: true }); // expect: xxe
  res.json({ items: doc.find('//item').length });
});

app.post('/api/import/xml/v2', (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true }); // safe
  res.json({ items: doc.find('//item').length });
});

app.post('/api/import/xml2js', async (req, res) => {
  const parsed = await xml2js.parseStringPromise(req.body, { explicitArray: false }); // safe
  res.json(parsed);
});

app.post('/api/import/fast', (req, res) => {
  const parser = new XMLParser({ ignoreAttributes: false });
  res.json(parser.parse(req.body)); // safe
});

app.get('/api/profile', (req, res) => {
  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString()); // expect: unsafe-deserialization
  res.json({ name: profile.name });
});

app.post('/api/config', (req, res) => {
  const config = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA }); // expect: unsafe-deserialization
  res.json(config);
});

app.post('/api/config/v2', (req, res) => {
  const config = YAML.parse(req.body); // safe
  res.json(config);
});

app.post('/api/config/v3', (req, res) => {
  const config = yaml.load(req.body, { schema: yaml.JSON_SCHEMA }); // safe
  res.json(config);
});

app.post('/api/state', express.raw({ type: 'application/octet-stream' }), (req, res) => {
  const state = v8.deserialize(req.body); // expect: unsafe-deserialization
  res.json({ keys: Object.keys(state) });
});

app.post('/api/state/json', express.json(), (req, res) => {
  const state = JSON.parse(JSON.stringify(req.body)); // safe
  res.json({ keys: Object.keys(state) });
});

module.exports = app;
