// timing-unsafe-comparison: secrets (API keys, tokens, HMAC signatures) compared with === against request input.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { RelatedNode, ReportDescriptor, Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import type { Declaration } from '../bindings';
import { enclosingScopes, memberPath, propertyName, staticString, unwrap } from '../ast';
import { nameWords, secretNameKind } from '../secrets';
import { ModuleFacts } from '../node-crypto';

const EQUALITY = new Set(['===', '!==', '==', '!=']);
/** Last words of names that hold a message authentication code. */
const MAC_WORDS = new Set(['signature', 'sig', 'hmac', 'mac']);
const HMAC_FACTORIES = /(?:^|\.)createHmac$/;
/** Calls whose result is their argument as text or bytes. */
const WRAPPERS = new Set(['String', 'Buffer.from']);
const SIMPLE_OPERANDS = new Set(['Identifier', 'MemberExpression', 'CallExpression', 'Literal', 'TemplateLiteral', 'NewExpression']);

/** What a secret operand is: a secret kept by the server, one from the environment, or a freshly computed HMAC. */
type Secret = 'named' | 'env' | 'hmac';

function isSecretName(name: string | undefined): boolean {
  if (!name) return false;
  const kind = secretNameKind(name);
  if (kind === 'secret' || kind === 'signing') return true;
  const words = nameWords(name);
  return words.length > 0 && MAC_WORDS.has(words[words.length - 1]);
}

function declarationOf(name: string, context: RuleContext): Node | undefined {
  const declared = context.declaration?.(name);
  if (!declared) return undefined;
  if (declared.init) return declared.init;
  return declared.pieces.length === 1 ? declared.pieces[0] : undefined;
}

/** Whether a value is computed by an HMAC: `createHmac(...).update(body).digest('hex')`, directly or through variables. */
function isHmac(node: Node, context: RuleContext, depth = 0): boolean {
  if (depth > 6) return false;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'CallExpression': {
      const name = context.qualifiedName(inner.callee);
      if (name !== undefined && HMAC_FACTORIES.test(name)) return true;
      const callee = unwrap(inner.callee);
      if (callee.type === 'MemberExpression') return isHmac(callee.object, context, depth + 1);
      if (name !== undefined && WRAPPERS.has(name) && inner.arguments[0]) return isHmac(inner.arguments[0], context, depth + 1);
      return false;
    }
    case 'MemberExpression':
      return isHmac(inner.object, context, depth + 1);
    case 'AwaitExpression':
      return isHmac(inner.argument, context, depth + 1);
    case 'Identifier': {
      const init = declarationOf(inner.name, context);
      return init !== undefined && init !== inner && isHmac(init, context, depth + 1);
    }
    case 'TemplateLiteral':
      return inner.expressions.some((expression) => isHmac(expression, context, depth + 1));
    case 'BinaryExpression':
      return inner.operator === '+' && (isHmac(inner.left as Node, context, depth + 1) || isHmac(inner.right, context, depth + 1));
    default:
      return false;
  }
}

/** Whether an operand holds a secret the server keeps, and of which kind. */
function secretOf(node: Node, context: RuleContext, depth = 0): Secret | undefined {
  if (depth > 4) return undefined;
  const inner = unwrap(node);
  if (isHmac(inner, context)) return 'hmac';
  switch (inner.type) {
    case 'Identifier': {
      const init = declarationOf(inner.name, context);
      const fromInit = init !== undefined && init !== inner ? secretOf(init, context, depth + 1) : undefined;
      if (fromInit) return fromInit;
      return isSecretName(inner.name) ? 'named' : undefined;
    }
    case 'MemberExpression': {
      const path = memberPath(inner);
      const name = propertyName(inner);
      if (!isSecretName(name)) return undefined;
      return path?.startsWith('process.env.') || path?.startsWith('import.meta.env.') ? 'env' : 'named';
    }
    case 'CallExpression': {
      const name = context.qualifiedName(inner.callee);
      if (name !== undefined && WRAPPERS.has(name) && inner.arguments[0]) return secretOf(inner.arguments[0], context, depth + 1);
      const callee = unwrap(inner.callee);
      if (callee.type === 'MemberExpression' && /^(?:trim|toString|toLowerCase)$/.test(propertyName(callee) ?? '')) return secretOf(callee.object, context, depth + 1);
      return undefined;
    }
    case 'TemplateLiteral':
      for (const expression of inner.expressions) {
        const secret = secretOf(expression, context, depth + 1);
        if (secret) return secret;
      }
      return undefined;
    case 'BinaryExpression':
      if (inner.operator !== '+') return undefined;
      return secretOf(inner.left as Node, context, depth + 1) ?? secretOf(inner.right, context, depth + 1);
    default:
      return undefined;
  }
}

/**
 * Where an operand's request input entered, if it is request input. The shared model counts a value compared in
 * an `if` as checked from then on, so the comparison under test would clear its own operand: ask where the
 * variable was set, or the object a member is read from.
 */
function inputOf(node: Node, context: RuleContext, depth = 0): Node | undefined {
  if (depth > 4) return undefined;
  const inner = unwrap(node);
  const value = context.evaluate(inner);
  if (value.kind === 'tainted') return acceptLabel(value.label) ? value.source : undefined;
  if (value.kind === 'source') return undefined;
  if (inner.type === 'MemberExpression') {
    const object = context.evaluate(inner.object);
    const property = propertyName(inner);
    if (object.kind === 'source' && property !== undefined && object.source.inputs.has(property)) return inner;
    if (object.kind === 'tainted') return acceptLabel(object.label) ? object.source : undefined;
    return undefined;
  }
  if (inner.type === 'Identifier') {
    const declared = context.declaration?.(inner.name);
    const origin = declared?.init ?? declared?.container ?? (declared?.pieces.length === 1 ? declared.pieces[0] : undefined);
    return origin !== undefined && origin !== inner ? inputOf(origin, context, depth + 1) : undefined;
  }
  if (inner.type === 'CallExpression') {
    const callee = unwrap(inner.callee);
    if (callee.type === 'MemberExpression' && /^(?:trim|toString|toLowerCase|replace|slice)$/.test(propertyName(callee) ?? '')) return inputOf(callee.object, context, depth + 1);
  }
  return undefined;
}

/** Request input only: a CLI argument, an IPC message or the page's own URL is not a remote timing oracle. */
function acceptLabel(label: string): boolean {
  return !/^process\.argv|^IPC|^(?:window|document|location)/.test(label);
}

/** Operands that only test presence or type: `null`, `undefined`, `''`, `typeof x`, `x.length`. */
function isTrivial(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Literal') return true;
  if (inner.type === 'Identifier') return inner.name === 'undefined';
  if (inner.type === 'UnaryExpression') return true;
  if (inner.type === 'TemplateLiteral') return inner.expressions.length === 0;
  if (inner.type === 'MemberExpression') return propertyName(inner) === 'length';
  return false;
}

/** The local name that reaches crypto.timingSafeEqual, from the file's imports. */
function timingSafeEqualName(text: string): string | undefined {
  const named = /\b(?:import\s*\{[^}]*\btimingSafeEqual\b[^}]*\}\s*from|(?:const|let|var)\s*\{[^}]*\btimingSafeEqual\b[^}]*\}\s*=\s*require\()\s*['"](?:node:)?crypto['"]/.exec(text);
  if (named) return 'timingSafeEqual';
  const module = /\bimport\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s+['"](?:node:)?crypto['"]|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"](?:node:)?crypto['"]\s*\)/.exec(text);
  const local = module?.[1] ?? module?.[2];
  return local ? `${local}.timingSafeEqual` : undefined;
}

function operandText(node: Node, context: RuleContext): string {
  const text = context.source(node);
  return SIMPLE_OPERANDS.has(unwrap(node).type) ? text : `(${text})`;
}

function fixFor(node: TSESTree.BinaryExpression, context: RuleContext): Fix[] {
  const compare = timingSafeEqualName(context.text);
  if (!compare) return [];
  const left = operandText(node.left as Node, context);
  const right = operandText(node.right, context);
  const call = `((a, b) => a.length > 0 && a.length === b.length && ${compare}(a, b))(Buffer.from(String(${left} ?? '')), Buffer.from(String(${right} ?? '')))`;
  const negated = node.operator === '!==' || node.operator === '!=';
  return [
    {
      title: 'Compare in constant time with crypto.timingSafeEqual (review: values are compared as UTF-8 text, and an empty or missing value never matches)',
      safety: 'review',
      edits: [{ range: [node.range[0], node.range[1]], text: negated ? `!${call}` : call }],
    },
  ];
}

const DIGEST_FACTORIES = new Set(['crypto.createHmac', 'crypto.createHash']);
/** Digest encodings whose text is ASCII only. */
const ASCII_ENCODINGS = new Set(['hex', 'base64', 'base64url']);
const ASCII = /^[\x00-\x7f]*$/;
const DIGEST = 'digest';

/** The initialiser of a `const` declared earlier in the same function and block as `at` (so it is set when `at` runs). */
function constInit(name: string, at: Node, context: RuleContext): Node | undefined {
  const init = context.declaration(name)?.init;
  const declarator = init?.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== init || declarator.parent?.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') return undefined;
  if (declarator.range[1] > at.range[0] || enclosingScopes(declarator)[0] !== enclosingScopes(at)[0]) return undefined;
  // The scope's view is per function: make sure the const's block holds the comparison too.
  const block = declarator.parent.parent;
  for (let current: Node | undefined = at; current; current = current.parent) if (current === block) return init;
  return undefined;
}

/** `crypto.createHmac(...)` or `createHash(...)`, maybe through `.update(...)` calls and const names. */
function isDigestObject(node: Node, at: Node, context: RuleContext, depth: number): boolean {
  if (depth > 6) return false;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') {
    const init = constInit(inner.name, at, context);
    return init !== undefined && isDigestObject(init, at, context, depth + 1);
  }
  if (inner.type !== 'CallExpression') return false;
  if (DIGEST_FACTORIES.has(context.qualifiedName(inner.callee) ?? '')) return true;
  const callee = unwrap(inner.callee);
  return callee.type === 'MemberExpression' && propertyName(callee) === 'update' && isDigestObject(callee.object, at, context, depth + 1);
}

/**
 * Whether a value is ASCII text made from a digest: `.digest('hex' | 'base64' | 'base64url')` of an HMAC or hash,
 * joined with ASCII constants (`'sha256=' + ...`), or a const set from one.
 */
function isAsciiDigest(node: Node, at: Node, context: RuleContext, depth = 0): boolean {
  if (depth > 6) return false;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'Identifier': {
      const init = constInit(inner.name, at, context);
      return init !== undefined && isAsciiDigest(init, at, context, depth + 1);
    }
    case 'CallExpression': {
      const callee = unwrap(inner.callee);
      if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'digest' || inner.arguments.length !== 1) return false;
      return ASCII_ENCODINGS.has(staticString(inner.arguments[0]) ?? '') && isDigestObject(callee.object, at, context, depth + 1);
    }
    case 'TemplateLiteral':
      return inner.expressions.length > 0 && inner.quasis.every((quasi) => ASCII.test(quasi.value.cooked ?? '\u0080')) &&
        inner.expressions.every((expression) => isAsciiDigest(expression, at, context, depth + 1));
    case 'BinaryExpression': {
      if (inner.operator !== '+') return false;
      const sides = [inner.left as Node, inner.right];
      const digests = sides.filter((side) => isAsciiDigest(side, at, context, depth + 1));
      return digests.length > 0 && sides.every((side) => digests.includes(side) || ASCII.test(staticString(side) ?? '\u0080'));
    }
    default:
      return false;
  }
}

/**
 * A name or a member chain read with constant keys (`signature`, `req.headers['x-signature']`): reading it again
 * gives the same value and does nothing else. A bare name must be declared, so `typeof` cannot hide a ReferenceError.
 */
function isPlainReference(node: Node, context: RuleContext): boolean {
  if (node.type === 'Identifier') return context.declaration(node.name) !== undefined;
  if (node.type !== 'MemberExpression' || node.optional) return false;
  if (node.computed && !(node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number'))) return false;
  return node.object.type === 'ThisExpression' || isPlainReference(node.object, context);
}

/** `provided === digest` where a constant-time comparison of UTF-8 bytes gives the same boolean (see the rule's docs). */
interface ExactComparison {
  node: TSESTree.BinaryExpression;
  /** The side that may be anything: request input, a parameter. */
  provided: Node;
  /** The const holding ASCII digest text. */
  digest: Node;
  /** The crypto bindings visible at the comparison, read during the walk. */
  visible: ReadonlyMap<string, Declaration | undefined>;
}

function exactComparison(node: TSESTree.BinaryExpression, context: RuleContext): Omit<ExactComparison, 'visible'> | undefined {
  // Loose equality converts: ['<digest>'] == digest is true, and no byte comparison can say so.
  if (node.operator !== '===' && node.operator !== '!==') return undefined;
  if (context.declaration('Buffer') !== undefined) return undefined;
  const left = node.left as Node;
  const right = node.right;
  const digest = left.type === 'Identifier' && isAsciiDigest(left, node, context) ? left : right.type === 'Identifier' && isAsciiDigest(right, node, context) ? right : undefined;
  if (!digest) return undefined;
  const provided = digest === left ? right : left;
  return isPlainReference(provided, context) ? { node, provided, digest } : undefined;
}

function exactFix(comparison: ExactComparison, modules: ModuleFacts, context: RuleContext): Fix | undefined {
  const access = modules.access(comparison.visible, context);
  if (!access) return undefined;
  const provided = context.source(comparison.provided);
  const digest = context.source(comparison.digest);
  const test = `(typeof ${provided} === 'string' && Buffer.byteLength(${provided}) === Buffer.byteLength(${digest}) && ${access.callee}(Buffer.from(${provided}), Buffer.from(${digest})))`;
  const { node } = comparison;
  const added = access.edits.length > 0 ? "; adds an import of timingSafeEqual from Node's crypto module" : '';
  return {
    title: `Compare in constant time with ${access.callee} (safe: the same result for every value, since the digest is ASCII text and equal UTF-8 bytes then mean equal strings${added})`,
    safety: 'safe',
    edits: [{ range: [node.range[0], node.range[1]], text: node.operator === '!==' ? `!${test}` : test }, ...access.edits],
  };
}

interface PendingReport {
  descriptor: ReportDescriptor;
  comparison: ExactComparison;
}

/** Comparisons with a digest wait for the whole file: whether it runs on Node and how it imports only show by its end. */
const files = new FileState(() => ({ modules: new ModuleFacts('timingSafeEqual'), pending: [] as PendingReport[] }));

/** Module facts are gathered only in files that mention a digest: only comparisons with one get the exact fix. */
function modulesOf(context: RuleContext): ModuleFacts | undefined {
  return context.mentions(DIGEST) ? files.get(context).modules : undefined;
}

function finish(context: RuleContext): void {
  const state = files.take(context);
  if (!state) return;
  for (const { descriptor, comparison } of state.pending) {
    const fix = exactFix(comparison, state.modules, context);
    context.report(fix ? { ...descriptor, fixes: [fix] } : descriptor);
  }
}

function describe(secret: Secret, operand: Node, context: RuleContext): string {
  if (secret === 'hmac') return 'an HMAC signature';
  const text = context.source(operand);
  return `the secret \`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}

function check(node: TSESTree.BinaryExpression, context: RuleContext): void {
  if (!EQUALITY.has(node.operator)) return;
  const left = node.left as Node;
  const right = node.right;
  if (isTrivial(left) || isTrivial(right)) return;
  const leftInput = inputOf(left, context);
  const rightInput = inputOf(right, context);
  if (leftInput && rightInput) return;
  const leftSecret = leftInput ? undefined : secretOf(left, context);
  const rightSecret = rightInput ? undefined : secretOf(right, context);
  let confidence: Confidence | undefined;
  let secret: Secret | undefined;
  let secretOperand: Node | undefined;
  let related: RelatedNode[] = [];
  const input = leftInput ?? rightInput;
  if (input) {
    secret = leftInput ? rightSecret : leftSecret;
    secretOperand = leftInput ? right : left;
    if (secret) {
      confidence = 'high';
      related = [{ node: input, message: 'The compared value comes from the request here.' }];
    }
  } else if (leftSecret !== rightSecret && (leftSecret === 'hmac' || rightSecret === 'hmac' || leftSecret === 'env' || rightSecret === 'env')) {
    // A computed HMAC or an environment secret compared with a value from elsewhere: a verification routine.
    const strong = leftSecret === 'hmac' || (leftSecret === 'env' && rightSecret !== 'hmac') ? leftSecret : rightSecret;
    secret = strong;
    secretOperand = strong === leftSecret ? left : right;
    const other = secretOperand === left ? right : left;
    confidence = context.evaluate(other).kind === 'constant' ? undefined : 'medium';
  }
  if (!confidence || !secret || !secretOperand) return;
  const descriptor: ReportDescriptor = {
    node,
    message: `Comparing ${describe(secret, secretOperand, context)} with ${node.operator} stops at the first differing character, so response times let an attacker guess it a character at a time; use crypto.timingSafeEqual.`,
    confidence,
    related,
    fixes: fixFor(node, context),
  };
  const exact = context.mentions(DIGEST) ? exactComparison(node, context) : undefined;
  if (!exact) {
    context.report(descriptor);
    return;
  }
  const state = files.get(context);
  state.pending.push({ descriptor, comparison: { ...exact, visible: state.modules.visibleHere(context) } });
}

export const timingUnsafeComparison: Rule = {
  meta: {
    id: 'timing-unsafe-comparison',
    category: 'crypto',
    title: 'Secret compared in non-constant time',
    description: 'API keys, tokens and HMAC signatures compared with === leak how many leading characters matched through response timing.',
    severity: 'warning',
    cwe: [208],
    fixable: true,
  },
  visitors: {
    Program: (node, context) => modulesOf(context)?.program(node),
    ImportDeclaration: (node, context) => modulesOf(context)?.importDeclaration(node, context),
    VariableDeclarator: (node, context) => modulesOf(context)?.declarator(node, context),
    FunctionDeclaration: (node, context) => node.id && modulesOf(context)?.declaredName(node.id.name),
    ClassDeclaration: (node, context) => node.id && modulesOf(context)?.declaredName(node.id.name),
    CallExpression: (node, context) => modulesOf(context)?.call(node),
    BinaryExpression: check,
  },
  finish,
};
