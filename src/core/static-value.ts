// Values a rule can know without running the code: numbers and object literals, through `const` names.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';
import type { RuleContext } from './rule';
import { findProperty, propertyName, unwrap } from './ast';

const MAX_DEPTH = 4;

/**
 * The expression a name stands for: `const opts = { noent: true }` makes `opts` resolve to the object literal.
 * Anything that is not a name with a known initialiser resolves to itself (without TypeScript wrappers).
 */
export function resolveInit(node: Node | null | undefined, context: RuleContext, depth = 0): Node | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type !== 'Identifier' || depth >= MAX_DEPTH) return inner;
  const init = context.declaration(inner.name)?.init;
  return init ? resolveInit(init, context, depth + 1) : inner;
}

/** The object literal an expression is or names, if any. */
export function resolveObject(node: Node | null | undefined, context: RuleContext): TSESTree.ObjectExpression | undefined {
  const resolved = resolveInit(node, context);
  return resolved?.type === 'ObjectExpression' ? resolved : undefined;
}

/** Whether an object literal has a spread, which may bring in any property. */
export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((property) => property.type === 'SpreadElement');
}

/** The property `name` of an object literal (or of a name bound to one). */
export function optionProperty(options: Node | null | undefined, name: string, context: RuleContext): TSESTree.Property | undefined {
  const object = resolveObject(options, context);
  return object ? findProperty(object, name) : undefined;
}

/** The value node of `name` in an object literal (or a name bound to one). */
export function optionValue(options: Node | null | undefined, name: string, context: RuleContext): Node | undefined {
  return optionProperty(options, name, context)?.value;
}

/**
 * The number an expression always evaluates to: literals, `2 ** 16`, `64 * 1024`, `1 << 12`, `-1`, `const` names and
 * properties of `const` object literals (`const HASH = { rounds: 8 }` ... `HASH.rounds`).
 */
export function constantNumber(node: Node | null | undefined, context: RuleContext, depth = 0): number | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'Literal':
      return typeof inner.value === 'number' ? inner.value : undefined;
    case 'UnaryExpression': {
      const value = constantNumber(inner.argument, context, depth + 1);
      if (value === undefined) return undefined;
      return inner.operator === '-' ? -value : inner.operator === '+' ? value : undefined;
    }
    case 'BinaryExpression': {
      const left = constantNumber(inner.left as Node, context, depth + 1);
      const right = constantNumber(inner.right, context, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      switch (inner.operator) {
        case '*': return left * right;
        case '**': return left ** right;
        case '+': return left + right;
        case '-': return left - right;
        case '/': return right === 0 ? undefined : left / right;
        case '<<': return left << right;
        default: return undefined;
      }
    }
    case 'Identifier': {
      const init = context.declaration(inner.name)?.init;
      return init ? constantNumber(init, context, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      const key = propertyName(inner);
      const object = inner.object.type === 'Identifier' ? resolveObject(inner.object, context) : undefined;
      const value = key !== undefined && object ? findProperty(object, key)?.value : undefined;
      return value ? constantNumber(value, context, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** The quote character the file mostly uses for strings, for text that fixes insert. */
export function preferredQuote(text: string): string {
  const single = (text.match(/'/g) ?? []).length;
  const double = (text.match(/"/g) ?? []).length;
  return double > single ? '"' : "'";
}
