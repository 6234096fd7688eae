import { prototypePollution } from '../../../src/core/rules/prototype-pollution';
import { testRule } from '../../helpers/rule-tester';

testRule(prototypePollution, {
  valid: [
    // Keys checked against an allow-list.
    [
      "const ALLOWED_SETTINGS = ['theme', 'language', 'timezone'];",
      "router.post('/settings/v2', (req, res) => {",
      '  const { key, value } = req.body;',
      "  if (!ALLOWED_SETTINGS.includes(key)) return res.status(400).json({ error: 'unknown setting' });",
      '  req.session.settings[key] = String(value);',
      '  res.json(req.session.settings);',
      '});',
    ].join('\n'),
    // No prototype, or a Map: "__proto__" is an ordinary key there.
    "router.post('/settings/v4', (req, res) => {\n  const store = Object.create(null);\n  store[req.body.key] = req.body.value;\n  res.json(store);\n});",
    "router.post('/settings/v3', (req, res) => {\n  const prefs = new Map(Object.entries(req.body));\n  prefs.set(req.body.key, req.body.value);\n  res.json(Object.fromEntries(prefs));\n});",
    // Counting: a number written under "__proto__" is ignored.
    "export function countTags(req: Request, res: Response) {\n  const counts: Record<string, number> = {};\n  for (const tag of req.body.tags as string[]) counts[tag] = (counts[tag] ?? 0) + 1;\n  res.json(counts);\n}",
    // A fixed prefix: the key can never be "__proto__".
    "app.post('/labels', (req, res) => {\n  const labels = {};\n  labels[`label_${req.body.key}`] = req.body.value;\n  res.json(labels);\n});",
    // Merge utilities that skip dangerous keys.
    [
      'function deepMerge(target, source) {',
      '  for (const key of Object.keys(source)) {',
      "    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;",
      "    if (typeof source[key] === 'object') target[key] = deepMerge(target[key] || {}, source[key]);",
      '    else target[key] = source[key];',
      '  }',
      '  return target;',
      '}',
    ].join('\n'),
    [
      'function merge(target, source) {',
      '  for (const key in source) {',
      '    if (!Object.prototype.hasOwnProperty.call(target, key) && key in Object.prototype) continue;',
      "    if (typeof source[key] === 'object') merge(target[key], source[key]);",
      '    else target[key] = source[key];',
      '  }',
      '}',
    ].join('\n'),
    // A recursive merge that builds a fresh result only replaces that result's own prototype.
    [
      'function mergeDeep(config1, config2) {',
      '  const target = {};',
      '  Object.assign(target, config1);',
      '  for (const key of Object.keys(config2)) {',
      '    if (isObject(config2[key]) && isObject(target[key])) target[key] = mergeDeep(config1[key], config2[key]);',
      '    else target[key] = config2[key];',
      '  }',
      '  return target;',
      '}',
    ].join('\n'),
    // Set-by-path with the keys checked.
    [
      "const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);",
      'export function setPath(target: Record<string, any>, path: string, value: unknown): void {',
      "  const keys = path.split('.');",
      '  let current = target;',
      '  for (const key of keys.slice(0, -1)) {',
      '    if (FORBIDDEN_KEYS.has(key)) throw new Error(`Refusing to set ${path}`);',
      '    current[key] ??= {};',
      '    current = current[key];',
      '  }',
      '}',
    ].join('\n'),
    // Merging picked fields, or constants.
    "import _ from 'lodash';\napp.post('/merge-defaults', (req, res) => {\n  const options = _.merge({}, defaults, _.pick(req.body, ALLOWED_SETTINGS), { name: req.body.name });\n  res.json(options);\n});",
    // Shallow copies cannot reach Object.prototype.
    "app.post('/profile', (req, res) => {\n  const profile = Object.assign({}, defaults, req.body);\n  const copy = { ...req.body };\n  res.json({ profile, copy });\n});",
    // Inheritance set up through __proto__ on a constructor, not a write into a prototype.
    'function Child() {}\nChild.prototype.__proto__ = Parent.prototype;',
    // Headers copied with lower-cased names, values as strings.
    "export function copyHeaders(req: Request): Record<string, string> {\n  const headers: Record<string, string> = {};\n  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = String(value);\n  return headers;\n}",
    // Dates split on '-' are not property paths.
    "export function byMonth(rows: Row[]) {\n  const out: Record<string, Record<string, number>> = {};\n  for (const row of rows) {\n    const [year, month] = row.date.split('-');\n    out[year][month] = row.total;\n  }\n  return out;\n}",
  ],
  invalid: [
    {
      code: "router.post('/settings/:section', (req, res) => {\n  const settings = req.session.settings || {};\n  settings[req.params.section][req.body.key] = req.body.value;\n  res.json(settings);\n});",
      errors: [{
        line: 3,
        column: 3,
        endColumn: 62,
        confidence: 'high',
        message: /This write goes through a key taken from request input \(req\.params\); with the key "__proto__" it lands on Object\.prototype/,
      }],
    },
    {
      code: "const caches: Record<string, Record<string, unknown>> = {};\nexport function putCache(req: Request, res: Response) {\n  caches[req.params.ns] ??= {};\n  caches[req.params.ns][req.params.key] = req.body.value;\n  res.sendStatus(204);\n}",
      errors: [{ line: 4, column: 3, endColumn: 57, confidence: 'high' }],
    },
    {
      // A recursive merge without a key check, and the route that feeds it the body.
      code: [
        'function deepMerge(target, source) {',
        '  for (const key of Object.keys(source)) {',
        "    if (typeof source[key] === 'object' && source[key] !== null) {",
        '      target[key] = deepMerge(target[key] || {}, source[key]);',
        '    } else {',
        '      target[key] = source[key];',
        '    }',
        '  }',
        '  return target;',
        '}',
        "router.post('/settings', (req, res) => {",
        '  res.json(deepMerge(defaults, req.body));',
        '});',
      ].join('\n'),
      errors: [
        { line: 6, column: 7, endColumn: 32, confidence: 'medium', message: /This recursive merge copies every key of its source, "__proto__" and "constructor" included/ },
        { line: 12, column: 12, endColumn: 41, confidence: 'high', message: /deepMerge\(\) is a recursive merge that copies "__proto__" and "constructor" keys, and it receives request input \(req\.body\)/ },
      ],
    },
    {
      code: "import _ from 'lodash';\napp.put('/api/config', (req, res) => {\n  _.merge(config, req.body);\n  res.json(config);\n});",
      errors: [{ line: 3, column: 3, endColumn: 28, confidence: 'medium', message: /_\.merge\(\) deep-merges request input \(req\.body\) into an object/ }],
    },
    {
      code: "const _ = require('lodash');\napp.post('/api/prefs', (req, res) => {\n  _.set(req.session.prefs, req.body.path, req.body.value);\n  res.sendStatus(204);\n});",
      errors: [{ line: 3, column: 3, endColumn: 58, confidence: 'high', message: /_\.set\(\) sets a property path taken from request input \(req\.body\)/ }],
    },
    {
      code: "import deepmerge from 'deepmerge';\nrouter.patch('/theme', async (ctx) => {\n  ctx.state.theme = deepmerge(DEFAULT_THEME, JSON.parse(ctx.request.body.theme));\n});",
      errors: [{ line: 3, column: 21, endColumn: 81, confidence: 'medium', message: /deepmerge\(\)/ }],
    },
    {
      code: "app.post('/widget', (req, res) => {\n  const options = $.extend(true, {}, DEFAULTS, req.body.options);\n  res.json(options);\n});",
      errors: [{ line: 2, column: 19, endColumn: 65, confidence: 'medium', message: /\$\.extend\(\)/ }],
    },
    {
      // A path walk over keys from the request.
      code: [
        "app.post('/api/config', (req, res) => {",
        '  let node = config;',
        "  const parts = String(req.body.path).split('.');",
        '  for (const part of parts.slice(0, -1)) {',
        '    node[part] = node[part] || {};',
        '    node = node[part];',
        '  }',
        '  node[parts[parts.length - 1]] = req.body.value;',
        '  res.json(config);',
        '});',
      ].join('\n'),
      errors: [
        { line: 5, column: 5, endColumn: 34, confidence: 'high', message: /This path walk assigns through keys taken from request input \(req\.body\)/ },
        { line: 8, column: 3, endColumn: 49, confidence: 'high', message: /path walk/ },
      ],
    },
    {
      // Copying the keys of the body onto an object: "__proto__" with an object swaps its prototype.
      code: "app.post('/profile', (req, res) => {\n  const profile = { role: 'user' };\n  for (const key in req.body) profile[key] = req.body[key];\n  res.json({ admin: profile.isAdmin === true });\n});",
      errors: [{ line: 3, column: 31, endColumn: 59, confidence: 'medium', message: /The key of this write comes from request input \(req\.body\); a client can send "__proto__" with an object and replace this object's prototype/ }],
    },
    {
      // A query-string parser splitting "a.b=c" into nested objects.
      code: [
        'export function parseQueryString(qs: string): Record<string, any> {',
        '  const result: Record<string, any> = {};',
        "  for (const pair of qs.split('&')) {",
        "    const [rawKey, rawValue = ''] = pair.split('=');",
        "    const [key, sub] = decodeURIComponent(rawKey).split('.');",
        '    if (sub) {',
        '      result[key] = result[key] || {};',
        '      result[key][sub] = decodeURIComponent(rawValue);',
        '    }',
        '  }',
        '  return result;',
        '}',
      ].join('\n'),
      errors: [{ line: 8, column: 7, endColumn: 54, confidence: 'medium', message: /key split from a dotted string/ }],
    },
    {
      code: "app.post('/debug', (req, res) => {\n  const probe = {};\n  probe.__proto__[req.body.flag] = true;\n  res.end();\n});",
      errors: [{ line: 3, column: 3, endColumn: 40, confidence: 'high', message: /into a shared prototype through __proto__/ }],
    },
    {
      code: "app.post('/bulk', (req, res) => {\n  Object.keys(req.body).forEach((key) => {\n    registry[key][req.body[key].name] = req.body[key].value;\n  });\n  res.end();\n});",
      errors: [{ line: 3, column: 5, endColumn: 60, confidence: 'high' }],
    },
  ],
});
