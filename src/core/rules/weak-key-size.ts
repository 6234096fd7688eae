// weak-key-size: RSA, DSA and Diffie-Hellman keys under 2048 bits and elliptic curves under 224 bits.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { propertyName, staticString, unwrap } from '../ast';
import { constantNumber, optionProperty, resolveInit } from '../static-value';
import { isTestFile } from '../test-files';

const MIN_BITS = 2048;
/** Below this a key is broken outright, not merely below the recommended size. */
const BROKEN_BITS = 1024;

const NODE_GENERATE = new Set(['crypto.generateKeyPair', 'crypto.generateKeyPairSync']);
const WEBCRYPTO_GENERATE = /(?:^|\.)subtle\.generateKey$/;
const FORGE_RSA = /(?:^|\.)rsa\.generateKeyPair$/;
const JSRSASIGN = /(?:^|\.)KEYUTIL\.generateKeypair$/;
const DH_GROUPS = new Set(['crypto.getDiffieHellman', 'crypto.createDiffieHellmanGroup']);
/** Predefined MODP groups smaller than 2048 bits (RFC 2409, RFC 3526). */
const WEAK_DH_GROUPS: Record<string, number> = { modp1: 768, modp2: 1024, modp5: 1536 };

/**
 * Curves with less than 112 bits of security (NIST SP 800-57): the 112- to 192-bit prime and binary curves in
 * OpenSSL's list, under their SEC, X9.62, Brainpool, WTLS and JOSE/WebCrypto names.
 */
const WEAK_CURVE = /^(?:secp(?:112|128|160|192)[rk][12]|prime192v[123]|sect(?:113|131|163|193)[rk][12]|c2pnb(?:163|176)v[123]|c2tnb191v[123]|c2pnb208w1|brainpoolP(?:160|192)[rt]1|wap-wsg-idm-ecid-wtls\d+|Oakley-EC2N-[34]|P-192|p192)$/i;

interface Weak {
  /** Where the size or curve is written: the argument, or the whole `modulusLength: 1024` property. */
  node: Node;
  message: string;
  fix?: Fix;
}

function rsaWhy(bits: number): string {
  return bits < BROKEN_BITS
    ? `${bits}-bit RSA keys are factored in hours with public tools`
    : `${bits}-bit RSA keys are below the 2048-bit minimum and within reach of factoring by well-funded attackers`;
}

/** The fix for an RSA size: safe, because only keys generated from now on change and they stay ordinary RSA keys. */
function rsaFix(node: Node): Fix | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Literal' || typeof inner.value !== 'number') return undefined;
  return {
    title: 'Generate 2048-bit keys (safe: only newly generated keys change; existing keys keep working)',
    safety: 'safe',
    edits: [{ range: [inner.range[0], inner.range[1]], text: '2048' }],
  };
}

/** A size given directly as an argument, or as a property of an options object. */
type Size = Node | TSESTree.Property | undefined;

function valueOf(size: Node | TSESTree.Property): Node {
  return size.type === 'Property' ? size.value : size;
}

function rsaSize(size: Size, context: RuleContext): Weak | undefined {
  if (!size) return undefined;
  const node = valueOf(size);
  const bits = constantNumber(node, context);
  if (bits === undefined || bits >= MIN_BITS || bits <= 0) return undefined;
  return {
    node: size,
    message: `${rsaWhy(bits)}, so signatures made with them can be forged and data encrypted to them can be read.`,
    fix: rsaFix(node),
  };
}

function curveWeakness(size: Size, context: RuleContext, replacement: string): Weak | undefined {
  if (!size) return undefined;
  const node = valueOf(size);
  const resolved = resolveInit(node, context);
  const curve = resolved ? staticString(resolved) : undefined;
  if (curve === undefined || !WEAK_CURVE.test(curve)) return undefined;
  const inner = unwrap(node);
  const quote = context.source(inner).startsWith('"') ? '"' : "'";
  return {
    node: size,
    message: `The elliptic curve '${curve}' gives less than 112 bits of security (below P-224), so its keys can be broken with feasible computation.`,
    fix: inner.type === 'Literal'
      ? {
        title: `Use ${replacement} (review: peers and stored public keys must accept the new curve)`,
        safety: 'review',
        edits: [{ range: [inner.range[0], inner.range[1]], text: `${quote}${replacement}${quote}` }],
      }
      : undefined,
  };
}

/** `crypto.generateKeyPair(type, options)`: RSA/RSA-PSS/DSA modulus, EC curve and DH prime. */
function nodeKeyPair(call: TSESTree.CallExpression, context: RuleContext): Weak | undefined {
  const type = staticString(resolveInit(call.arguments[0], context))?.toLowerCase();
  const options = call.arguments[1];
  if (type === 'rsa' || type === 'rsa-pss') return rsaSize(optionProperty(options, 'modulusLength', context), context);
  if (type === 'dsa') {
    const modulus = optionProperty(options, 'modulusLength', context);
    const bits = modulus ? constantNumber(modulus.value, context) : undefined;
    if (!modulus || bits === undefined || bits >= MIN_BITS) return undefined;
    return {
      node: modulus,
      message: `${bits}-bit DSA keys are below the 2048-bit minimum, so signatures made with them can be forged by an attacker who can afford the discrete-log computation.`,
    };
  }
  if (type === 'ec') return curveWeakness(optionProperty(options, 'namedCurve', context), context, 'prime256v1');
  if (type === 'dh') {
    const length = optionProperty(options, 'primeLength', context);
    const bits = length ? constantNumber(length.value, context) : undefined;
    if (length && bits !== undefined && bits < MIN_BITS) return dhWeak(length, bits);
    const group = optionProperty(options, 'group', context);
    return group ? dhGroup(group, context) : undefined;
  }
  return undefined;
}

function dhWeak(node: Node, bits: number): Weak {
  return {
    node,
    message: `A ${bits}-bit Diffie-Hellman prime is below the 2048-bit minimum (Logjam showed 1024-bit groups within reach of nation-state precomputation), so recorded key exchanges can be decrypted.`,
  };
}

function dhGroup(node: Node, context: RuleContext): Weak | undefined {
  const group = staticString(resolveInit(valueOf(node), context));
  const bits = group !== undefined && Object.hasOwn(WEAK_DH_GROUPS, group.toLowerCase()) ? WEAK_DH_GROUPS[group.toLowerCase()] : undefined;
  return bits === undefined ? undefined : dhWeak(node, bits);
}

/** WebCrypto `subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, ... })`. */
function webCrypto(call: TSESTree.CallExpression, context: RuleContext): Weak | undefined {
  const algorithm = call.arguments[0];
  const name = staticString(resolveInit(optionProperty(algorithm, 'name', context)?.value, context));
  if (!name || !/^RSA/i.test(name)) return undefined;
  return rsaSize(optionProperty(algorithm, 'modulusLength', context), context);
}

/** node-forge `rsa.generateKeyPair(1024)` / `({ bits: 1024 })`, node-rsa `key.generateKeyPair(1024)`, keypair `({ bits })`. */
function bitsArgument(call: TSESTree.CallExpression, context: RuleContext): Weak | undefined {
  const first = call.arguments[0];
  if (!first) return undefined;
  const options = resolveInit(first, context);
  if (options?.type === 'ObjectExpression') return rsaSize(optionProperty(options, 'bits', context), context);
  return rsaSize(first, context);
}

/** `const generateKeyPairAsync = promisify(crypto.generateKeyPair)` makes the new name the same function. */
function promisified(callee: Node, context: RuleContext): string | undefined {
  const inner = unwrap(callee);
  if (inner.type !== 'Identifier') return undefined;
  const init = context.declaration(inner.name)?.init;
  const call = init ? unwrap(init) : undefined;
  if (call?.type !== 'CallExpression') return undefined;
  const name = context.qualifiedName(call.callee);
  if (name !== 'util.promisify' && name !== 'promisify') return undefined;
  return call.arguments[0] ? context.qualifiedName(call.arguments[0]) : undefined;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  const name = context.qualifiedName(node.callee) ?? '';
  let weak: Weak | undefined;
  if (NODE_GENERATE.has(name) || NODE_GENERATE.has(promisified(node.callee, context) ?? '')) weak = nodeKeyPair(node, context);
  else if (WEBCRYPTO_GENERATE.test(name)) weak = webCrypto(node, context);
  else if (FORGE_RSA.test(name) || name === 'keypair') weak = bitsArgument(node, context);
  else if (JSRSASIGN.test(name)) {
    if (staticString(resolveInit(node.arguments[0], context))?.toUpperCase() === 'RSA') weak = rsaSize(node.arguments[1], context);
  } else if (name === 'crypto.createDiffieHellman') {
    const length = node.arguments[0];
    const bits = length ? constantNumber(length, context) : undefined;
    if (length && bits !== undefined && bits < MIN_BITS) weak = dhWeak(length, bits);
  } else if (DH_GROUPS.has(name)) {
    weak = node.arguments[0] ? dhGroup(node.arguments[0], context) : undefined;
  } else if (name === 'crypto.createECDH') {
    weak = curveWeakness(node.arguments[0], context, 'prime256v1');
  } else if (isNodeRsaInstanceCall(node, context)) {
    weak = rsaSize(node.arguments[0], context);
  }
  if (weak) report(weak, context);
}

/** `key.generateKeyPair(512)` on a `new NodeRSA()`. */
function isNodeRsaInstanceCall(node: TSESTree.CallExpression, context: RuleContext): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'generateKeyPair') return false;
  const object = resolveInit(callee.object, context);
  return object?.type === 'NewExpression' && isNodeRsa(object.callee, context);
}

function isNodeRsa(callee: Node, context: RuleContext): boolean {
  const name = context.qualifiedName(callee);
  return name === 'node-rsa' || name === 'NodeRSA';
}

function checkNew(node: TSESTree.NewExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  if (isNodeRsa(node.callee, context)) {
    // new NodeRSA({ b: 1024 }) generates a key of that size.
    const weak = rsaSize(optionProperty(node.arguments[0], 'b', context), context);
    if (weak) report(weak, context);
    return;
  }
  const name = context.qualifiedName(node.callee);
  if (name === 'elliptic.ec' || name === 'elliptic.EC') {
    const weak = curveWeakness(node.arguments[0], context, 'p256');
    if (weak) report(weak, context);
  }
}

function report(weak: Weak, context: RuleContext): void {
  context.report({ node: weak.node, message: weak.message, confidence: 'high', fixes: weak.fix ? [weak.fix] : [] });
}

export const weakKeySize: Rule = {
  meta: {
    id: 'weak-key-size',
    category: 'crypto',
    title: 'Weak cryptographic key size',
    description: 'RSA, DSA and Diffie-Hellman keys shorter than 2048 bits and elliptic curves weaker than P-224 can be broken with feasible computation.',
    severity: 'error',
    cwe: [326],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
    NewExpression: checkNew,
  },
};

