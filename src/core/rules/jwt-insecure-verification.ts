// jwt-insecure-verification: JWTs decoded without verification, unpinned or 'none' algorithms, expiry ignored.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { findProperty, isBooleanLiteral, isFunction, propertyName, staticString, unwrap } from '../ast';

const JWT_MENTION = /jwt|jsonwebtoken|jose/i;

const VERIFY = new Set(['jsonwebtoken.verify', 'jwt.verify']);
const SIGN = new Set(['jsonwebtoken.sign', 'jwt.sign']);
const DECODE = new Set(['jsonwebtoken.decode', 'jwt.decode', 'jose.decodeJwt']);
const JOSE_VERIFY = 'jose.jwtVerify';
/** Anything that looks like token verification in the file: jwt.verify, jwtVerify, verifyToken, authenticateToken, expressjwt. */
const VERIFICATION = /verify|authenticat|expressjwt/i;
/** Middleware in a route registration that has already checked the token. */
const AUTH_MIDDLEWARE = /auth|verify|protect|guard|require|ensure|passport|jwt|session/i;
/** A key that is (or fetches) a public key: algorithm confusion lets HS256 tokens be signed with it. */
const PUBLIC_KEY = /public|\bpub(?:lic)?[A-Z_]|pem|cert|jwks|getKey|getSigningKey|readFileSync|spki|x509/i;
const REQUEST_PARAM = /^(?:req|request|ctx|context|event)$/;

interface PendingVerify {
  call: TSESTree.CallExpression;
  jose: boolean;
  publicKey: boolean;
}

interface State {
  verified: boolean;
  decodes: { call: TSESTree.CallExpression; confidence: Confidence; name: string }[];
  verifies: PendingVerify[];
  signAlgorithms: Set<string>;
}
const states = new FileState<State>(() => ({ verified: false, decodes: [], verifies: [], signAlgorithms: new Set() }));

function state(context: RuleContext): State {
  return states.get(context);
}

function mentionsJwt(context: RuleContext): boolean {
  return context.mentions(JWT_MENTION);
}

/** High when the token is request input, medium inside a request handler, undefined elsewhere (client code reading claims). */
function decodeConfidence(call: TSESTree.CallExpression, context: RuleContext): Confidence | undefined {
  const options = call.arguments[1];
  if (options && isBooleanLiteral(findProperty(options, 'complete')?.value, true)) return undefined;
  for (let node: Node | undefined = call.parent; node; node = node.parent) {
    if (!isFunction(node)) continue;
    const route = node.parent;
    if (route?.type === 'CallExpression' && route.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      const middleware = route.arguments.filter((arg) => arg !== node && !isFunction(arg) && staticString(arg) === undefined);
      if (middleware.some((arg) => AUTH_MIDDLEWARE.test(context.source(arg)))) return undefined;
    }
  }
  const token = context.evaluate(call.arguments[0]);
  if (token.kind === 'tainted' || token.kind === 'source') return 'high';
  for (let node: Node | undefined = call.parent; node; node = node.parent) {
    if (isFunction(node) && node.params.some((param) => param.type === 'Identifier' && REQUEST_PARAM.test(param.name))) return 'medium';
  }
  return undefined;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  const current = state(context);
  if (name === undefined) {
    if (VERIFICATION.test(context.source(node.callee))) current.verified = true;
    return;
  }
  if (DECODE.has(name)) {
    const confidence = decodeConfidence(node, context);
    if (confidence) current.decodes.push({ call: node, confidence, name: name === 'jose.decodeJwt' ? 'decodeJwt()' : 'jwt.decode()' });
    return;
  }
  if (VERIFICATION.test(name)) current.verified = true;
  // app.use(requireAuth): every later handler runs behind middleware that checked the token.
  if (/(?:^|\.)use$/.test(name) && node.arguments.some((arg) => !isFunction(arg) && AUTH_MIDDLEWARE.test(context.source(arg)))) {
    current.verified = true;
  }
  if (SIGN.has(name)) {
    // Only an algorithm written out is known; without one the library picks from the key.
    const algorithm = staticString(findProperty(node.arguments[2], 'algorithm')?.value);
    current.signAlgorithms.add(algorithm ?? LIBRARY_DEFAULT);
    return;
  }
  const jose = name === JOSE_VERIFY;
  if (!VERIFY.has(name) && !jose) return;
  if (node.arguments.length < 2) return;
  const options = node.arguments[2] && unwrap(node.arguments[2]);
  if (options) {
    if (options.type === 'ObjectExpression') {
      if (options.properties.some((property) => property.type === 'SpreadElement')) return;
      if (findProperty(options, 'algorithms')) return;
    } else if (jose || !isFunction(options)) {
      // An options variable: cannot see whether it pins the algorithms.
      return;
    }
  }
  current.verifies.push({ call: node, jose, publicKey: PUBLIC_KEY.test(context.source(node.arguments[1])) });
}

/** `algorithms: ['none']`, `algorithm: 'none'` and `ignoreExpiration: true` in any options object. */
function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  if (node.parent?.type !== 'ObjectExpression') return;
  const name = propertyName(node);
  if (name !== 'algorithms' && name !== 'algorithm' && name !== 'ignoreExpiration') return;
  if (!mentionsJwt(context)) return;
  const value = unwrap(node.value);
  if (name === 'algorithms' && value.type === 'ArrayExpression') {
    const none = value.elements.find((element) => element && staticString(element)?.toLowerCase() === 'none');
    if (!none) return;
    context.report({
      node,
      message: "Accepting the 'none' algorithm lets anyone forge a token with no signature at all.",
      confidence: 'high',
    });
  } else if (name === 'algorithm' && staticString(value)?.toLowerCase() === 'none') {
    context.report({
      node,
      message: "Signing with algorithm 'none' issues unsigned tokens that anyone can forge or alter.",
      confidence: 'high',
    });
  } else if (name === 'ignoreExpiration' && isBooleanLiteral(value, true)) {
    context.report({
      node,
      message: 'ignoreExpiration: true accepts expired tokens, so a leaked or revoked token stays valid forever.',
      confidence: 'medium',
    });
  }
}

const LIBRARY_DEFAULT = '(library default)';

/** Adds `algorithms: [...]` to the call's options, creating the options object when there is none. */
function pinFix(call: TSESTree.CallExpression, algorithm: string, signedHere: boolean, context: RuleContext): Fix | undefined {
  const source = context.source(call);
  const quote = source.includes("'") || !source.includes('"') ? "'" : '"';
  const pinned = `algorithms: [${quote}${algorithm}${quote}]`;
  const [, key, options] = call.arguments;
  let edit: { range: [number, number]; text: string } | undefined;
  if (!options) {
    edit = { range: [key.range[1], key.range[1]], text: `, { ${pinned} }` };
  } else {
    const inner = unwrap(options);
    if (isFunction(inner)) edit = { range: [options.range[0], options.range[0]], text: `{ ${pinned} }, ` };
    else if (inner.type === 'ObjectExpression' && inner.properties.length === 0) edit = { range: [inner.range[0], inner.range[1]], text: `{ ${pinned} }` };
    else if (inner.type === 'ObjectExpression') edit = { range: [inner.properties[0].range[0], inner.properties[0].range[0]], text: `${pinned}, ` };
  }
  if (!edit) return undefined;
  // When this file signs every token it issues with that one algorithm, pinning it rejects only tokens the
  // application never made: safe. A guessed algorithm may reject tokens that other services issue: review.
  return signedHere
    ? { title: `Accept only ${algorithm}, the algorithm this file signs with`, safety: 'safe', edits: [edit] }
    : { title: `Accept only ${algorithm} (review: tokens signed with any other algorithm will be rejected)`, safety: 'review', edits: [edit] };
}

export const jwtInsecureVerification: Rule = {
  meta: {
    id: 'jwt-insecure-verification',
    category: 'auth-session',
    title: 'Insecure JWT verification',
    description: "JWTs read with decode() and never verified, verify() without pinned algorithms, the 'none' algorithm, or expiry checks switched off.",
    severity: 'error',
    cwe: [347],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
    Property: checkProperty,
  },
  finish(context) {
    const current = states.take(context);
    if (!current) return;
    if (!current.verified) {
      for (const { call, confidence, name } of current.decodes) {
        context.report({
          node: call,
          message: `${name} returns the claims without checking the signature and this file never verifies the token, so a forged token with any user id or role is accepted.`,
          confidence,
        });
      }
    }
    const signed = [...current.signAlgorithms].filter((algorithm) => algorithm.toLowerCase() !== 'none');
    for (const { call, jose, publicKey } of current.verifies) {
      const signedHere = signed.length === 1 && signed[0] !== LIBRARY_DEFAULT;
      const algorithm = signedHere ? signed[0] : publicKey ? 'RS256' : 'HS256';
      const fix = pinFix(call, algorithm, signedHere, context);
      const what = jose ? 'jwtVerify()' : 'jwt.verify()';
      context.report({
        // A multi-line call (a callback) is marked at its callee, not over the whole callback.
        node: context.source(call).includes('\n') ? call.callee : call,
        message: publicKey && !jose
          ? `${what} does not pin the accepted algorithms, so with this public key an attacker can sign an HS256 token using the public key as the secret (algorithm confusion).`
          : `${what} does not pin the accepted algorithms, so the token's own header decides how its signature is checked; pin the algorithm the tokens are signed with.`,
        confidence: jose ? 'low' : publicKey ? 'medium' : 'low',
        fixes: fix ? [fix] : [],
      });
    }
  },
};
