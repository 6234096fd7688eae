// unsafe-buffer-allocation: the deprecated Buffer constructor (`new Buffer(x)`, `Buffer(x)`, Node DEP0005).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { isFunction, unwrap } from '../ast';

const GLOBAL_BUFFER = new Set(['Buffer', 'global.Buffer', 'globalThis.Buffer']);
/**
 * Libraries that still support Node 4 pick Buffer.from when it exists and fall back to the constructor:
 * `Buffer.from ? Buffer.from(x) : new Buffer(x)`, `typeof Buffer.alloc === 'function'`. That fallback is deliberate.
 */
const FEATURE_TEST = /typeof\s+Buffer\.(?:from|alloc(?:Unsafe)?)\b|Buffer\.(?:from|alloc(?:Unsafe)?)\s*(?:&&|\?|!==|===|\|\||\))|(?:!|&&|\|\||\()\s*Buffer\.(?:from|alloc(?:Unsafe)?)\s*(?:&&|\?|\|\||\)|!==|===)/;
/** A fallback written as such: `try { modern() } catch { legacy() }` with `function legacy(size) { return new Buffer(size) }`. */
const FALLBACK_NAME = /legacy|fallback|compat|polyfill|shim/i;

/** Declarations the walk has not reached yet (a hoisted `function Buffer` of a bundled polyfill) or does not record (classes). */
const LOCAL_DECLARATION = /\b(?:class|function|var|let|const)\s+Buffer\b/;

/** What the first argument is known to be: the constructor allocates for a number and copies anything else. */
type Kind = 'number' | 'data' | 'unknown';

function kindOf(node: Node, context: RuleContext): Kind {
  const inner = unwrap(node);
  if (inner.type === 'Literal') return typeof inner.value === 'number' ? 'number' : typeof inner.value === 'string' ? 'data' : 'unknown';
  if (inner.type === 'TemplateLiteral' || inner.type === 'ArrayExpression') return 'data';
  // `'prefix' + x` is a string whatever x is.
  if (inner.type === 'BinaryExpression' && inner.operator === '+' && [inner.left, inner.right].some((side) => side.type === 'Literal' && typeof side.value === 'string')) return 'data';
  if (inner.type === 'Identifier') {
    const declaration = context.declaration(inner.name);
    const init = declaration?.init && declaration.pieces.length === 1 ? declaration.init : undefined;
    const declarator = init?.parent;
    if (init && declarator?.type === 'VariableDeclarator' && declarator.parent?.type === 'VariableDeclaration' && declarator.parent.kind === 'const') {
      const value = unwrap(init);
      if (value.type === 'Literal' || value.type === 'TemplateLiteral' || value.type === 'ArrayExpression') return kindOf(value, context);
    }
  }
  return 'unknown';
}

/** Inside a catch block, or a function named as a fallback for old Node versions. */
function inFallback(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'CatchClause') return true;
    if (isFunction(current)) {
      const name = current.type === 'ArrowFunctionExpression' ? undefined : current.id?.name;
      if (name !== undefined && FALLBACK_NAME.test(name)) return true;
    }
  }
  return false;
}

/** Sizes by their look: `x.length`, arithmetic. */
function looksLikeSize(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier') return /^(?:length|byteLength|size)$/.test(inner.property.name);
  return inner.type === 'BinaryExpression' && ['-', '*', '/', '%', '<<', '>>', '>>>', '|', '&'].includes(inner.operator);
}

/** The call rewritten: `Buffer.from(` or `Buffer.alloc(` in place of everything up to the first argument. */
function rewrite(node: TSESTree.NewExpression | TSESTree.CallExpression, method: 'from' | 'alloc', title: string, safety: Fix['safety']): Fix {
  const first = node.arguments[0];
  return { title, safety, edits: [{ range: [node.range[0], first.range[0]], text: `Buffer.${method}(` }] };
}

function fixFor(node: TSESTree.NewExpression | TSESTree.CallExpression, kind: Kind): Fix | undefined {
  const [first] = node.arguments;
  // Node's Buffer(arg, ...) is `typeof arg === 'number' ? Buffer.alloc(arg) : Buffer.from(arg, ...)` (lib/buffer.js).
  if (kind === 'data') return rewrite(node, 'from', 'Use Buffer.from() (safe: for a string or an array the constructor is Buffer.from with the same arguments)', 'safe');
  if (kind === 'number') {
    // A number with an encoding throws today: leave that to the user.
    if (node.arguments.length !== 1) return undefined;
    return rewrite(node, 'alloc', 'Use Buffer.alloc() (safe: for a number the constructor is Buffer.alloc, zero-filled, since Node 8)', 'safe');
  }
  if (looksLikeSize(first)) {
    if (node.arguments.length !== 1) return undefined;
    return rewrite(node, 'alloc', 'Use Buffer.alloc() (review: Buffer.alloc copies nothing, so check the value is always a size)', 'review');
  }
  return rewrite(node, 'from', 'Use Buffer.from() (review: Buffer.from throws on a number; use Buffer.alloc(n) if the value is a size)', 'review');
}

function check(node: TSESTree.NewExpression | TSESTree.CallExpression, context: RuleContext): void {
  if (!context.mentions('Buffer')) return;
  const callee = unwrap(node.callee);
  if (callee.type === 'Identifier' ? callee.name !== 'Buffer' : callee.type !== 'MemberExpression') return;
  const name = context.qualifiedName(callee);
  if (name === undefined || !GLOBAL_BUFFER.has(name)) return;
  // A local Buffer (an import of the `buffer` package, a parameter, a class) is not the deprecated global.
  if (context.declaration('Buffer') !== undefined || context.mentions(LOCAL_DECLARATION) || context.mentions(FEATURE_TEST) || inFallback(node)) return;
  const [first] = node.arguments;
  if (!first || first.type === 'SpreadElement') return;
  const kind = kindOf(first, context);
  const what = node.type === 'NewExpression' ? 'new Buffer()' : 'Buffer()';
  const message =
    kind === 'unknown'
      ? `${what} is deprecated (DEP0005): it allocates memory when its argument is a number and copies it otherwise, so a number where data was expected (a JSON field, say) allocates a buffer of that size, uninitialised before Node 8; use Buffer.from() for data and Buffer.alloc() for sizes.`
      : `${what} is deprecated (DEP0005) because the same call allocates or copies depending on the argument's type; use Buffer.from() for data and Buffer.alloc() for sizes.`;
  const fix = fixFor(node, kind);
  context.report({ node, message, confidence: kind === 'unknown' ? 'high' : 'medium', fixes: fix ? [fix] : [] });
}

export const unsafeBufferAllocation: Rule = {
  meta: {
    id: 'unsafe-buffer-allocation',
    category: 'data-handling',
    title: 'Deprecated Buffer constructor',
    description: 'new Buffer(x) allocates for a number and copies anything else: a number from input allocates memory, uninitialised on old Node. Use Buffer.from() or Buffer.alloc().',
    severity: 'warning',
    cwe: [908],
    fixable: true,
  },
  visitors: {
    NewExpression: check,
    CallExpression: check,
  },
};
