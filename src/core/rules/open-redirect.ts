// open-redirect: user input chooses where a server redirect or a browser navigation sends the user.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Node } from '../types';
import { memberPath, propertyName, staticString, unwrap } from '../ast';
import { Accepts, labelOf, urlFlow, withFlow } from '../url-flow';

const tracker = urlFlow;

/** Objects whose `.redirect()` answers an HTTP request (Express, Koa, Fastify, hapi, Next.js, fetch API). */
const RESPONSE_OBJECTS = new Set(['res', 'response', 'resp', 'reply', 'ctx', 'context', 'h', 'NextResponse', 'Response']);
/** Framework redirect helpers, with imports resolved. */
const REDIRECT_FUNCTIONS = new Set([
  'next/navigation.redirect', 'next/navigation.permanentRedirect',
  '@remix-run/node.redirect', '@remix-run/cloudflare.redirect', '@remix-run/deno.redirect', '@remix-run/server-runtime.redirect',
  'react-router.redirect', 'react-router.redirectDocument', 'react-router-dom.redirect', '@sveltejs/kit.redirect',
]);
const HEADER_SETTERS = new Set(['setHeader', 'set', 'header', 'append', 'appendHeader']);
const OPTION_HOLDERS = new Set(['writeHead', 'set', 'header', 'setHeaders', 'writeHeader']);
/** `location = x`, `window.location.href = x`, `window.top.location = x`. */
const BROWSER_TARGET = /^(?:(?:window|self|globalThis|top|parent|frames)\.)*(?:document\.)?location(?:\.href)?$/;
const BROWSER_NAVIGATION = /^(?:(?:window|self|globalThis|top|parent)\.)*(?:document\.)?location\.(?:assign|replace)$/;
const WINDOW_OPEN = new Set(['window.open', 'globalThis.open', 'self.open']);

/**
 * Page input and request input count; cookies (the app's own), argv and IPC messages do not: a victim's
 * browser cannot be made to send an attacker's value there through a link.
 */
const accepts: Accepts = (label) => !/cookie|^process\.argv|^IPC/i.test(label);

function isStatus(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Literal') return typeof inner.value === 'number';
  const name = memberPath(inner);
  if (name !== undefined && /status|code|(?:^|\.)(?:FOUND|SEE_OTHER|MOVED_\w+|TEMPORARY_REDIRECT|PERMANENT_REDIRECT)$/i.test(name)) return true;
  const value = context.evaluate(inner);
  return value.kind === 'constant' && value.text === undefined;
}

/** `redirect(url)`, `redirect(status, url)`, `redirect(url, status)`. */
function urlArgument(call: TSESTree.CallExpression, context: RuleContext): Node | undefined {
  const [first, second] = call.arguments;
  if (!first) return undefined;
  if (second && isStatus(first, context)) return second;
  return first;
}

function check(sink: Node, url: Node | undefined, what: string, context: RuleContext, browser = false): void {
  if (!url) return;
  const attack = tracker.urlAttack(url, context, accepts, sink);
  if (!attack) return;
  const evidence = sinkEvidence(attack.value, undefined);
  if (!evidence) return;
  context.report({
    node: sink,
    message: browser
      ? `${what} navigates to a URL taken from ${labelOf(attack.value)}; an attacker can send victims to a phishing page or run script through a javascript: URL.`
      : `${what} sends the user to a URL taken from ${labelOf(attack.value)}; an attacker can make a link on this site forward victims to a phishing page.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  if (name !== undefined && REDIRECT_FUNCTIONS.has(name)) {
    check(node, urlArgument(node, context), `${name.slice(name.lastIndexOf('.') + 1)}()`, context);
    return;
  }
  if (name !== undefined && (BROWSER_NAVIGATION.test(name) || WINDOW_OPEN.has(name))) {
    check(node, node.arguments[0], `${name}()`, context, true);
    return;
  }
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  const objectPath = memberPath(callee.object) ?? name?.slice(0, name.lastIndexOf('.'));
  const objectName = objectPath?.slice(objectPath.lastIndexOf('.') + 1);
  if (objectName === undefined || !RESPONSE_OBJECTS.has(objectName)) return;
  if (method === 'redirect') {
    check(node, urlArgument(node, context), `${objectName}.redirect()`, context);
  } else if (method === 'location' && objectName !== 'NextResponse' && objectName !== 'Response') {
    check(node, node.arguments[0], `${objectName}.location()`, context);
  } else if (method !== undefined && HEADER_SETTERS.has(method) && /^location$/i.test(staticString(node.arguments[0]) ?? '')) {
    check(node, node.arguments[1], 'The Location header', context);
  }
}

/** `{ Location: x }` passed to writeHead/set, or as the `headers` of a Response. */
function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  if (!/^location$/i.test(propertyName(node) ?? '')) return;
  const object = node.parent;
  if (object?.type !== 'ObjectExpression') return;
  const holder = object.parent;
  const callee = holder?.type === 'CallExpression' ? unwrap(holder.callee) : undefined;
  const isHeaders =
    (holder?.type === 'Property' && holder.value === object && propertyName(holder) === 'headers') ||
    (holder?.type === 'CallExpression' && holder.arguments.includes(object) && callee?.type === 'MemberExpression' && OPTION_HOLDERS.has(propertyName(callee) ?? ''));
  if (!isHeaders) return;
  check(node, node.value, 'The Location header', context);
}

function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (node.operator !== '=') return;
  const target = memberPath(node.left);
  if (target === undefined || !BROWSER_TARGET.test(target)) return;
  check(node, node.right, `Assigning ${target}`, context, true);
}

export const openRedirect: Rule = {
  meta: {
    id: 'open-redirect',
    category: 'request-forgery',
    title: 'Open redirect',
    description: 'A redirect or navigation whose destination comes from user input lets attackers send users from a trusted link to any site.',
    severity: 'error',
    cwe: [601],
    fixable: false,
  },
  visitors: withFlow({
    CallExpression: checkCall,
    Property: checkProperty,
    AssignmentExpression: checkAssignment,
  }),
};
