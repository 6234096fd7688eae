// jwt-missing-expiry: JWTs signed without an expiry (jsonwebtoken without expiresIn or exp, jose without setExpirationTime).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { assignedName, findProperty, isFunction, propertyName, staticString, unwrap } from '../ast';
import { hasSpread, preferredQuote, resolveInit } from '../static-value';
import { isTestFile } from '../test-files';

const SIGN = new Set(['jsonwebtoken.sign', 'jwt.sign']);
/** Signers whose only expiry is an exp claim in the payload (Hono's JWT helper). */
const CLAIMS_ONLY_SIGN = new Set(['hono/jwt.sign', 'hono/jwt.Jwt.sign']);
const SIGN_JWT = new Set(['jose.SignJWT', 'SignJWT']);

/**
 * Whether a payload certainly carries no `exp` claim: an object literal (directly or through a `const`) without
 * `exp`, without spreads, and not given an `exp` later (`payload.exp = ...`). Anything else might carry one.
 */
function payloadLacksExpiry(payload: Node | undefined, call: Node, context: RuleContext): boolean {
  if (!payload) return false;
  const object = resolveInit(payload, context);
  if (object?.type !== 'ObjectExpression' || hasSpread(object) || findProperty(object, 'exp')) return false;
  // `[Claims.EXPIRATION]: ...`: a computed key may well be exp.
  if (object.properties.some((property) => property.type === 'Property' && propertyName(property) === undefined)) return false;
  const inner = unwrap(payload);
  if (inner.type === 'Identifier') {
    const escaped = inner.name.replace(/\$/g, '\\$');
    const written = new RegExp(`\\b${escaped}\\s*(?:\\.\\s*exp\\b|\\[\\s*['"\`]exp['"\`]\\s*\\])|Object\\.assign\\(\\s*${escaped}\\b`);
    if (written.test(enclosingSource(call, context))) return false;
  }
  return true;
}

function enclosingSource(node: Node, context: RuleContext): string {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) return context.source(current);
  }
  return context.text;
}

/** Refresh tokens are often kept server-side and revoked instead: still worth an expiry, less certain to matter. */
function confidenceFor(call: Node, key: Node | undefined, context: RuleContext): Confidence {
  const named = assignedName(call.parent?.type === 'AwaitExpression' ? call.parent : call) ?? '';
  return /refresh/i.test(named) || (key !== undefined && /refresh/i.test(context.source(key))) ? 'medium' : 'high';
}

function expiryFix(call: TSESTree.CallExpression, context: RuleContext): Fix | undefined {
  const quote = preferredQuote(context.text);
  const option = `expiresIn: ${quote}1h${quote}`;
  const [, key, options] = call.arguments;
  let edit: Fix['edits'][number] | undefined;
  if (!options) edit = { range: [key.range[1], key.range[1]], text: `, { ${option} }` };
  else {
    const inner = unwrap(options);
    if (isFunction(inner)) edit = { range: [options.range[0], options.range[0]], text: `{ ${option} }, ` };
    else if (inner.type === 'ObjectExpression' && inner.properties.length === 0) edit = { range: [inner.range[0], inner.range[1]], text: `{ ${option} }` };
    else if (inner.type === 'ObjectExpression') edit = { range: [inner.properties[0].range[0], inner.properties[0].range[0]], text: `${option}, ` };
  }
  return edit
    ? { title: `Add ${option} (review: tokens stop working after an hour, so clients must refresh or sign in again)`, safety: 'review', edits: [edit] }
    : undefined;
}

function checkJsonwebtoken(node: TSESTree.CallExpression, context: RuleContext): void {
  const [payload, key, options] = node.arguments;
  if (!key || !payloadLacksExpiry(payload, node, context)) return;
  if (options && !isFunction(unwrap(options))) {
    const object = resolveInit(options, context);
    if (object?.type !== 'ObjectExpression' || hasSpread(object) || findProperty(object, 'expiresIn')) return;
  }
  const fix = expiryFix(node, context);
  context.report({
    node: context.source(node).includes('\n') ? node.callee : node,
    message: 'jwt.sign() issues a token with no expiry (no expiresIn option and no exp claim), so a leaked or stolen token stays valid forever.',
    confidence: confidenceFor(node, key, context),
    fixes: fix ? [fix] : [],
  });
}

/** Hono `sign(payload, secret)`: the payload itself must carry exp. */
function checkClaimsOnly(node: TSESTree.CallExpression, context: RuleContext): void {
  const payload = node.arguments[0];
  if (!node.arguments[1] || !payloadLacksExpiry(payload, node, context)) return;
  const object = unwrap(payload);
  const fix: Fix | undefined = object.type === 'ObjectExpression' && object.properties.length > 0
    ? {
      title: 'Add an exp claim one hour ahead (review: tokens stop working after an hour, so clients must refresh or sign in again)',
      safety: 'review',
      edits: [{ range: [object.properties[object.properties.length - 1].range[1], object.properties[object.properties.length - 1].range[1]], text: ', exp: Math.floor(Date.now() / 1000) + 60 * 60' }],
    }
    : undefined;
  context.report({
    node: context.source(node).includes('\n') ? node.callee : node,
    message: 'sign() issues a token whose payload has no exp claim, so a leaked or stolen token stays valid forever.',
    confidence: confidenceFor(node, node.arguments[1], context),
    fixes: fix ? [fix] : [],
  });
}

/** `new SignJWT(payload).setProtectedHeader(...).setIssuedAt().sign(key)` without `.setExpirationTime(...)`. */
function checkJose(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'sign') return;
  let current: Node = unwrap(callee.object);
  while (current.type === 'CallExpression') {
    const method = unwrap(current.callee);
    if (method.type !== 'MemberExpression') return;
    if (propertyName(method) === 'setExpirationTime') return;
    current = unwrap(method.object);
  }
  if (current.type !== 'NewExpression') return;
  const name = context.qualifiedName(current.callee);
  if (name === undefined || !SIGN_JWT.has(name)) return;
  if (!payloadLacksExpiry(current.arguments[0], node, context)) return;
  const quote = preferredQuote(context.text);
  const at = callee.object.range[1];
  context.report({
    node: callee.property,
    message: 'This SignJWT chain never calls setExpirationTime(), so the token has no exp claim and a leaked or stolen token stays valid forever.',
    confidence: confidenceFor(node, node.arguments[0], context),
    fixes: [{
      title: `Add .setExpirationTime(${quote}1h${quote}) (review: tokens stop working after an hour, so clients must refresh or sign in again)`,
      safety: 'review',
      edits: [{ range: [at, at], text: `.setExpirationTime(${quote}1h${quote})` }],
    }],
  });
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  const name = context.qualifiedName(node.callee);
  if (name !== undefined && SIGN.has(name)) {
    // A string payload cannot carry claims at all; jsonwebtoken rejects expiresIn for it.
    if (staticString(node.arguments[0]) !== undefined) return;
    checkJsonwebtoken(node, context);
    return;
  }
  if (name !== undefined && CLAIMS_ONLY_SIGN.has(name)) {
    checkClaimsOnly(node, context);
    return;
  }
  checkJose(node, context);
}

export const jwtMissingExpiry: Rule = {
  meta: {
    id: 'jwt-missing-expiry',
    category: 'auth-session',
    title: 'JWT without expiry',
    description: 'Tokens signed with jsonwebtoken without expiresIn or an exp claim, or with jose without setExpirationTime, never expire.',
    severity: 'warning',
    cwe: [613],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};
