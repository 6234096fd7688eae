// request-values: what the request-data rules (nosql-injection, mass-assignment, reflected-xss,
// prototype-pollution) need beyond the shared taint model: how a local name got its value, as written
// (initialiser, `+=` pieces, destructuring, loop variable), and the shape request input keeps on its way to a
// sink (a whole parsed object, a possibly non-string value, text). Facts are kept per function node and
// recorded by visitors each rule registers (see `withLocals`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';
import type { RuleContext, Visitors } from './rule';
import type { Value } from './bindings';
import { isFunction, memberPath, patternNames, propertyName, unwrap } from './ast';

/** How one local name got its value. */
export interface Local {
  /** The initialiser or latest plain assignment. */
  init?: Node;
  /** `init` followed by every `+=` after it. */
  pieces: Node[];
  /** Destructured from this expression (`const { a } = x`, `const [a] = x`). */
  container?: Node;
  /** The destructured key (`a` in `const { a } = x`); undefined for a rest element or an array element. */
  key?: string;
  /** Bound by a rest element (`const { a, ...rest } = x`). */
  rest?: boolean;
  /** Loop variable of `for (k in right)` / `for (v of right)`. */
  loop?: { kind: 'in' | 'of'; right: Node; index?: number };
  /** A function parameter. */
  param?: boolean;
  /** `name.prop = value` writes after the declaration. */
  writes: TSESTree.AssignmentExpression[];
}

/** A scope node (function or Program) enclosing `node`, innermost first. */
export function* enclosingScopes(node: Node): Generator<Node> {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || current.type === 'Program') yield current;
  }
}

export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

class Locals {
  private readonly scopes = new WeakMap<Node, Map<string, Local>>();
  private lastRecorded: Node | undefined;

  /** True the first time it is asked about `node`: the rules sharing the table record each node once. */
  firstVisit(node: Node): boolean {
    if (node === this.lastRecorded) return false;
    this.lastRecorded = node;
    return true;
  }

  private table(scope: Node): Map<string, Local> {
    let table = this.scopes.get(scope);
    if (!table) {
      table = new Map();
      this.scopes.set(scope, table);
    }
    return table;
  }

  private scopeOf(node: Node): Node | undefined {
    return enclosingScopes(node).next().value ?? undefined;
  }

  /** The binding of `name` visible at `at` (function scopes only; blocks are not separated). */
  lookup(name: string, at: Node): Local | undefined {
    for (let current: Node | undefined = at; current; current = current.parent) {
      if (!isFunction(current) && current.type !== 'Program') continue;
      const found = this.scopes.get(current)?.get(name);
      if (found) return found;
    }
    return undefined;
  }

  onFunction(node: TSESTree.FunctionLike): void {
    const table = this.table(node);
    for (const param of node.params) for (const name of patternNames(param)) table.set(name, { pieces: [], param: true, writes: [] });
  }

  onDeclarator(node: TSESTree.VariableDeclarator): void {
    const scope = this.scopeOf(node);
    if (!scope) return;
    const table = this.table(scope);
    const loopNode = node.parent?.parent;
    const loop = (loopNode?.type === 'ForInStatement' || loopNode?.type === 'ForOfStatement') && loopNode.left === node.parent
      ? { kind: loopNode.type === 'ForInStatement' ? 'in' as const : 'of' as const, right: loopNode.right }
      : undefined;
    const init = node.init ?? undefined;
    if (node.id.type === 'Identifier') {
      table.set(node.id.name, { init, pieces: init ? [init] : [], loop, writes: [] });
      return;
    }
    this.describe(node.id, init, loop, table);
  }

  private describe(pattern: Node, container: Node | undefined, loop: Local['loop'], table: Map<string, Local>): void {
    if (pattern.type === 'ObjectPattern') {
      for (const property of pattern.properties) {
        if (property.type === 'RestElement') {
          for (const name of patternNames(property.argument)) table.set(name, { pieces: [], container, rest: true, loop, writes: [] });
          continue;
        }
        const target = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (target.type === 'Identifier') table.set(target.name, { pieces: [], container, key: propertyName(property), loop, writes: [] });
        else for (const name of patternNames(target)) table.set(name, { pieces: [], container, loop, writes: [] });
      }
      return;
    }
    if (pattern.type === 'ArrayPattern') {
      pattern.elements.forEach((element, index) => {
        if (!element) return;
        const target = element.type === 'AssignmentPattern' ? element.left : element;
        const elementLoop = loop ? { ...loop, index } : undefined;
        for (const name of patternNames(target)) table.set(name, { pieces: [], container, loop: elementLoop, writes: [] });
      });
    }
  }

  onAssignment(node: TSESTree.AssignmentExpression): void {
    const left = unwrap(node.left);
    if (left.type === 'MemberExpression') {
      const root = unwrap(left.object);
      if (root.type === 'Identifier') this.lookup(root.name, node)?.writes.push(node);
      return;
    }
    if (left.type !== 'Identifier') return;
    let local = this.lookup(left.name, node);
    if (!local) {
      local = { pieces: [], writes: [] };
      const scope = this.scopeOf(node);
      if (scope) this.table(scope).set(left.name, local);
    }
    if (node.operator === '=') {
      local.init = node.right;
      local.pieces = [node.right];
      local.container = undefined;
      local.key = undefined;
      local.rest = undefined;
      local.loop = undefined;
      local.param = undefined;
    } else if (node.operator === '+=') {
      local.pieces.push(node.right);
    } else {
      local.init = undefined;
      local.pieces = [];
    }
  }
}


type AnyHandler = (node: Node, context: RuleContext) => void;

/** One table for every request-data rule: how locals got their values depends on the code only. */
export const requestLocals = new Locals();

/** A rule's visitors plus the ones that keep the shared table current (table first, same node). */
export function withLocals(visitors: Visitors): Visitors {
  const locals = requestLocals;
  const own: Record<string, AnyHandler> = {
    FunctionDeclaration: (node) => locals.onFunction(node as TSESTree.FunctionDeclaration),
    FunctionExpression: (node) => locals.onFunction(node as TSESTree.FunctionExpression),
    ArrowFunctionExpression: (node) => locals.onFunction(node as TSESTree.ArrowFunctionExpression),
    VariableDeclarator: (node) => locals.onDeclarator(node as TSESTree.VariableDeclarator),
    AssignmentExpression: (node) => locals.onAssignment(node as TSESTree.AssignmentExpression),
  };
  const merged: Record<string, AnyHandler> = { ...(visitors as Record<string, AnyHandler>) };
  for (const [type, record] of Object.entries(own)) {
    const rule = merged[type];
    const once: AnyHandler = (node, context) => {
      if (locals.firstVisit(node)) record(node, context);
    };
    merged[type] = rule
      ? (node, context) => {
          once(node, context);
          rule(node, context);
        }
      : once;
  }
  return merged as Visitors;
}

// ---------- request input ----------

export function isInput(value: Value): value is Extract<Value, { kind: 'tainted' }> | Extract<Value, { kind: 'source' }> {
  return value.kind === 'tainted' || value.kind === 'source';
}

export function inputLabel(value: Value): string {
  if (value.kind === 'tainted') return value.label;
  if (value.kind === 'source') return value.source.label;
  return '';
}

/** The part of a label that says where input entered: "req.body" in "request input (req.body)". */
export function labelDetail(value: Value): string {
  const label = inputLabel(value);
  const match = /\(([^()]*(?:\(\))?)\)$/.exec(label);
  return match ? match[1] : label;
}

/** Request parts a parser may turn into nested objects: a JSON or form body, an extended query string. */
const STRUCTURED_INPUT = /(?:^|[.(\s])(?:body|query|payload|json\(\)|formData\(\)|searchParams)\)$|@(?:Body|Query)\(\)\)$/;
/** The whole request body, as parsed. */
const BODY_INPUT = /(?:^|[.(\s])(?:body|payload|json\(\))\)$/;

/** Input that can arrive as an object or array (not path parameters, headers, cookies or the URL). */
export function isStructuredInput(value: Value): boolean {
  return isInput(value) && STRUCTURED_INPUT.test(inputLabel(value));
}

export function isBodyInput(value: Value): boolean {
  return isInput(value) && BODY_INPUT.test(inputLabel(value));
}

/** Request properties that carry client input (the shared model's list, for requests it does not see). */
const CLIENT_PARTS = new Set(['query', 'body', 'params', 'headers', 'cookies', 'url', 'originalUrl', 'path']);

/**
 * Express error middleware `(err, req, res, next)` receives the request second, where the shared model does not
 * look: `req.originalUrl` there is input too. Returns the input a member chain on such a `req` reads.
 */
export function errorHandlerInput(node: Node, at: Node): Value | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'MemberExpression') return undefined;
  let root: Node = inner;
  let first: string | undefined;
  while (root.type === 'MemberExpression') {
    first = propertyName(root);
    root = unwrap(root.object);
  }
  if (root.type !== 'Identifier' || first === undefined || !CLIENT_PARTS.has(first)) return undefined;
  const name = root.name;
  for (let current: Node | undefined = at; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const [error, request] = current.params;
    if (current.params.length === 4 && error?.type === 'Identifier' && request?.type === 'Identifier' && request.name === name) {
      return { kind: 'tainted', source: inner, label: `request input (${memberPath(inner) ?? `${name}.${first}`})` };
    }
    if (current.params.some((param) => patternNames(param).includes(name))) return undefined;
  }
  return undefined;
}

/**
 * Input a loop variable holds: an element or key of input (`for (const tag of req.query.tags.split(','))`,
 * `for (const key in req.body)`, `for (const [k, v] of Object.entries(req.query))`), which the shared model
 * leaves unknown.
 */
export function loopInput(node: Node, context: RuleContext, locals: Locals, at: Node): Value | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return undefined;
  const loop = locals.lookup(inner.name, at)?.loop;
  if (!loop) return undefined;
  let right = unwrap(loop.right);
  if (right.type === 'CallExpression' && right.arguments[0] && /^Object\.(?:keys|values|entries)$/.test(context.qualifiedName(right.callee) ?? '')) {
    right = unwrap(right.arguments[0]);
  }
  const value = context.evaluate(right);
  if (value.kind === 'tainted') return value;
  if (value.kind === 'source') return { kind: 'tainted', source: value.node, label: value.source.label };
  return undefined;
}

const MAX_DEPTH = 4;

/** Calls that hand back structured data from their input: parsing or copying. */
const STRUCTURE_KEEPING = /^(?:JSON\.parse|Object\.assign|qs\.parse|querystring\.parse|structuredClone|lodash\.cloneDeep|_\.cloneDeep|lodash\.clone|_\.clone)$/;

/**
 * The input value when `node` passes request input on as it was parsed, so it may be an object or an array
 * rather than a string: `req.body.email`, a name destructured from `req.body`, `JSON.parse(req.query.f)`.
 * Undefined when the code turned it into text or a number first (`String(x)`, `` `${x}` ``, `x.trim()`).
 */
export function asParsed(node: Node, context: RuleContext, locals: Locals, at: Node, depth = 0): Value | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrap(node);
  const value = context.evaluate(inner);
  if (!isInput(value)) return undefined;
  switch (inner.type) {
    case 'MemberExpression':
      return value;
    case 'Identifier': {
      const local = locals.lookup(inner.name, at);
      if (!local || local.param) return value;
      if (local.loop?.kind === 'in') return undefined;
      if (local.loop?.kind === 'of') {
        // `for (const [key, value] of Object.entries(x))`: the key is text.
        return local.loop.index === 0 && isEntries(local.loop.right, context) ? undefined : value;
      }
      if (local.container) return value;
      if (local.pieces.length > 1) return undefined;
      return local.init ? asParsed(local.init, context, locals, at, depth + 1) : value;
    }
    case 'CallExpression': {
      const name = context.qualifiedName(inner.callee);
      return name !== undefined && STRUCTURE_KEEPING.test(name) ? value : undefined;
    }
    case 'AwaitExpression':
      return asParsed(inner.argument, context, locals, at, depth + 1);
    case 'LogicalExpression':
      return asParsed(inner.left, context, locals, at, depth + 1) ?? asParsed(inner.right, context, locals, at, depth + 1);
    case 'ConditionalExpression':
      return asParsed(inner.consequent, context, locals, at, depth + 1) ?? asParsed(inner.alternate, context, locals, at, depth + 1);
    case 'AssignmentExpression':
      return asParsed(inner.right, context, locals, at, depth + 1);
    default:
      return undefined;
  }
}

function isEntries(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  return inner.type === 'CallExpression' && context.qualifiedName(inner.callee) === 'Object.entries';
}

/** What a body value is: the whole body, or a sub-object or remainder of it. */
export interface BodyUse {
  value: Value;
  /** A nested object (`req.body.user`) or what is left after taking some fields out (`...rest`). */
  partial: boolean;
}

/**
 * The request body when `node` is all of it (`req.body`, `ctx.request.body`, `await req.json()`, a copy or spread
 * of it), or a nested object or remainder of it. Undefined for picked fields and for anything else.
 */
export function wholeBody(node: Node, context: RuleContext, locals: Locals, at: Node, depth = 0): BodyUse | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'MemberExpression': {
      const value = context.evaluate(inner);
      if (!isBodyInput(value)) return undefined;
      if (isBodyRoot(inner, context)) return { value, partial: false };
      const parent = wholeBody(inner.object, context, locals, at, depth + 1);
      return parent && !parent.partial ? { value, partial: true } : undefined;
    }
    case 'Identifier': {
      const value = context.evaluate(inner);
      if (!isBodyInput(value)) return undefined;
      const local = locals.lookup(inner.name, at);
      if (!local || local.param || local.loop) return undefined;
      if (local.container) {
        const container = unwrap(local.container);
        // `const { body } = req`
        if (local.key !== undefined && /^(?:body|payload)$/.test(local.key) && context.evaluate(container).kind === 'source') return { value, partial: false };
        const whole = wholeBody(container, context, locals, at, depth + 1);
        if (!whole || whole.partial) return undefined;
        // `const { password, ...data } = req.body` keeps the rest; `const { user } = req.body` is a nested object.
        return local.rest || local.key !== undefined ? { value, partial: true } : undefined;
      }
      if (local.pieces.length !== 1 || !local.init) return undefined;
      return wholeBody(local.init, context, locals, at, depth + 1);
    }
    case 'CallExpression': {
      const name = context.qualifiedName(inner.callee);
      const callee = unwrap(inner.callee);
      const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
      if (method === 'json' && isBodyInput(context.evaluate(inner))) return { value: context.evaluate(inner), partial: false };
      // JSON.parse(event.body): a raw body (AWS Lambda, text parsers) parsed by hand.
      const raw = name === 'JSON.parse' && inner.arguments[0] ? unwrap(inner.arguments[0]) : undefined;
      if (raw?.type === 'MemberExpression' && isBodyRoot(raw, context)) {
        const value = context.evaluate(raw);
        if (isBodyInput(value)) return { value, partial: false };
      }
      if (name === 'Object.assign' || name === 'structuredClone' || name === 'lodash.cloneDeep' || name === '_.cloneDeep') {
        const sources = name === 'Object.assign' ? inner.arguments.slice(1) : inner.arguments;
        if (name === 'Object.assign' && !isEmptyObject(inner.arguments[0])) return undefined;
        for (const arg of sources) {
          const use = wholeBody(arg, context, locals, at, depth + 1);
          if (use) return use;
        }
      }
      return undefined;
    }
    case 'ObjectExpression':
      for (const property of inner.properties) {
        if (property.type !== 'SpreadElement') continue;
        const use = wholeBody(property.argument, context, locals, at, depth + 1);
        if (use) return use;
      }
      return undefined;
    case 'AwaitExpression':
      return wholeBody(inner.argument, context, locals, at, depth + 1);
    case 'LogicalExpression':
      return wholeBody(inner.left, context, locals, at, depth + 1);
    default:
      return undefined;
  }
}

function isBodyRoot(node: TSESTree.MemberExpression, context: RuleContext): boolean {
  const property = propertyName(node);
  return (property === 'body' || property === 'payload') && context.evaluate(node.object).kind === 'source';
}

export function isEmptyObject(node: Node | undefined): boolean {
  const inner = node && unwrap(node);
  return inner?.type === 'ObjectExpression' && inner.properties.length === 0;
}

/** The last segment of a callee or member chain: `create` in `User.create`. */
export function methodName(callee: Node): string | undefined {
  const inner = unwrap(callee);
  if (inner.type === 'MemberExpression') return propertyName(inner);
  if (inner.type === 'Identifier') return inner.name;
  return undefined;
}

/** `User` in `User.create`, `userRepository` in `this.userRepository.save`, `collection` in `db.collection('x').find`. */
export function receiverName(callee: Node): string | undefined {
  const inner = unwrap(callee);
  if (inner.type !== 'MemberExpression') return undefined;
  const object = unwrap(inner.object);
  if (object.type === 'Identifier') return object.name;
  if (object.type === 'MemberExpression') return propertyName(object);
  if (object.type === 'CallExpression') return methodName(object.callee);
  if (object.type === 'ThisExpression') return 'this';
  return memberPath(object);
}
