// Taint-lite: sources, propagation, sanitizers and guards, checked through what the engine reports.
import { strict as assert } from 'node:assert';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ScopeStack } from '../../src/core/bindings';
import { Taint } from '../../src/core/taint';

/** Evaluates the last expression statement of a snippet after declaring the snippet's top-level bindings. */
function originOf(code: string): string {
  const program = parse(code, { range: true, jsx: true });
  const scopes = new ScopeStack();
  const taint = new Taint(scopes);
  let last: TSESTree.Expression | undefined;
  for (const statement of program.body) {
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) {
        if (declarator.init && scopes.declareRequire(declarator.id, declarator.init)) continue;
        taint.declarePattern(declarator.id, taint.evaluate(declarator.init));
      }
    } else if (statement.type === 'ImportDeclaration') {
      scopes.declareImport(statement);
    } else if (statement.type === 'IfStatement') {
      taint.markValidated(statement.test);
    } else if (statement.type === 'ExpressionStatement') {
      last = statement.expression;
    }
  }
  return taint.evaluate(last).kind;
}

describe('taint-lite', () => {
  const cases: [string, string][] = [
    ['location.hash', 'tainted'],
    ['window.location.search', 'tainted'],
    ['document.referrer', 'tainted'],
    ['location.origin', 'constant'],
    ['window.location.hostname', 'constant'],
    ['process.argv[2]', 'tainted'],
    ['process.argv.slice(2).join(" ")', 'tainted'],
    ['new URLSearchParams(location.search).get("next")', 'tainted'],
    ['const q = location.search; `a${q}b`', 'tainted'],
    ['const q = location.search; "x" + q.trim().toLowerCase()', 'tainted'],
    ['const q = location.search; q.length', 'constant'],
    ['const q = location.search; q.includes("x")', 'constant'],
    ['const q = location.search; Number(q)', 'constant'],
    ['const q = location.search; encodeURIComponent(q)', 'constant'],
    ['const q = location.search; DOMPurify.sanitize(q)', 'constant'],
    ['const q = location.search; path.basename(q)', 'constant'],
    ['const q = location.search; path.join("/srv", q)', 'tainted'],
    ['const { a, b: { c } } = { a: location.hash, b: { c: 1 } }; a', 'tainted'],
    ['const q = location.search; q ? q : "/"', 'tainted'],
    ['"a" + "b"', 'constant'],
    ['`${1 + 2}px`', 'constant'],
    ['someValue', 'unknown'],
    ['fetchUser(location.hash)', 'unknown'],
    ['const next = location.hash; if (ALLOWED.includes(next)) {} next', 'constant'],
    ['const next = location.hash; if (next === "/home") {} next', 'constant'],
    ['const next = location.hash; if (next === "") {} next', 'tainted'],
    ['const next = location.hash; if (!next || next === undefined) {} next', 'tainted'],
    ['const next = location.hash; if (isSafeRedirect(next)) {} next', 'constant'],
    // Member paths checked in an `if`, like variables: presence checks do not count.
    ['if (!ALLOWED.includes(location.hash)) {} location.hash', 'constant'],
    ['if (location.hash === "#top") {} `${location.hash}/`', 'constant'],
    ['if (isSafeRedirect(window.location.search)) {} window.location.search', 'constant'],
    ['if (ALLOWED.includes(location.hash)) {} location.search', 'tainted'],
    ['if (location.hash === "") {} location.hash', 'tainted'],
    ['if (location.hash == null || location.hash === 0) {} location.hash', 'tainted'],
    // A conditional's branch sees what its test checked; the other branch and the code after do not.
    ['const q = location.search; ALLOWED.includes(q) ? q : "/"', 'constant'],
    ['ALLOWED.has(location.hash) ? `#${location.hash}` : "#top"', 'constant'],
    ['const q = location.search; !ALLOWED.includes(q) ? "/" : q', 'constant'],
    ['const q = location.search; q && q === "/home" ? q : "/"', 'constant'],
    ['const q = location.search; ALLOWED.includes(q) ? "/" : q', 'tainted'],
    ['const q = location.search; q !== "/home" ? q : "/"', 'tainted'],
    ['const q = location.search; q === "" ? "/" : q', 'tainted'],
    ['const q = location.search; q || ALLOWED.includes(q) ? q : "/"', 'tainted'],
    ['const q = location.search; (ALLOWED.includes(q) ? q : "/") + q', 'tainted'],
    // Mapping through a sanitizer leaves no input text; String only converts it.
    ['process.argv.slice(2).map(Number)', 'constant'],
    ['process.argv.slice(2).map(parseInt)', 'constant'],
    ['process.argv.slice(2).map(Number.parseFloat)', 'constant'],
    ['process.argv.slice(2).map(String)', 'tainted'],
    ['process.argv.slice(2).map((arg) => arg)', 'tainted'],
  ];
  for (const [code, expected] of cases) {
    it(`${code} is ${expected}`, () => assert.equal(originOf(code), expected));
  }
});

describe('taint-lite sources in framework handlers', () => {
  // Through the engine, with code-injection as the sink, to check parameters are declared as sources.
  // eslint-style table: [code, expected confidence of the code-injection finding]
  const { analyze } = require('../../src/core/engine') as typeof import('../../src/core/engine');
  const cases: [string, string | undefined][] = [
    ['app.post("/x", (req, res) => { eval(req.body.code); });', 'high'],
    ['router.get("/x", async (ctx) => { eval(ctx.request.body.code); });', 'high'],
    ['fastify.get("/x", async (request, reply) => { eval(request.query.code); });', 'high'],
    ['export async function loader({ request }) { const url = new URL(request.url); eval(url.searchParams.get("c")); }', 'high'],
    ['export default function Page({ searchParams }) { eval(searchParams.code); }', 'high'],
    ['class C { run(@Body() dto: Dto) { eval(dto.code); } }', 'high'],
    ['window.addEventListener("message", (event) => { eval(event.data); });', 'high'],
    ['router.post("/x", async (ctx, next) => { eval(String(ctx.query.code)); await next(); });', 'high'],
    ['app.get("/x", (c) => { eval(c.req.query("code")); return c.text("ok"); });', 'high'],
    ['app.post("/x", async (c) => { const body = await c.req.json(); eval(body.code); });', 'high'],
    ['export async function GET(request: NextRequest) { eval(request.nextUrl.searchParams.get("c")); }', 'high'],
    ['export async function GET(request: Request, { params }) { eval(params.code); }', 'high'],
    ['export const handler = async (event) => { eval(JSON.parse(event.body).code); };', 'high'],
    ['exports.handler = async (event, context) => { eval(event.queryStringParameters.code); };', 'high'],
    ['eval(localStorage.getItem("snippet"));', 'high'],
    ['export async function GET(request: NextRequest) { eval(request.nextUrl.origin); }', 'medium'],
    ['const clickHandler = (event) => { eval(event.target.value); };', 'medium'],
    ['export default function handler(req, res) { eval(req.query.code); }', 'high'],
    ['export default async function handler(request, response) { eval(request.body.code); }', 'high'],
    ['ipcMain.handle("run", (event, code) => { eval(code); });', 'high'],
    ['function helper(options) { eval(options.code); }', 'medium'],
    ['app.post("/x", (req, res) => { eval(req.method); });', 'medium'],
    // A member path checked in an `if` holds in that function and those it encloses, not in its siblings.
    ['app.post("/x", (req, res) => { if (!ALLOWED.includes(req.body.code)) return; eval(req.body.code); });', undefined],
    ['app.post("/x", (req, res) => { if (!ALLOWED.includes(req.body.code)) return; setTimeout(() => eval(req.body.code)); });', undefined],
    ['app.post("/x", (req, res) => { if (!req.body.code) return; eval(req.body.code); });', 'high'],
    ['app.post("/a", (req) => { if (!ALLOWED.includes(req.body.code)) throw 1; }); app.post("/b", (req, res) => { eval(req.body.code); });', 'high'],
  ];
  for (const [code, confidence] of cases) {
    it(code, () => {
      const findings = analyze(code, 'x.ts').findings.filter((finding) => finding.ruleId === 'code-injection');
      assert.deepEqual(findings.map((finding) => finding.confidence), confidence ? [confidence] : []);
    });
  }
});
