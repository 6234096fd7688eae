// context.declaration: how a name got its value, as the engine's scopes tell a rule at the node it visits.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/core/engine';
import { RULES } from '../../src/core/rules';
import type { Rule } from '../../src/core/rule';

interface Described {
  pieces: string[];
  nonTextType: boolean;
  container?: string;
  init?: string;
}

/** Reports what `context.declaration(name)` gives at each `probe(name)`, as source text. */
const seen: (Described | undefined)[] = [];
const probe: Rule = {
  meta: { id: 'zz-probe', category: 'meta', title: 'probe', description: 'Test probe for context.declaration.', severity: 'info', cwe: [], fixable: false },
  visitors: {
    CallExpression: (node, context) => {
      const [argument] = node.arguments;
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'probe' || argument?.type !== 'Identifier') return;
      const declared = context.declaration(argument.name);
      seen.push(declared && {
        pieces: declared.pieces.map(context.source),
        nonTextType: declared.nonTextType,
        ...(declared.container && { container: context.source(declared.container) }),
        ...(declared.init && { init: context.source(declared.init) }),
      });
    },
  },
};

describe('context.declaration', () => {
  // The registry is the engine's only source of rules: the probe joins it for these tests alone.
  before(() => (RULES as Rule[]).push(probe));
  after(() => (RULES as Rule[]).splice(RULES.indexOf(probe), 1));

  const cases: [string, Described | undefined][] = [
    ["let cmd = 'ls ' + dir; cmd += ' -la'; probe(cmd);", { pieces: ["'ls ' + dir", "' -la'"], nonTextType: false }],
    ["let cmd = 'ls'; cmd += x; cmd = other; probe(cmd);", { pieces: ['other'], nonTextType: false }],
    ['const run = promisify(exec); probe(run);', { pieces: ['promisify(exec)'], nonTextType: false, init: 'promisify(exec)' }],
    ['function f(port: number, mode: "a" | "b" | 1) { probe(port); probe(mode); }', { pieces: [], nonTextType: true }],
    ['function f(name: string | number) { probe(name); }', { pieces: [], nonTextType: false }],
    ['const { user: { id } } = req; probe(id);', { pieces: [], nonTextType: false, container: 'req' }],
    ['for (const [name, file] of Object.entries(FILES)) probe(file);', { pieces: [], nonTextType: false, container: 'Object.entries(FILES)' }],
    ["const x = 'outer'; function f() { const x = 'inner'; probe(x); }", { pieces: ["'inner'"], nonTextType: false, init: "'inner'" }],
    ["const x = 'outer'; function f() { const x = 'inner'; } probe(x);", { pieces: ["'outer'"], nonTextType: false, init: "'outer'" }],
    ["let x = 'a'; const f = () => { x = 'b'; }; probe(x);", { pieces: ["'b'"], nonTextType: false }],
    ['probe(undeclared);', undefined],
  ];
  for (const [code, expected] of cases) {
    it(code, () => {
      seen.length = 0;
      analyze(code, 'x.ts');
      assert.ok(seen.length > 0, 'probe reached');
      for (const described of seen) assert.deepEqual(described, expected);
    });
  }
});

/** Reports what `context.importedName(argument)` gives at each `probeImport(argument)`. */
const imported: (string | undefined)[] = [];
const importProbe: Rule = {
  meta: { id: 'zz-probe-import', category: 'meta', title: 'probe', description: 'Test probe for context.importedName.', severity: 'info', cwe: [], fixable: false },
  visitors: {
    CallExpression: (node, context) => {
      const [argument] = node.arguments;
      if (node.callee.type !== 'Identifier' || node.callee.name !== 'probeImport' || !argument || argument.type === 'SpreadElement') return;
      imported.push(context.importedName(argument));
    },
  },
};

describe('context.importedName', () => {
  before(() => (RULES as Rule[]).push(importProbe));
  after(() => (RULES as Rule[]).splice(RULES.indexOf(importProbe), 1));

  const cases: [string, string | undefined][] = [
    ["import cors from 'cors'; probeImport(cors);", 'cors'],
    ["import * as jose from 'jose'; probeImport(jose.jwtVerify);", 'jose.jwtVerify'],
    ["import { json as parseJson } from 'express'; probeImport(parseJson);", 'express.json'],
    ["const { compare } = require('bcryptjs'); probeImport(compare);", 'bcryptjs.compare'],
    ["import { webcrypto } from 'node:crypto'; probeImport(webcrypto.subtle.verify);", 'crypto.webcrypto.subtle.verify'],
    ["probeImport(require('compression'));", 'compression'],
    // Not imports: a global, a parameter that shadows an import, a local, a re-assigned import.
    ['probeImport(crypto.subtle.verify);', undefined],
    ["import helmet from 'helmet'; function f(helmet) { probeImport(helmet); }", undefined],
    ['const bcrypt = makeHasher(); probeImport(bcrypt.compare);', undefined],
    ["let cors = require('cors'); cors = cors(); probeImport(cors);", undefined],
  ];
  for (const [code, expected] of cases) {
    it(code, () => {
      imported.length = 0;
      analyze(code, 'x.ts');
      assert.deepEqual(imported, [expected]);
    });
  }
});
