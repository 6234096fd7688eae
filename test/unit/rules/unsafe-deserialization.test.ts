import { unsafeDeserialization } from '../../../src/core/rules/unsafe-deserialization';
import { testRule } from '../../helpers/rule-tester';

const lines = (...text: string[]): string => text.join('\n');
const NODE_SERIALIZE = /^node-serialize's unserialize\(\) rebuilds functions from the data with eval/;
const FROM_REQUEST = /so this request data can run arbitrary code on the server\.$/;

const cookieProfile = lines(
  "const serialize = require('node-serialize');",
  '',
  "app.get('/dashboard', (req, res) => {",
  "  const profile = serialize.unserialize(Buffer.from(req.cookies.profile, 'base64').toString());",
  "  res.render('dashboard', { name: profile.username });",
  '});',
);
const yamlConfig = lines(
  "const yaml = require('js-yaml');",
  '',
  "app.post('/pipelines', (req, res) => {",
  '  const pipeline = yaml.load(req.body.definition, { schema: yaml.DEFAULT_FULL_SCHEMA });',
  '  res.json(runPipeline(pipeline));',
  '});',
);

testRule(unsafeDeserialization, {
  valid: [
    // serialize-javascript escaping on (the default), constants, options built elsewhere.
    "const serialize = require('serialize-javascript');\napp.get('/', (req, res) => res.send(`<script>window.s = ${serialize(req.query)}</script>`));",
    "import serialize from 'serialize-javascript';\nexport const boot = serialize({ theme: 'dark' }, { unsafe: true });",
    "import serialize from 'serialize-javascript';\nexport const out = (data) => serialize(data, { unsafe: false, space: 2 });",
    // JSON is data only.
    "app.post('/state', (req, res) => { const state = JSON.parse(req.body.state); res.json(state); });",
    // node-serialize's serialize() only writes; unserialize of a constant.
    "const serialize = require('node-serialize');\nconst out = serialize.serialize({ user: 'ada' });\nconst back = serialize.unserialize('{\"user\":\"ada\"}');",
    // js-yaml 4 load() and v3 safeLoad() without JavaScript types.
    "import yaml from 'js-yaml';\napp.post('/import', (req, res) => res.json(yaml.load(req.body.yaml)));",
    "const yaml = require('js-yaml');\nconst doc = yaml.safeLoad(fs.readFileSync('config.yml', 'utf8'), { schema: yaml.DEFAULT_SAFE_SCHEMA });",
    // js-yaml-js-types regexp only: no functions.
    "import yaml from 'js-yaml';\nimport types from 'js-yaml-js-types';\nconst schema = yaml.DEFAULT_SCHEMA.extend([types.regexp]);\nexport const parse = (text: string) => yaml.load(text, { schema });",
    // The yaml package parses data only; serialize-javascript only writes.
    "import YAML from 'yaml';\napp.post('/x', (req, res) => res.json(YAML.parse(req.body)));",
    "import serialize from 'serialize-javascript';\nconst script = `window.__STATE__ = ${serialize(state, { isJSON: true })}`;",
    // BSON without evalFunctions, and with it explicitly off.
    "import { deserialize } from 'bson';\nexport const decode = (buf: Buffer) => deserialize(buf);\nexport const decode2 = (buf: Buffer) => deserialize(buf, { evalFunctions: false });",
    // A method that happens to be called unserialize on another object.
    "import { unserialize } from 'php-serialize';\napp.post('/legacy', (req, res) => res.json(unserialize(req.body.data)));",
  ],
  invalid: [
    {
      code: "const serialize = require('serialize-javascript');\napp.get('/', (req, res) => res.send(`<script>window.s = ${serialize(req.query, { isJSON: true, unsafe: true })}</script>`));",
      errors: [{
        line: 2, column: 96, confidence: 'high', message: /^serialize-javascript with unsafe: true leaves <, > and \/ unescaped/,
        fixes: [{ safety: 'safe', title: /^Remove unsafe: true \(safe: /, output: "const serialize = require('serialize-javascript');\napp.get('/', (req, res) => res.send(`<script>window.s = ${serialize(req.query, { isJSON: true })}</script>`));" }],
      }],
    },
    {
      code: "import serialize from 'serialize-javascript';\nexport const page = (state) => `<script>window.__STATE__ = ${serialize(state, { unsafe: true, space: 0 })}</script>`;",
      errors: [{
        line: 2, column: 81, confidence: 'medium',
        fixes: [{ safety: 'safe', output: "import serialize from 'serialize-javascript';\nexport const page = (state) => `<script>window.__STATE__ = ${serialize(state, { space: 0 })}</script>`;" }],
      }],
    },
    {
      code: cookieProfile,
      filename: 'app.js',
      errors: [{ line: 4, column: 19, endColumn: 95, confidence: 'high', message: NODE_SERIALIZE }],
    },
    {
      code: yamlConfig,
      filename: 'routes.js',
      errors: [{
        line: 4, column: 20, endColumn: 88, confidence: 'high', message: /^js-yaml's load\(\) with the JavaScript types/,
        fixes: [{
          safety: 'review',
          title: /^Use DEFAULT_SAFE_SCHEMA \(review: documents with !!js\/function/,
          output: yamlConfig.replace('yaml.DEFAULT_FULL_SCHEMA', 'yaml.DEFAULT_SAFE_SCHEMA'),
        }],
      }],
    },
    // Data of unknown origin: medium.
    {
      code: lines(
        "import serialize from 'node-serialize';",
        'export function restoreSession(raw: string) {',
        '  return serialize.unserialize(raw);',
        '}',
      ),
      errors: [{ line: 3, column: 10, endColumn: 36, confidence: 'medium', message: /so anyone who can shape this data can run arbitrary code in the process\.$/ }],
    },
    // js-yaml 4 with js-yaml-js-types.
    {
      code: lines(
        "import yaml from 'js-yaml';",
        "import types from 'js-yaml-js-types';",
        'const schema = yaml.DEFAULT_SCHEMA.extend(types.all);',
        "export async function POST(request: Request) {",
        '  const spec = yaml.load(await request.text(), { schema });',
        '  return Response.json(spec);',
        '}',
      ),
      errors: [{ line: 5, column: 16, endColumn: 59, confidence: 'high', message: FROM_REQUEST }],
    },
    {
      code: lines(
        "const { unserialize } = require('node-serialize');",
        "router.post('/import', (req, res) => {",
        '  const data = unserialize(req.body.payload);',
        '  res.json({ imported: Object.keys(data).length });',
        '});',
      ),
      filename: 'import.js',
      errors: [{ line: 3, column: 16, endColumn: 45, confidence: 'high', message: NODE_SERIALIZE }],
    },
    {
      code: "const funcster = require('funcster');\nwss.on('connection', (ws) => ws.on('message', (msg) => {\n  const job = funcster.deepDeserialize(JSON.parse(msg));\n  job.run();\n}));",
      filename: 'worker.js',
      errors: [{ line: 3, column: 15, endColumn: 56, confidence: 'medium', message: /^funcster's deepDeserialize\(\) rebuilds functions/ }],
    },
    {
      code: "import Cryo from 'cryo';\napp.post('/restore', (req, res) => {\n  const graph = Cryo.parse(req.body.graph);\n  res.json(graph);\n});",
      errors: [{ line: 3, column: 17, endColumn: 43, confidence: 'high', message: /^cryo's parse\(\) rebuilds functions/ }],
    },
    {
      code: "import { BSON } from 'bson';\nexport const decode = (buf: Buffer) => BSON.deserialize(buf, { evalFunctions: true, cacheFunctions: true });",
      errors: [{ line: 2, column: 40, endColumn: 108, confidence: 'medium', message: /^BSON deserialize\(\) with evalFunctions: true evaluates the code of stored functions/ }],
    },
    // Options in a constant with loadAll.
    {
      code: lines(
        "const yaml = require('js-yaml');",
        'const OPTIONS = { schema: yaml.DEFAULT_FULL_SCHEMA };',
        "app.post('/bulk', (req, res) => {",
        '  yaml.loadAll(req.body, (doc) => queue.push(doc), OPTIONS);',
        '  res.sendStatus(202);',
        '});',
      ),
      errors: [{ line: 4, column: 3, endColumn: 60, confidence: 'high', message: /^js-yaml's loadAll\(\)/, fixes: [{ safety: 'review', output: lines(
        "const yaml = require('js-yaml');",
        'const OPTIONS = { schema: yaml.DEFAULT_SAFE_SCHEMA };',
        "app.post('/bulk', (req, res) => {",
        '  yaml.loadAll(req.body, (doc) => queue.push(doc), OPTIONS);',
        '  res.sendStatus(202);',
        '});',
      ) }] }],
    },
  ],
});
