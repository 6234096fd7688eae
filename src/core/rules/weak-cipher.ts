// weak-cipher: broken ciphers (DES, 3DES, RC4, RC2, Blowfish), ECB mode, crypto.createCipher and constant IVs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { enclosingScopes, isFunction, propertyName, staticString, unwrap } from '../ast';

const CIPHERIV = new Set(['crypto.createCipheriv', 'crypto.createDecipheriv']);
const PASSWORD_CIPHER = new Set(['crypto.createCipher', 'crypto.createDecipher']);
const FORGE_CIPHER = new Set([
  'node-forge.cipher.createCipher', 'node-forge.cipher.createDecipher', 'forge.cipher.createCipher', 'forge.cipher.createDecipher',
]);
/** crypto-js cipher objects, by qualified name, with a display name. */
const CRYPTO_JS_CIPHERS: Record<string, string> = {
  DES: 'DES',
  TripleDES: '3DES',
  RC4: 'RC4',
  RC4Drop: 'RC4',
  Blowfish: 'Blowfish',
};
const CRYPTO_JS_MODULES: Record<string, string> = {
  'crypto-js/tripledes': '3DES',
  'crypto-js/rc4': 'RC4',
  'crypto-js/blowfish': 'Blowfish',
};
const CRYPTO_JS_ECB = new Set(['crypto-js.mode.ECB', 'CryptoJS.mode.ECB', 'crypto-js/mode-ecb']);

const WHY: Record<string, string> = {
  DES: 'DES has a 56-bit key that is brute-forced in hours',
  '3DES': '3DES has a 64-bit block, so long-lived keys leak plaintext through block collisions (Sweet32), and it is deprecated',
  DESX: 'DESX is a DES variant with a 64-bit block and is long broken',
  RC4: 'RC4 has biased keystream bytes that leak plaintext',
  RC2: 'RC2 is an obsolete 64-bit-block cipher with weak key scheduling',
  Blowfish: 'Blowfish has a 64-bit block, so long-lived keys leak plaintext through block collisions (Sweet32)',
  ECB: 'ECB mode encrypts identical blocks to identical ciphertext, so patterns in the plaintext show through',
};

/** The weakness of an OpenSSL-style cipher name ('des-ede3-cbc', 'aes-256-ecb'), if any. */
function weakness(algorithm: string): string | undefined {
  const name = algorithm.toLowerCase();
  if (/^desx(?:$|-)/.test(name)) return 'DESX';
  if (/^(?:des-ede|des3|3des|tripledes)/.test(name)) return '3DES';
  if (/^des(?:$|-)/.test(name)) return 'DES';
  if (/^rc4(?:$|-)/.test(name)) return 'RC4';
  if (/^rc2(?:$|-)/.test(name)) return 'RC2';
  if (/^(?:bf|blowfish)(?:$|-)/.test(name)) return 'Blowfish';
  if (/(?:^|-)ecb$/.test(name)) return 'ECB';
  return undefined;
}

/** `const NAME = <constant bytes>`, a module-level `const NAME = randomBytes(n)`, or anything else. */
type Held = 'constant' | 'module-random' | 'other';

interface State {
  /** Names declared per function (or Program) and what they hold. */
  declared: Map<Node, Map<string, Held>>;
  /** Names handed to other calls or written into (`randomFillSync(iv)`, `iv.set(...)`): not constant. */
  mutated: Set<string>;
  /** createCipheriv calls whose IV is a name to resolve at the end of the file. */
  pending: { iv: TSESTree.Identifier; scopes: Node[] }[];
}
const states = new FileState<State>(() => ({ declared: new Map(), mutated: new Set(), pending: [] }));

function state(context: RuleContext): State {
  return states.get(context);
}


function isNumberLiteral(node: Node | undefined): boolean {
  const inner = node && unwrap(node);
  return inner?.type === 'Literal' && typeof inner.value === 'number';
}

/** Bytes fixed in the source: a string, `Buffer.alloc(16, 0)`, `Buffer.from('00..', 'hex')`, `new Uint8Array(16)`. */
function isConstantBytes(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  if (staticString(inner) !== undefined) return true;
  if (inner.type === 'Identifier') {
    const value = context.evaluate(inner);
    return value.kind === 'constant' && value.text !== undefined;
  }
  if (inner.type !== 'CallExpression' && inner.type !== 'NewExpression') return false;
  const callee = unwrap(inner.callee);
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'fill' && inner.type === 'CallExpression') {
    return inner.arguments.every((arg) => isNumberLiteral(arg) || staticString(arg) !== undefined) && isConstantBytes(callee.object, context);
  }
  const name = context.qualifiedName(inner.callee);
  const [first, second] = inner.arguments;
  if (name === 'Buffer.alloc') {
    return isNumberLiteral(first) && (second === undefined || isNumberLiteral(second) || staticString(second) !== undefined);
  }
  if (name === 'Buffer.from' || name === 'Uint8Array' || name === 'Uint8Array.from') {
    if (!first) return false;
    const data = unwrap(first);
    if (data.type === 'ArrayExpression') return data.elements.every((element) => element !== null && isNumberLiteral(element));
    if (name === 'Uint8Array' && isNumberLiteral(data)) return true;
    if (name === 'Uint8Array') return false;
    const value = context.evaluate(data);
    return staticString(data) !== undefined || (value.kind === 'constant' && value.text !== undefined);
  }
  return false;
}

function isRandomBytes(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  return inner.type === 'CallExpression' && context.qualifiedName(inner.callee) === 'crypto.randomBytes';
}

function reportStaticIv(iv: Node, context: RuleContext): void {
  context.report({
    node: iv,
    message: 'The IV is a constant, so equal plaintexts give equal ciphertexts (and in CTR/GCM the keystream repeats, exposing plaintext and allowing forgeries); use a random IV per message (crypto.randomBytes).',
    confidence: 'high',
  });
}

function reportAlgorithm(node: Node, weak: string, where: string, context: RuleContext): void {
  context.report({
    node,
    message: `${where} ${WHY[weak]}; use AES-256-GCM (or ChaCha20-Poly1305) with a random IV.`,
    confidence: 'high',
  });
}

function algorithmOf(node: Node | undefined, context: RuleContext): string | undefined {
  if (!node) return undefined;
  const value = context.evaluate(node);
  return staticString(node) ?? (value.kind === 'constant' ? value.text : undefined);
}

function checkCipheriv(node: TSESTree.CallExpression, name: string, context: RuleContext): void {
  const algorithm = algorithmOf(node.arguments[0], context);
  const weak = algorithm === undefined ? undefined : weakness(algorithm);
  if (weak) reportAlgorithm(node, weak, `'${algorithm}':`, context);
  // Decipher IVs come from the ciphertext's producer; ECB and RC4 take no IV.
  if (name !== 'crypto.createCipheriv' || weak === 'ECB' || weak === 'RC4') return;
  const iv = node.arguments[2];
  if (!iv) return;
  const inner = unwrap(iv);
  if (inner.type === 'Literal' && inner.value === null) return;
  if (isConstantBytes(inner, context)) {
    if (staticString(inner) === '') return;
    reportStaticIv(iv, context);
  } else if (inner.type === 'Identifier') {
    // Children are not visited yet (their parent is unset): the call's scopes are the IV's.
    state(context).pending.push({ iv: inner, scopes: enclosingScopes(node) });
  }
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined) {
    noteMutation(node, undefined, context);
    return;
  }
  if (CIPHERIV.has(name)) {
    checkCipheriv(node, name, context);
    return;
  }
  noteMutation(node, name, context);
  if (PASSWORD_CIPHER.has(name)) {
    context.report({
      node,
      message: `${name}() derives the key from a password with one unsalted MD5 pass and uses the same IV for every message, so equal plaintexts are visible and keys are cheap to guess; use createCipheriv with a scrypt-derived key and a random IV.`,
      confidence: 'high',
    });
    return;
  }
  if (FORGE_CIPHER.has(name)) {
    const algorithm = algorithmOf(node.arguments[0], context);
    const weak = algorithm === undefined ? undefined : weakness(algorithm);
    if (weak) reportAlgorithm(node, weak, `'${algorithm}':`, context);
    return;
  }
  const match = /^(?:crypto-js|CryptoJS)\.(\w+)\.(?:encrypt|decrypt)$/.exec(name);
  const module = /^(crypto-js\/[\w-]+)\.(?:encrypt|decrypt)$/.exec(name);
  const weak = match ? CRYPTO_JS_CIPHERS[match[1]] : module ? CRYPTO_JS_MODULES[module[1]] : undefined;
  if (weak) reportAlgorithm(node, weak, `crypto-js ${weak}:`, context);
}

/** A constant buffer handed to another function or written into may be filled with random bytes. */
function noteMutation(node: TSESTree.CallExpression, name: string | undefined, context: RuleContext): void {
  const { mutated } = state(context);
  for (const arg of node.arguments) {
    const inner = unwrap(arg);
    if (inner.type === 'Identifier') mutated.add(inner.name);
  }
  const callee = unwrap(node.callee);
  if (callee.type === 'MemberExpression' && /^(?:fill|set|write\w*|copyWithin|swap\w*)$/.test(name?.split('.').pop() ?? propertyName(callee) ?? '')) {
    const object = unwrap(callee.object);
    if (object.type === 'Identifier') mutated.add(object.name);
  }
}

function checkDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  if (node.id.type !== 'Identifier') return;
  const scope = enclosingScopes(node)[0];
  if (!scope) return;
  const isConst = node.parent?.type === 'VariableDeclaration' && node.parent.kind === 'const' && !!node.init;
  let held: Held = 'other';
  if (isConst && node.init && isConstantBytes(node.init, context)) held = 'constant';
  else if (isConst && node.init && scope.type === 'Program' && isRandomBytes(node.init, context)) held = 'module-random';
  const { declared } = state(context);
  const names = declared.get(scope) ?? new Map<string, Held>();
  names.set(node.id.name, held);
  declared.set(scope, names);
}

function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  const left = unwrap(node.left);
  if (left.type === 'MemberExpression') {
    const object = unwrap(left.object);
    if (object.type === 'Identifier') state(context).mutated.add(object.name);
  }
}

/** crypto-js `{ mode: CryptoJS.mode.ECB }`. */
function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  if (propertyName(node) !== 'mode' || node.parent?.type !== 'ObjectExpression') return;
  const value = unwrap(node.value);
  if (value.type !== 'MemberExpression' && value.type !== 'Identifier') return;
  const name = context.qualifiedName(value);
  if (name !== undefined && CRYPTO_JS_ECB.has(name)) reportAlgorithm(node, 'ECB', 'crypto-js ECB mode:', context);
}

/** Every API the rule knows names a cipher or crypto-js: files that mention neither are skipped cheaply. */
const CIPHER_MENTION = /ipher|crypto-?js/i;

function relevant<T extends Node>(check: (node: T, context: RuleContext) => void): (node: T, context: RuleContext) => void {
  return (node, context) => {
    if (context.mentions(CIPHER_MENTION)) check(node, context);
  };
}

export const weakCipher: Rule = {
  meta: {
    id: 'weak-cipher',
    category: 'crypto',
    title: 'Weak cipher, ECB mode or constant IV',
    description: 'DES, 3DES, RC4, RC2, Blowfish and ECB mode do not keep data confidential; crypto.createCipher and constant IVs repeat ciphertext for repeated plaintext.',
    severity: 'error',
    cwe: [327, 329],
    fixable: false,
  },
  visitors: {
    CallExpression: relevant(checkCall),
    VariableDeclarator: relevant(checkDeclarator),
    AssignmentExpression: relevant(checkAssignment),
    Property: relevant(checkProperty),
  },
  finish(context) {
    const current = states.take(context);
    if (!current) return;
    for (const { iv, scopes } of current.pending) {
      if (current.mutated.has(iv.name)) continue;
      // The nearest scope that declares the name decides; a constant shadowed by a parameter is not the IV.
      const scope = scopes.find((candidate) => current.declared.get(candidate)?.has(iv.name));
      if (!scope || shadowedBefore(scope, scopes, iv.name)) continue;
      const held = current.declared.get(scope)?.get(iv.name);
      if (held === 'constant') reportStaticIv(iv, context);
      // Created once when the module loads, then used by a function called for every message.
      else if (held === 'module-random' && scopes[0].type !== 'Program') {
        context.report({
          node: iv,
          message: 'This IV is generated once when the module loads and reused for every message, so equal plaintexts give equal ciphertexts (and in CTR/GCM the keystream repeats); generate a new IV inside the function for each message.',
          confidence: 'medium',
        });
      }
    }
  },
};

/** Whether a function between the use and the declaring scope has a parameter of the same name. */
function shadowedBefore(scope: Node, scopes: Node[], name: string): boolean {
  for (const candidate of scopes) {
    if (candidate === scope) return false;
    if (isFunction(candidate) && candidate.params.some((param) => paramNames(param).includes(name))) return true;
  }
  return false;
}

function paramNames(param: TSESTree.Parameter): string[] {
  const target = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
  if (target.type === 'Identifier') return [target.name];
  if (target.type === 'AssignmentPattern' && target.left.type === 'Identifier') return [target.left.name];
  return [];
}
