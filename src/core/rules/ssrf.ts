// ssrf: request input chooses the scheme or host of an HTTP request the server makes.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Node } from '../types';
import { memberPath, propertyName, unwrap } from '../ast';
import { Accepts, Attack, labelOf, urlFlow, withFlow } from '../url-flow';

const tracker = urlFlow;

const FETCHERS = new Set([
  'fetch', 'globalThis.fetch', 'node-fetch', 'node-fetch.default', 'cross-fetch', 'isomorphic-fetch',
  'undici.fetch', 'undici.request', 'undici.stream',
]);
/** Clients callable directly with a URL or an options object. */
const CALLABLE_CLIENTS = new Set(['axios', 'axios.default', 'got', 'request', 'ky', 'phin']);
/** Factories whose options set the base URL of every later request. */
const FACTORIES = new Set(['axios.create', 'got.extend', 'ky.create', 'ky.extend', 'request.defaults']);
const CLIENT_METHOD = /^(axios|got|request|superagent|ky|needle)\.(get|post|put|patch|delete|del|head|options|request|stream|postForm|putForm|patchForm)$/;
const NODE_HTTP = /^(?:https?|http2)\.(?:get|request)$/;
const AGENT_KEYS = new Set(['agent', 'httpAgent', 'httpsAgent', 'dispatcher']);
const AGENT_FILTER = /ssrf|request-filtering-agent|RequestFiltering|filteringAgent|safeAgent/i;
const PAGE_OBJECT = /^(?:page|tab|newPage|popup|browserPage)$/i;

/**
 * Only input that reaches a server counts: request data (and cookies, which the requester sets freely).
 * Page URL input is the browser's own business, and argv is chosen by whoever runs the command.
 */
const accepts: Accepts = (label) => /^(?:request input|cookies)/.test(label);

/** The argument that names the target, as a URL string or as an options object. */
function targetOf(name: string, node: TSESTree.CallExpression): Node | undefined {
  const args = node.arguments;
  if (FETCHERS.has(name) || CALLABLE_CLIENTS.has(name) || FACTORIES.has(name) || NODE_HTTP.test(name)) return args[0];
  if (name === 'superagent' || name === 'needle' || name === 'needle.request') return args.length >= 2 ? args[1] : args[0];
  if (CLIENT_METHOD.test(name)) return args[0];
  return undefined;
}

/** An agent or dispatcher that refuses private addresses (request-filtering-agent, ssrf-req-filter). */
function filteredByAgent(node: TSESTree.CallExpression, context: RuleContext): boolean {
  for (const arg of node.arguments) {
    const inner = unwrap(arg);
    if (inner.type !== 'ObjectExpression') continue;
    for (const property of inner.properties) {
      if (property.type !== 'Property' || !AGENT_KEYS.has(propertyName(property) ?? '')) continue;
      const value = unwrap(property.value);
      const maker = value.type === 'CallExpression' || value.type === 'NewExpression' ? context.qualifiedName(value.callee) : undefined;
      if (AGENT_FILTER.test(maker ?? '') || AGENT_FILTER.test(context.source(value))) return true;
    }
  }
  return false;
}

function attackOn(target: Node, context: RuleContext, at: Node): Attack | undefined {
  const inner = unwrap(target);
  if (inner.type === 'ObjectExpression') return tracker.optionsAttack(inner, context, accepts, at);
  return tracker.urlAttack(inner, context, accepts, at);
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  let name = context.qualifiedName(callee);
  let target: Node | undefined;
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'goto') {
    const objectPath = memberPath(callee.object);
    if (objectPath === undefined || !PAGE_OBJECT.test(objectPath.slice(objectPath.lastIndexOf('.') + 1))) return;
    name = `${objectPath}.goto`;
    target = node.arguments[0];
  } else {
    if (name === undefined) return;
    target = targetOf(name, node);
  }
  if (!target || name === undefined || filteredByAgent(node, context)) return;
  const attack = attackOn(target, context, node);
  if (!attack) return;
  const evidence = sinkEvidence(attack.value, undefined);
  if (!evidence) return;
  context.report({
    node,
    message: `${name}() requests a URL whose host comes from ${labelOf(attack.value)}; an attacker can make the server call internal services such as cloud metadata or admin APIs.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

export const ssrf: Rule = {
  meta: {
    id: 'ssrf',
    category: 'request-forgery',
    title: 'Server-side request forgery',
    description: 'A server-side HTTP request whose scheme or host comes from request input lets attackers reach internal services through the server.',
    severity: 'error',
    cwe: [918],
    fixable: false,
  },
  visitors: withFlow({
    CallExpression: checkCall,
  }),
};
