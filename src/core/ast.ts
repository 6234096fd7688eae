// Small questions about ESTree nodes that many rules ask.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';

type Expression = TSESTree.Expression;

type ValueWrapper = TSESTree.TSAsExpression | TSESTree.TSNonNullExpression | TSESTree.TSTypeAssertion | TSESTree.TSSatisfiesExpression | TSESTree.ChainExpression;

/** TypeScript-only wrappers and optional chains: they do not change the runtime value of what they wrap. */
function isValueWrapper(node: Node): node is ValueWrapper {
  switch (node.type) {
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TSSatisfiesExpression':
    case 'ChainExpression':
      return true;
    default:
      return false;
  }
}

/** Strips TypeScript-only wrappers and optional chains that do not change the runtime value. */
export function unwrap(node: Node): Node {
  let current = node;
  while (isValueWrapper(current)) current = current.expression;
  return current;
}

/** The outermost of the wrappers around a node that leave its runtime value as it is (the reverse of unwrap). */
export function outermost(node: Node): Node {
  let current = node;
  while (current.parent && isValueWrapper(current.parent)) current = current.parent;
  return current;
}

/** The value of a string literal or a template literal without substitutions. */
export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Literal' && typeof inner.value === 'string') return inner.value;
  if (inner.type === 'TemplateLiteral' && inner.expressions.length === 0) return inner.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** Name of a non-computed property, or of a computed one with a constant string key. */
export function propertyName(node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  const key = node.type === 'MemberExpression' ? node.property : node.key;
  if (!node.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return undefined;
  const value = staticString(key);
  if (value !== undefined) return value;
  if (key.type === 'Literal' && typeof key.value === 'number') return String(key.value);
  return undefined;
}

/** Dotted source path of an identifier/member chain such as `req.query.id`; undefined for anything else. */
export function memberPath(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type === 'MemberExpression') {
    const object = memberPath(inner.object);
    const property = propertyName(inner);
    if (object === undefined || property === undefined) return undefined;
    return `${object}.${property}`;
  }
  return undefined;
}

/** The property of an object literal with a given static key. */
export function findProperty(node: Node | null | undefined, name: string): TSESTree.Property | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type !== 'ObjectExpression') return undefined;
  for (const property of inner.properties) {
    if (property.type === 'Property' && propertyName(property) === name) return property;
  }
  return undefined;
}

export function isBooleanLiteral(node: Node | undefined, value: boolean): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  return inner.type === 'Literal' && inner.value === value;
}

/** The name a value is stored under: variable, property, assignment target or parameter default. */
export function assignedName(node: Node): string | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === node && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    case 'Property':
      return parent.value === node ? propertyName(parent) : undefined;
    case 'PropertyDefinition':
      return parent.value === node ? propertyName(parent) : undefined;
    case 'AssignmentExpression':
      return parent.right === node ? lastSegment(memberPath(parent.left)) : undefined;
    case 'AssignmentPattern':
      return parent.right === node && parent.left.type === 'Identifier' ? parent.left.name : undefined;
    default:
      return undefined;
  }
}

function lastSegment(path: string | undefined): string | undefined {
  return path?.slice(path.lastIndexOf('.') + 1);
}

export interface Concatenation {
  /** In order: the text of template quasis, and the expressions joined (nested `+` and templates flattened). */
  operands: (Node | string)[];
  /** Assembled by `+` or a template literal with substitutions, not a single value. */
  built: boolean;
}

/** The operands of a string built with `+` or a template literal. */
export function concatenation(node: Node, into: Concatenation = { operands: [], built: false }): Concatenation {
  const inner = unwrap(node);
  if (inner.type === 'TemplateLiteral') {
    into.built ||= inner.expressions.length > 0;
    inner.quasis.forEach((quasi, index) => {
      into.operands.push(quasi.value.cooked ?? quasi.value.raw);
      if (index < inner.expressions.length) concatenation(inner.expressions[index], into);
    });
  } else if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    into.built = true;
    concatenation(inner.left as Node, into);
    concatenation(inner.right, into);
  } else {
    into.operands.push(inner);
  }
  return into;
}

export function isFunction(node: Node): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return isFunctionType(node.type);
}

export function isFunctionType(type: string): boolean {
  return type === 'FunctionDeclaration' || type === 'FunctionExpression' || type === 'ArrowFunctionExpression';
}

export type { Expression };

/** Enclosing functions and the Program, innermost first (walks up the parents the engine has set). */
export function enclosingScopes(node: Node): Node[] {
  const scopes: Node[] = [];
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === 'Program') scopes.push(current);
  }
  return scopes;
}

/** Every name a binding pattern declares (destructuring, defaults, rest and parameter properties included). */
export function patternNames(pattern: Node): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'AssignmentPattern':
      return patternNames(pattern.left);
    case 'RestElement':
      return patternNames(pattern.argument);
    case 'TSParameterProperty':
      return patternNames(pattern.parameter);
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => patternNames(property.type === 'Property' ? property.value : property));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? patternNames(element) : []));
    default:
      return [];
  }
}

/**
 * The range that removes one element of a list (an object property, an array element) with the comma that
 * separates it from a neighbour: the one after it, or for the last element the one before it, so the list stays
 * well-formed.
 */
export function removalRange(node: Node, siblings: readonly Node[], text: string): [number, number] {
  const index = siblings.indexOf(node);
  const next = siblings[index + 1];
  if (next) return [node.range[0], next.range[0]];
  const previous = siblings[index - 1];
  if (previous) return [previous.range[1] + text.slice(previous.range[1], node.range[0]).indexOf(','), node.range[1]];
  return [node.range[0], node.range[1]];
}
