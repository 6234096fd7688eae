import { codeInjection } from '../../../src/core/rules/code-injection';
import { testRule } from '../../helpers/rule-tester';

testRule(codeInjection, {
  valid: [
    // page.evaluate with a function (input passed as its argument), a constant script, or outside browser automation.
    "import puppeteer from 'puppeteer';\napp.post('/scrape', async (req, res) => {\n  const page = await (await puppeteer.launch()).newPage();\n  await page.evaluate((s) => document.querySelector(s)?.textContent, req.body.selector);\n  await page.evaluate('document.title');\n});",
    "import { create } from 'mathjs';\napp.post('/calc', (req, res) => res.json(parser.evaluate(req.body.expression)));",
    // Names holding callbacks, or values of unknown origin, are the usual timers.
    "function tick() {}\nsetTimeout(tick, 100);",
    "export function later(callback) {\n  setTimeout(callback, 0);\n  setInterval(this.poll, 1000);\n  setInterval(this.render.bind(this), 80);\n}",
    'eval("1 + 1");',
    'setTimeout(() => refresh(), 1000);',
    'setTimeout(refresh, 1000);',
    'const body = "return a + b"; const add = new Function("a", "b", body);',
    'import vm from "node:vm"; vm.runInNewContext("x + 1", { x: 2 });',
    'const evaluate = (x: string) => x; evaluate(userCode);',
    'app.get("/calc", (req, res) => { const n = Number(req.query.n); res.json(eval(`${n} * 2`)); });',
  ],
  invalid: [
    {
      code: "import { chromium } from 'playwright';\napp.post('/scrape', async (req, res) => {\n  const page = await (await chromium.launch()).newPage();\n  const title = await page.evaluate(`document.querySelector('${req.body.selector}').title`);\n});",
      errors: [{ line: 4, column: 23, confidence: 'high', message: /^evaluate\(\) with a string runs user input as script in the automated browser's page/ }],
    },
    {
      // A name that holds the URL fragment holds a string: the timer evaluates it.
      code: "const hook = window.location.hash.slice(1);\nif (hook) setTimeout(hook, 0);",
      errors: [{ line: 2, column: 11, confidence: 'high', message: /^setTimeout\(\) with a string runs user input as code/ }],
    },
    {
      code: 'app.post("/calc", (req, res) => {\n  const result = eval(req.body.expression);\n  res.json({ result });\n});',
      errors: [{ line: 2, column: 18, endColumn: 43, confidence: 'high', message: /eval\(\) runs user input as code/ }],
    },
    {
      code: 'router.get("/run", async (ctx) => {\n  const { code } = ctx.request.body;\n  ctx.body = new Function(code)();\n});',
      errors: [{ line: 3, column: 14, confidence: 'high', message: /new Function\(\)/ }],
    },
    {
      code: 'const { formula } = req.query;\nsetTimeout("recalc(" + formula + ")", 10);',
      errors: [{ line: 2, column: 1, confidence: 'medium', message: /setTimeout\(\) with a string runs a value built at run time/ }],
    },
    {
      code: 'const vm = require("vm");\nexport function run(req: any, res: any) {\n  res.send(vm.runInNewContext(req.query.script, {}));\n}',
      errors: [{ line: 3, column: 12, confidence: 'high', message: /vm\.runInNewContext\(\)/ }],
    },
    {
      code: 'import { runInThisContext } from "node:vm";\nrunInThisContext(process.argv[2]);',
      errors: [{ line: 2, column: 1, confidence: 'high' }],
    },
    {
      code: 'function render(template: string) {\n  return eval("`" + template + "`");\n}',
      errors: [{ line: 2, column: 10, confidence: 'medium' }],
    },
  ],
});
