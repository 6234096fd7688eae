// plaintext-transport: HTTP, WebSocket and MQTT clients talking to remote hosts over unencrypted http://, ws:// or mqtt://.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { findProperty, memberPath, propertyName, staticString, unwrap } from '../ast';
import { flatten } from '../url-flow';

const SOCKET_IO_IMPORT = /socket\.io['"]/;

const FETCHERS = new Set(['fetch', 'globalThis.fetch', 'window.fetch', 'node-fetch', 'node-fetch.default', 'cross-fetch', 'isomorphic-fetch', 'undici.fetch', 'undici.request', 'ky', 'phin']);
/** Clients called with a URL or an options object (`axios({ url })`, `got({ url })`). */
const CALLABLE_CLIENTS = new Set(['axios', 'axios.default', 'got', 'request', 'superagent']);
const FACTORIES = new Set(['axios.create', 'got.extend', 'ky.create', 'ky.extend', 'request.defaults']);
const CLIENT_METHOD = /^(?:axios|got|request|superagent|ky|needle)\.(?:get|post|put|patch|delete|del|head|options|request|stream|postForm|putForm|patchForm)$/;
const NODE_HTTP = /^http\.(?:get|request)$/;
const SOCKETS = new Set(['WebSocket', 'window.WebSocket', 'globalThis.WebSocket', 'ws', 'ws.WebSocket', 'isomorphic-ws', 'reconnecting-websocket', 'EventSource', 'eventsource']);
const SOCKET_IO = new Set(['socket.io-client', 'socket.io-client.io', 'socket.io-client.connect', 'socket.io-client.default', 'io', 'io.connect']);
const MQTT = new Set(['mqtt.connect', 'mqtt.connectAsync', 'mqtt']);
const URL_KEYS = new Set(['url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl']);
/** Names that mark a request carrying credentials. */
const SECRETS = /authorization|bearer|passw(?:or)?d|token|api[_-]?key|apikey|secret|cookie|credential/i;

/** Hosts where TLS is rarely available or not needed: this machine, private networks, container and test names. */
function isLocalHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === '' || !name.includes('.')) return true; // localhost, service names in a compose network (redis, api)
  if (/(?:^|\.)(?:localhost|local|internal|test|example|invalid|lan|localdomain|intranet|corp|home|home\.arpa|consul|svc|docker)$/.test(name)) return true;
  if (/(?:^|\.)example\.(?:com|org|net)$/.test(name)) return true;
  if (/^(?:127\.|10\.|192\.168\.|169\.254\.|0\.0\.0\.0$)/.test(name)) return true;
  if (/^172\.(?:1[6-9]|2\d|3[01])\./.test(name)) return true;
  if (name.includes(':')) return true; // IPv6 literals: ::1 and the like
  return false;
}

/**
 * API hosts whose operators document that plain HTTP does not work, so an http:// call to them cannot succeed today
 * and moving it to https:// (default port) changes nothing that works. Sources:
 * - api.stripe.com: Stripe's API reference, Authentication (https://stripe.com/api): calls made over plain HTTP fail.
 * - api.mollie.com: Mollie's security overview (https://docs.mollie.com/overview/security): the API requires HTTPS.
 */
const HTTPS_ONLY_HOSTS = new Set(['api.stripe.com', 'api.mollie.com']);

interface Target {
  /** The node whose text starts with the scheme (a literal or template), when the URL is written in place. */
  literal?: Node;
  scheme: string;
  host: string;
  /** The URL names a port (`http://host:8080`), which the scheme change would keep. */
  port?: boolean;
}

/** The static start of a URL: literal text, templates and concatenations, and constants held in variables. */
function urlTarget(node: Node, context: RuleContext): Target | undefined {
  const parts = flatten(node);
  let prefix = '';
  let literal: Node | undefined;
  for (const [index, part] of parts.entries()) {
    if ('text' in part) {
      prefix += part.text;
      if (index === 0) literal = unwrap(node).type === 'BinaryExpression' ? leftmost(node) : unwrap(node);
      continue;
    }
    const value = context.evaluate(part.node);
    if (value.kind !== 'constant' || value.text === undefined || unwrap(part.node).type !== 'Identifier') break;
    prefix += value.text;
  }
  const match = /^(http|ws|mqtt|tcp):\/\/([^/?#:\s]*|\[[^\]]*\])([/?#:]|$)/i.exec(prefix);
  if (!match) return undefined;
  // The host must be complete: followed by a port, path, query, or the end of a fully fixed URL.
  const complete = match[3] !== '' || prefix.length === match[0].length && parts.every((part) => 'text' in part || context.evaluate(part.node).kind === 'constant');
  if (!complete || match[2] === '') return undefined;
  return { literal, scheme: match[1].toLowerCase(), host: match[2], port: match[3] === ':' };
}

function leftmost(node: Node): Node {
  let current = unwrap(node);
  while (current.type === 'BinaryExpression' && current.operator === '+') current = unwrap(current.left as Node);
  return current;
}

function secureScheme(scheme: string): string | undefined {
  switch (scheme) {
    case 'http':
      return 'https';
    case 'ws':
      return 'wss';
    default:
      return undefined;
  }
}

/** Replaces the scheme inside the literal that spells the URL. */
function schemeFix(target: Target, context: RuleContext): Fix | undefined {
  const secure = secureScheme(target.scheme);
  if (!secure || !target.literal) return undefined;
  const start = target.literal.range[0];
  const raw = context.text.slice(start, target.literal.range[1]);
  const offset = raw.search(new RegExp(`${target.scheme}://`, 'i'));
  if (offset < 0 || offset > 2) return undefined;
  const host = target.host.toLowerCase();
  const httpsOnly = target.scheme === 'http' && !target.port && HTTPS_ONLY_HOSTS.has(host);
  return {
    title: httpsOnly
      ? `Use https:// (safe: ${host} does not serve its API over plain HTTP, so this call cannot work today)`
      : `Use ${secure}:// (review: the server must accept TLS at this address; the default port changes)`,
    safety: httpsOnly ? 'safe' : 'review',
    edits: [{ range: [start + offset, start + offset + target.scheme.length], text: secure }],
  };
}

function report(call: Node, url: Node, target: Target, what: string, context: RuleContext, fixable: boolean): void {
  if (isLocalHost(target.host)) return;
  const confidence: Confidence = SECRETS.test(context.source(call)) ? 'high' : 'medium';
  const fix = fixable ? schemeFix(target, context) : undefined;
  context.report({
    node: url,
    message: `${what} talks to ${target.host} over unencrypted ${target.scheme}://, so anyone on the network path can read and alter the traffic${confidence === 'high' ? ', including the credentials it sends' : ''}.`,
    confidence,
    fixes: fix ? [fix] : [],
  });
}

/** The URL argument or the URL inside an options object. */
function checkTarget(call: Node, arg: Node | undefined, what: string, context: RuleContext, nodeHttp = false): void {
  if (!arg) return;
  const inner = unwrap(arg);
  if (inner.type === 'ObjectExpression') {
    for (const property of inner.properties) {
      if (property.type !== 'Property' || !URL_KEYS.has(propertyName(property) ?? '')) continue;
      const target = urlTarget(property.value, context);
      if (target) report(call, property.value, target, what, context, !nodeHttp);
    }
    // http.get({ host: 'api.example.org', path: '/' }): plain http by construction.
    if (nodeHttp) {
      const host = findProperty(inner, 'hostname') ?? findProperty(inner, 'host');
      const name = host ? staticString(host.value) : undefined;
      if (host && name !== undefined && /^[^/:\s]+$/.test(name)) report(call, host.value, { scheme: 'http', host: name }, what, context, false);
    }
    return;
  }
  const target = urlTarget(inner, context);
  // The http module refuses https: URLs, so only a move to the https module fixes node's http.get().
  if (target) report(call, inner, target, what, context, !nodeHttp);
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  if (name === undefined) return;
  const args = node.arguments;
  if (FETCHERS.has(name) || CALLABLE_CLIENTS.has(name) || FACTORIES.has(name) || CLIENT_METHOD.test(name)) {
    checkTarget(node, args[0], `${name}()`, context);
  } else if (name === 'needle' || name === 'needle.request') {
    // needle(method, url, ...) or needle.request(method, url, ...)
    checkTarget(node, args.length >= 2 ? args[1] : args[0], 'needle()', context);
  } else if (NODE_HTTP.test(name)) {
    checkTarget(node, args[0], `${name}()`, context, true);
  } else if (SOCKET_IO.has(name) && (name !== 'io' || !context.mentions(SOCKET_IO_IMPORT))) {
    checkTarget(node, args[0], 'The socket.io client', context);
  } else if (MQTT.has(name)) {
    checkTarget(node, args[0], 'The MQTT client', context);
  } else if (callee.type === 'MemberExpression' && propertyName(callee) === 'open' && /xhr|request|XMLHttpRequest/i.test(memberPath(callee.object) ?? context.source(callee.object)) && args.length >= 2) {
    checkTarget(node, args[1], 'XMLHttpRequest', context);
  } else if (name === 'navigator.sendBeacon') {
    checkTarget(node, args[0], 'navigator.sendBeacon()', context);
  }
}

function checkNew(node: TSESTree.NewExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined || !SOCKETS.has(name)) return;
  checkTarget(node, node.arguments[0], name.includes('EventSource') || name === 'eventsource' ? 'EventSource' : 'The WebSocket', context);
}

export const plaintextTransport: Rule = {
  meta: {
    id: 'plaintext-transport',
    category: 'transport',
    title: 'Cleartext transport',
    description: 'HTTP, WebSocket and MQTT clients connecting to remote hosts over http://, ws:// or mqtt:// send data that anyone on the network can read or change.',
    severity: 'warning',
    cwe: [319],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
    NewExpression: checkNew,
  },
};
