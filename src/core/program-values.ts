// Whether a part spliced into a command or a query comes from the program itself, or was checked: the rules
// that judge the parts of built strings (command-injection, sql-injection) share this, and add their own calls.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';
import type { RuleContext } from './rule';
import { memberPath, propertyName, unwrap } from './ast';

const SCREAMING = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** Set by the server, not the client: the logged-in user, the session, framework state. */
const SERVER_SIDE = /^(?:req|request|ctx|context)\.(?:user|session|auth|state|locals)(?:\.|$)|^(?:res|response)\.locals(?:\.|$)/;
const MAX_DEPTH = 3;

/** What a rule adds to the shared judgement. */
export interface ProgramValues {
  /** Names of variables and properties that denote program constants, besides SCREAMING_CASE ones. */
  constantName?: RegExp;
  /** Names and member paths of values the program sets itself (`__dirname`, `process.execPath`). */
  programPath?: (path: string) => boolean;
  /** Calls whose result is safe; `safe` judges their arguments. */
  call(call: TSESTree.CallExpression, context: RuleContext, safe: (node: Node) => boolean): boolean;
}

/** A part that cannot carry injected syntax: a constant, or a value the program itself chose (environment, tables). */
export function isProgramValue(node: Node, context: RuleContext, values: ProgramValues, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  const safe = (part: Node): boolean => isProgramValue(part, context, values, depth + 1);
  const parts = compoundParts(inner);
  if (parts) return parts.every(safe);
  switch (inner.type) {
    case 'Identifier':
      if (values.programPath?.(inner.name) || values.constantName?.test(inner.name)) return true;
      return (inner.name.length > 1 && SCREAMING.test(inner.name)) || declaredSafe(inner, context, safe);
    case 'MemberExpression': {
      const path = memberPath(inner) ?? '';
      const property = propertyName(inner);
      if (path.startsWith('process.env.') || SERVER_SIDE.test(path) || values.programPath?.(path)) return true;
      if (property === 'length' || property === 'size') return true;
      return isProgramMember(inner, context, (name) => SCREAMING.test(name) || values.constantName?.test(name) === true);
    }
    case 'CallExpression':
      return values.call(inner, context, safe);
    default:
      return context.evaluate(inner).kind === 'constant';
  }
}

/**
 * The expressions a conditional, logical, `+` or template literal value is made of, for checks that hold when
 * they hold for each; none for a conditional whose test is an allowlist check; undefined for other nodes.
 */
function compoundParts(node: Node): Node[] | undefined {
  switch (node.type) {
    case 'ConditionalExpression':
      return isAllowlistTest(node.test) ? [] : [node.consequent, node.alternate];
    case 'LogicalExpression':
      return [node.left, node.right];
    case 'BinaryExpression':
      return node.operator === '+' ? [node.left as Node, node.right] : undefined;
    case 'TemplateLiteral':
      return node.expressions;
    default:
      return undefined;
  }
}

/** A name bound by an import or require: program configuration, not input. */
function isImported(name: TSESTree.Identifier, context: RuleContext): boolean {
  const qualified = context.qualifiedName(name);
  return qualified !== undefined && qualified !== name.name;
}

/**
 * Whether a name's value is safe by its declaration: imported, typed so it cannot carry text, or taken from a
 * container (destructured, iterated) or a single expression that `safe` accepts.
 */
function declaredSafe(name: TSESTree.Identifier, context: RuleContext, safe: (origin: Node) => boolean): boolean {
  if (isImported(name, context)) return true;
  const declared = context.declaration(name.name);
  if (declared?.nonTextType) return true;
  const origin = declared?.container ?? (declared?.pieces.length === 1 ? declared.pieces[0] : undefined);
  return origin !== undefined && safe(origin);
}

/**
 * A member the program itself defines, not one of input: a lookup in a table (`COMMANDS[action]`), a property
 * named like a constant, a member of an imported binding (`pkg.bin` of a required package.json), or a static
 * member of an enum or class (`Mode.Production`: a capitalised name no expression was assigned to).
 */
function isProgramMember(node: TSESTree.MemberExpression, context: RuleContext, constantName: (property: string) => boolean): boolean {
  const object = context.evaluate(node.object);
  if (object.kind === 'tainted' || object.kind === 'source') return false;
  if (node.computed && unwrap(node.property).type !== 'Literal') return true;
  if (constantName(propertyName(node) ?? '')) return true;
  let root: Node = node;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type !== 'Identifier') return false;
  return isImported(root, context) || (/^[A-Z][a-z]\w*$/.test(root.name) && !context.declaration(root.name)?.pieces.length);
}

/**
 * Whether tainted input was checked in the expression itself or where its variable was set: an allowlist
 * conditional, a table lookup (`COMMANDS[action]`), a member path checked in an `if` since the variable took it
 * (constant by now), a type that cannot carry text. Names in capitals or imports are not enough for input.
 * Other expressions are for the rule's `checked` to judge.
 */
export function isCheckedInput(node: Node, context: RuleContext, checked: (inner: Node, depth: number) => boolean, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  switch (inner.type) {
    case 'ConditionalExpression':
      return isAllowlistTest(inner.test);
    case 'MemberExpression':
      return (inner.computed && unwrap(inner.property).type !== 'Literal') || context.evaluate(inner).kind === 'constant';
    case 'Identifier': {
      const declared = context.declaration(inner.name);
      if (declared?.nonTextType) return true;
      return declared?.pieces.length === 1 && isCheckedInput(declared.pieces[0], context, checked, depth + 1);
    }
    default:
      return checked(inner, depth);
  }
}

/**
 * A test that looks a value up in, or compares it with, a fixed set: `ALLOWED.includes(x)`, `mode === 'full'`,
 * `COLUMNS.hasOwnProperty(x)`. Says nothing of which value or which branch: the rules excuse the whole conditional.
 */
function isAllowlistTest(test: Node): boolean {
  const inner = unwrap(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') return isAllowlistTest(inner.argument);
  if (inner.type === 'BinaryExpression') return ['===', '==', '!==', '!='].includes(inner.operator);
  if (inner.type === 'CallExpression') {
    const callee = unwrap(inner.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    return method === 'includes' || method === 'has' || method === 'test' || method === 'hasOwnProperty';
  }
  return false;
}
