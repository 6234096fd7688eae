import { xxe } from '../../../src/core/rules/xxe';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const ENTITIES = /expands external entities, so a crafted document can read local files/;
const DTD = /loads the external DTD a document names/;

const upload = lines(
  "const libxmljs = require('libxmljs');",
  '',
  "app.post('/import', (req, res) => {",
  '  const doc = libxmljs.parseXml(req.body.xml, { noent: true, noblanks: true });',
  "  res.json({ title: doc.get('//title').text() });",
  '});',
);
const helper = lines(
  "import { parseXmlString } from 'libxmljs2';",
  '',
  'export function readInvoice(xml: string) {',
  '  const doc = parseXmlString(xml, { noent: true, dtdload: true });',
  "  return doc.root()?.attr('id')?.value();",
  '}',
);
const koaUpload = lines(
  "import libxmljs from 'libxmljs';",
  "router.post('/feeds', async (ctx) => {",
  '  const doc = libxmljs.parseXml(ctx.request.body.feed, { replaceEntities: true });',
  "  ctx.body = doc.find('//item').length;",
  '});',
);
const dtdOptions = lines(
  "const libxml = require('libxmljs2');",
  'const PARSE_OPTIONS = { dtdvalid: true, nonet: true };',
  "router.post('/orders', (req, res) => {",
  '  const doc = libxml.parseXml(req.body, PARSE_OPTIONS);',
  '  res.sendStatus(doc.validationErrors.length ? 400 : 204);',
  '});',
);

testRule(xxe, {
  valid: [
    // libxmljs defaults do not expand external entities.
    "const libxmljs = require('libxmljs');\napp.post('/x', (req, res) => res.json(libxmljs.parseXml(req.body.xml).root().name()));",
    // Explicitly off, and other options only.
    "import libxmljs from 'libxmljs';\nexport const parse = (xml: string) => libxmljs.parseXml(xml, { noent: false, noblanks: true, nonet: true });",
    // A constant document (nothing attacker-controlled to expand).
    "import libxmljs from 'libxmljs';\nconst doc = libxmljs.parseXml('<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>', { noent: true });",
    // Parsers that never load external entities.
    "import { parseStringPromise } from 'xml2js';\napp.post('/x', async (req, res) => res.json(await parseStringPromise(req.body, { explicitArray: false })));",
    "import { XMLParser } from 'fast-xml-parser';\nconst parser = new XMLParser({ processEntities: true, ignoreAttributes: false });\nexport const read = (xml: string) => parser.parse(xml);",
    "import { DOMParser } from '@xmldom/xmldom';\nexport const read = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');",
    // Options of unknown content.
    "import libxmljs from 'libxmljs';\nexport const parse = (xml: string, options: ParseOptions) => libxmljs.parseXml(xml, options);",
    // An unrelated parseXml with a noent option.
    "import { parseXml } from './xml';\nexport const parse = (xml: string) => parseXml(xml, { noent: true });",
    // HTML parsing.
    "import libxmljs from 'libxmljs';\nconst doc = libxmljs.parseHtml(req.body.html, { noent: true });",
  ],
  invalid: [
    {
      code: upload,
      filename: 'server.js',
      errors: [{
        line: 4, column: 49, endColumn: 60, confidence: 'high', message: ENTITIES,
        fixes: [{ safety: 'review', title: /^Turn off entity expansion \(review: /, output: upload.replace('noent: true', 'noent: false') }],
      }],
    },
    {
      code: helper,
      errors: [{
        line: 4, column: 37, endColumn: 48, confidence: 'medium', message: ENTITIES,
        fixes: [{
          safety: 'review',
          title: /^Turn off entity expansion and DTD loading \(review: /,
          output: helper.replace('noent: true, dtdload: true', 'noent: false, dtdload: false'),
        }],
      }],
    },
    {
      code: koaUpload,
      errors: [{
        line: 3, column: 58, endColumn: 79, confidence: 'high', message: /^Parsing XML with replaceEntities: true expands external entities/,
        fixes: [{ safety: 'review', output: koaUpload.replace('replaceEntities: true', 'replaceEntities: false') }],
      }],
    },
    // Options in a constant: reported where the option is written.
    {
      code: dtdOptions,
      filename: 'orders.js',
      errors: [{
        line: 2, column: 25, endColumn: 39, confidence: 'medium', message: DTD,
        fixes: [{ safety: 'review', title: /^Turn off DTD loading \(review: /, output: dtdOptions.replace('dtdvalid: true', 'dtdvalid: false') }],
      }],
    },
    // Flags from the libxmljs 1.x API: no literal to flip.
    {
      code: lines(
        "import { parseXml, XMLParseFlags } from 'libxmljs';",
        "app.post('/svg', (req, res) => {",
        '  const doc = parseXml(req.body.svg, { flags: [XMLParseFlags.XML_PARSE_NOENT] });',
        '  res.type("svg").send(doc.toString());',
        '});',
      ),
      errors: [{ line: 3, column: 48, endColumn: 77, confidence: 'high', message: /^Parsing XML with XMLParseFlags\.XML_PARSE_NOENT expands external entities/ }],
    },
    {
      code: "const libxmljs = require('libxmljs');\nexports.handler = async (event) => libxmljs.parseXmlString(event.body, { dtdload: true });",
      filename: 'lambda.js',
      // API Gateway's event.body is request input, so the DTD load is fed by the caller.
      errors: [{ line: 2, column: 74, endColumn: 87, confidence: 'medium', message: DTD, fixes: [{ safety: 'review', output: "const libxmljs = require('libxmljs');\nexports.handler = async (event) => libxmljs.parseXmlString(event.body, { dtdload: false });" }] }],
    },
    // An uploaded file's buffer (multer).
    {
      code: lines(
        "import libxmljs from 'libxmljs2';",
        "app.post('/upload', upload.single('file'), (req, res) => {",
        "  const xml = req.file.buffer.toString('utf8');",
        '  const doc = libxmljs.parseXml(xml, { noent: true });',
        '  res.json({ root: doc.root().name() });',
        '});',
      ),
      errors: [{
        line: 4, column: 40, endColumn: 51, confidence: 'high', message: ENTITIES,
        fixes: [{ safety: 'review', output: lines(
          "import libxmljs from 'libxmljs2';",
          "app.post('/upload', upload.single('file'), (req, res) => {",
          "  const xml = req.file.buffer.toString('utf8');",
          '  const doc = libxmljs.parseXml(xml, { noent: false });',
          '  res.json({ root: doc.root().name() });',
          '});',
        ) }],
      }],
    },
    {
      code: "import * as libxmljs from 'libxmljs';\nexport async function load(xml: string) {\n  return libxmljs.parseXmlAsync(xml, { noent: true, dtdattr: true });\n}",
      errors: [{ line: 3, column: 40, endColumn: 51, confidence: 'medium', message: ENTITIES, fixes: [{ safety: 'review', output: "import * as libxmljs from 'libxmljs';\nexport async function load(xml: string) {\n  return libxmljs.parseXmlAsync(xml, { noent: false, dtdattr: false });\n}" }] }],
    },
  ],
});
