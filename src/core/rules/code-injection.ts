// code-injection: strings evaluated as code (eval, new Function, string timers, vm).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import { propertyName, unwrap } from '../ast';

const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'window.setTimeout', 'window.setInterval', 'globalThis.setTimeout', 'globalThis.setInterval']);
const EVALUATORS = new Set(['eval', 'window.eval', 'globalThis.eval', 'Function', 'window.Function', 'globalThis.Function']);
const VM_RUNNERS = new Set([
  'vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.compileFunction', 'vm.Script', 'vm.SourceTextModule',
  'vm2.VM.run', 'vm2.NodeVM.run',
]);

const BROWSER_AUTOMATION = /puppeteer|playwright/;
const PAGE_EVALUATORS = new Set(['evaluate', 'evaluateHandle', 'evaluateOnNewDocument']);

/**
 * Puppeteer and Playwright `page.evaluate(code)`: a string argument runs as script in the page, with its cookies and
 * sessions. Reported only for user input: functions are the normal use, and other strings are often constants.
 */
function pageEvaluate(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || !PAGE_EVALUATORS.has(propertyName(callee) ?? '') || !context.mentions(BROWSER_AUTOMATION)) return;
  const code = node.arguments[0];
  const inner = code && unwrap(code);
  if (!inner || inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression' || inner.type === 'SpreadElement') return;
  const value = context.evaluate(inner);
  if (value.kind !== 'tainted' && value.kind !== 'source') return;
  const evidence = sinkEvidence(value, undefined);
  if (!evidence) return;
  context.report({
    node,
    message: `${propertyName(callee)}() with a string runs user input as script in the automated browser's page, with its cookies and logged-in sessions; pass a function and hand the input over as an argument.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (node.type === 'CallExpression') pageEvaluate(node, context);
  if (name === undefined) return;
  let code: TSESTree.Node | undefined;
  let what: string;
  if (EVALUATORS.has(name)) {
    // new Function(a, b, body): the body is the last argument.
    code = name.endsWith('Function') ? node.arguments[node.arguments.length - 1] : node.arguments[0];
    what = name.endsWith('Function') ? 'new Function()' : 'eval()';
  } else if (TIMERS.has(name)) {
    code = node.arguments[0];
    what = `${name}() with a string`;
    const inner = code && unwrap(code);
    if (!inner || inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression') return;
    // `this.render.bind(this)` makes a function.
    if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && propertyName(inner.callee) === 'bind') return;
    // A name usually holds a callback; one holding user input holds a string (input carries no functions).
    if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
      const value = context.evaluate(inner);
      if (value.kind !== 'tainted' && value.kind !== 'source') return;
    }
  } else if (VM_RUNNERS.has(name)) {
    code = node.arguments[0];
    what = `${name}()`;
  } else {
    return;
  }
  if (!code) return;
  const evidence = sinkEvidence(context.evaluate(code), 'medium');
  if (!evidence) return;
  const origin = evidence.confidence === 'high' ? 'user input' : 'a value built at run time';
  context.report({
    node,
    message: `${what} runs ${origin} as code; an attacker who controls it runs arbitrary JavaScript.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

export const codeInjection: Rule = {
  meta: {
    id: 'code-injection',
    category: 'injection',
    title: 'Dynamic code evaluation',
    description: 'eval, new Function, string timers and vm run a string as code; built from input, that is remote code execution.',
    severity: 'error',
    cwe: [95],
    fixable: false,
  },
  visitors: {
    CallExpression: check,
    NewExpression: check,
  },
};
