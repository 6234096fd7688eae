// prototype-pollution: writes through keys or paths chosen by a client, unguarded recursive merges, deep merge of input.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Confidence, Node } from '../types';
import { isFunction, propertyName, staticString, unwrap } from '../ast';
import { flatten } from '../url-flow';
import { asParsed, inputLabel, isInput, isStructuredInput, methodName, requestLocals, withLocals } from '../request-values';
import type { Value } from '../bindings';

const locals = requestLocals;

/** Deep merges: every argument after the target is merged into it recursively. */
const DEEP_MERGES: Record<string, string> = {
  'lodash.merge': '_.merge', 'lodash/merge': '_.merge', 'lodash-es.merge': '_.merge', '_.merge': '_.merge',
  'lodash.mergeWith': '_.mergeWith', 'lodash/mergeWith': '_.mergeWith', '_.mergeWith': '_.mergeWith',
  'lodash.defaultsDeep': '_.defaultsDeep', 'lodash/defaultsDeep': '_.defaultsDeep', '_.defaultsDeep': '_.defaultsDeep',
  deepmerge: 'deepmerge', 'deepmerge.all': 'deepmerge.all', 'merge-deep': 'merge-deep', 'mixin-deep': 'mixin-deep',
  'deep-extend': 'deep-extend', 'defaults-deep': 'defaults-deep', 'assign-deep': 'assign-deep', 'merge.recursive': 'merge.recursive',
  'lodash.merge.merge': '_.merge',
};
/** Setters by path: the second argument is a dotted path or key list. */
const PATH_SETTERS: Record<string, string> = {
  'lodash.set': '_.set', 'lodash/set': '_.set', 'lodash-es.set': '_.set', '_.set': '_.set',
  'lodash.setWith': '_.setWith', 'lodash/setWith': '_.setWith', '_.setWith': '_.setWith',
  'object-path.set': 'objectPath.set', 'dot-prop.setProperty': 'setProperty', 'dot-prop.set': 'dotProp.set',
  'set-value': 'set-value', dset: 'dset', 'dset.dset': 'dset',
};
/** `extend(true, target, ...)`: deep only when the first argument is `true`. */
const DEEP_WHEN_TRUE = new Set(['$.extend', 'jQuery.extend', 'jquery.extend', 'extend', 'node.extend']);
const ITERATORS = new Set(['forEach', 'map', 'reduce', 'some', 'every', 'filter', 'flatMap']);
/** Literals whose comparison means the code filters dangerous keys. */
const DANGEROUS_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const GUARD_METHODS = new Set(['hasOwnProperty', 'hasOwn', 'includes', 'has', 'indexOf', 'test', 'propertyIsEnumerable']);
const GUARD_FUNCTION = /safe|valid|allow|forbid|unsafe|dangerous|proto|pollut|isKey|reserved/i;

interface Scope {
  /** The function compares some key with "__proto__" / "constructor" / "prototype", or freezes the prototype. */
  guardsAll: boolean;
  /** Source texts of keys checked in the function (hasOwnProperty, includes, has, a validator). */
  guarded: Set<string>;
  /** Names walked down an object: `cur = cur[key]`. */
  walked: Set<string>;
  /** Recursive calls of the function on one of its own keys: `merge(target[key], source[key])`. */
  recursive: boolean;
  pendingWrites: PendingWrite[];
}

interface PendingWrite {
  node: TSESTree.AssignmentExpression;
  target: string | undefined;
  keyValue?: Value;
  /** The written value when it may be an object from input (captured when the write is visited). */
  parsed?: Value;
  /** Key of a loop over one of this function's parameters, for the merge-utility pattern. */
  paramKey: boolean;
  /** Key from splitting a dotted path string. */
  splitKey: boolean;
}

const scopes = new WeakMap<Node, Scope>();
const fileGuards = new WeakMap<RuleContext, boolean>();

function scopeFor(node: Node): Scope {
  let scope = scopes.get(node);
  if (!scope) {
    scope = { guardsAll: false, guarded: new Set(), walked: new Set(), recursive: false, pendingWrites: [] };
    scopes.set(node, scope);
  }
  return scope;
}

function functionOf(node: Node): TSESTree.FunctionLike | undefined {
  for (let current: Node | undefined = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** Scopes of every function around `at`, innermost first. */
function* scopesAround(at: Node): Generator<Scope> {
  for (let current: Node | undefined = at; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const scope = scopes.get(current);
    if (scope) yield scope;
  }
}

function isGuarded(key: Node, at: Node, context: RuleContext): boolean {
  if (fileGuards.get(context)) return true;
  const text = context.source(unwrap(key));
  for (const scope of scopesAround(at)) if (scope.guardsAll || scope.guarded.has(text)) return true;
  return false;
}

// ---------- recording guards ----------

function onBinary(node: TSESTree.BinaryExpression): void {
  const fn = functionOf(node);
  if (!fn) return;
  if (!['===', '!==', '==', '!='].includes(node.operator)) return;
  const left = staticString(node.left as Node);
  const right = staticString(node.right);
  if ((left !== undefined && DANGEROUS_KEYS.has(left)) || (right !== undefined && DANGEROUS_KEYS.has(right))) scopeFor(fn).guardsAll = true;
}

function onGuardCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  if (name === 'Object.freeze' || name === 'Object.seal' || name === 'Object.preventExtensions') {
    const target = node.arguments[0] && context.source(unwrap(node.arguments[0]));
    if (target === 'Object.prototype') fileGuards.set(context, true);
    return;
  }
  const fn = functionOf(node);
  if (!fn) return;
  const method = methodName(callee);
  if (method === undefined) return;
  const isGuard = (callee.type === 'MemberExpression' && GUARD_METHODS.has(method)) || GUARD_FUNCTION.test(method) || (name !== undefined && /\.hasOwnProperty\.call$/.test(name));
  if (!isGuard) return;
  const scope = scopeFor(fn);
  for (const arg of node.arguments) {
    const literal = staticString(arg);
    if (literal !== undefined && DANGEROUS_KEYS.has(literal)) scope.guardsAll = true;
    scope.guarded.add(context.source(unwrap(arg)));
  }
  // ['__proto__', 'constructor'].includes(key)
  if (callee.type === 'MemberExpression') {
    const receiver = unwrap(callee.object);
    if (receiver.type === 'ArrayExpression' && receiver.elements.some((element) => element && DANGEROUS_KEYS.has(staticString(element) ?? ''))) scope.guardsAll = true;
  }
}

/** `FORBIDDEN = new Set(['__proto__', ...])` and similar literal lists anywhere in the function. */
function onLiteral(node: TSESTree.Literal): void {
  if (typeof node.value !== 'string' || !DANGEROUS_KEYS.has(node.value)) return;
  const parent = node.parent;
  if (parent?.type !== 'ArrayExpression') return;
  const fn = functionOf(node);
  if (fn) scopeFor(fn).guardsAll = true;
}

// ---------- where keys come from ----------

/** Input the rule cares about: request data and messages, not command-line arguments. */
function accepted(value: Value): boolean {
  return isInput(value) && !/^process\.argv/.test(inputLabel(value));
}

/** `Object.keys(x)` / `Object.entries(x)` / `Object.getOwnPropertyNames(x)`: the object whose keys are listed. */
function keysOf(node: Node, context: RuleContext): { object: Node; entries: boolean } | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'CallExpression' || !inner.arguments[0]) return undefined;
  const name = context.qualifiedName(inner.callee);
  if (name === 'Object.keys' || name === 'Object.getOwnPropertyNames' || name === 'Reflect.ownKeys') return { object: inner.arguments[0], entries: false };
  if (name === 'Object.entries') return { object: inner.arguments[0], entries: true };
  return undefined;
}

interface KeyOrigin {
  /** The input the key comes from, when it is request input. */
  value?: Value;
  /** The key iterates over the keys of one of the enclosing function's parameters. */
  paramKey: boolean;
}

/**
 * Where a key comes from: request input directly (`req.body.key`), a loop over the keys of request input
 * (`for (k in req.body)`, `Object.keys(req.body).forEach((k) => ...)`), the parts of a path from input
 * (`for (const part of req.body.path.split('.'))`), or a loop over a parameter's keys.
 */
function keyOrigin(key: Node, at: Node, context: RuleContext): KeyOrigin {
  const inner = unwrap(key);
  const value = context.evaluate(inner);
  if (accepted(value)) return { value: keyShapeAllows(inner) ? value : undefined, paramKey: false };
  if (inner.type !== 'Identifier') return { paramKey: false };
  const local = locals.lookup(inner.name, at);
  if (local?.loop) return loopOrigin(local.loop.kind, local.loop.right, local.loop.index, at, context);
  if (local?.param) {
    const fn = declaringFunction(inner.name, at);
    const call = fn?.parent;
    if (!fn || call?.type !== 'CallExpression' || call.arguments[0] !== fn) return { paramKey: false };
    const callee = unwrap(call.callee);
    const method = methodName(callee);
    if (callee.type !== 'MemberExpression' || method === undefined || !ITERATORS.has(method)) return { paramKey: false };
    const position = paramPosition(fn, inner.name);
    if (!position || position.index !== (method === 'reduce' ? 1 : 0)) return { paramKey: false };
    return loopOrigin('of', callee.object, position.element, fn, context);
  }
  return { paramKey: false };
}

function loopOrigin(kind: 'in' | 'of', right: Node, index: number | undefined, at: Node, context: RuleContext): KeyOrigin {
  let object: Node | undefined;
  if (kind === 'in') object = right;
  else {
    const keys = keysOf(right, context);
    if (keys && (!keys.entries || index === 0)) object = keys.object;
    else if (!keys && index === undefined) {
      // for (const part of req.body.path.split('.')): each part is input.
      const value = context.evaluate(right);
      return { value: accepted(value) ? value : undefined, paramKey: false };
    }
  }
  if (!object) return { paramKey: false };
  const value = context.evaluate(object);
  const inner = unwrap(object);
  const paramKey = inner.type === 'Identifier' && locals.lookup(inner.name, at)?.param === true;
  return { value: accepted(value) ? value : undefined, paramKey };
}

function declaringFunction(name: string, at: Node): TSESTree.FunctionLike | undefined {
  for (let current: Node | undefined = at; current; current = current.parent) {
    if (isFunction(current) && paramPosition(current, name)) return current;
  }
  return undefined;
}

/** Index of the parameter binding `name`, and its index inside an array pattern (`([key, value]) =>`). */
function paramPosition(fn: TSESTree.FunctionLike, name: string): { index: number; element?: number } | undefined {
  for (let index = 0; index < fn.params.length; index++) {
    let param: Node = fn.params[index];
    if (param.type === 'AssignmentPattern') param = param.left;
    if (param.type === 'Identifier' && param.name === name) return { index };
    if (param.type === 'ArrayPattern') {
      const element = param.elements.findIndex((item) => item?.type === 'Identifier' && item.name === name);
      if (element >= 0) return { index, element };
    }
  }
  return undefined;
}

/** A dotted-path separator: '.', /\./, /[.[\]]/. */
function isPathSeparator(node: Node | undefined): boolean {
  if (!node) return false;
  const text = staticString(node);
  if (text !== undefined) return text === '.' || text === '/';
  const inner = unwrap(node);
  return inner.type === 'Literal' && 'regex' in inner && inner.regex !== undefined && /\\\.|\[|\//.test(inner.regex.pattern);
}

/** An array from splitting a non-constant string on '.' (or a slice, filter or map of one). */
function isSplitArray(node: Node, at: Node, context: RuleContext, depth = 0): boolean {
  if (depth > 4) return false;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') {
    const local = locals.lookup(inner.name, at);
    return !!local && !local.param && local.pieces.length === 1 && !!local.init && isSplitArray(local.init, at, context, depth + 1);
  }
  if (inner.type !== 'CallExpression') return false;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === 'split') return isPathSeparator(inner.arguments[0]) && context.evaluate(callee.object).kind !== 'constant';
  return ['slice', 'filter', 'map', 'reverse'].includes(method ?? '') && isSplitArray(callee.object, at, context, depth + 1);
}

/** A key taken from the parts of a dotted path string: `const [key, sub] = name.split('.')`, `for (const k of path.split('.'))`. */
function isSplitKey(key: Node, at: Node, context: RuleContext, depth = 0): boolean {
  if (depth > 4) return false;
  const inner = unwrap(key);
  if (inner.type === 'Identifier') {
    const local = locals.lookup(inner.name, at);
    if (!local || local.param) return false;
    if (local.loop?.kind === 'of') return local.loop.index === undefined && isSplitArray(local.loop.right, at, context);
    if (local.container) return local.key === undefined && !local.rest && isSplitArray(local.container, at, context);
    return local.pieces.length === 1 && !!local.init && isSplitKey(local.init, at, context, depth + 1);
  }
  if (inner.type === 'MemberExpression') return inner.computed && isSplitArray(inner.object, at, context);
  if (inner.type === 'CallExpression') {
    const callee = unwrap(inner.callee);
    const method = methodName(callee);
    if (callee.type === 'MemberExpression' && ['pop', 'shift', 'at'].includes(method ?? '')) return isSplitArray(callee.object, at, context);
    if (callee.type === 'MemberExpression' && ['trim', 'toLowerCase', 'toString'].includes(method ?? '')) return isSplitKey(callee.object, at, context, depth + 1);
    const name = context.qualifiedName(callee);
    if ((name === 'decodeURIComponent' || name === 'String') && inner.arguments[0]) return isSplitKey(inner.arguments[0], at, context, depth + 1);
  }
  return false;
}

/** A key with fixed text around it (`user_${id}`, 'x' + k) can never be "__proto__". */
function keyShapeAllows(key: Node): boolean {
  const inner = unwrap(key);
  if (inner.type !== 'TemplateLiteral' && !(inner.type === 'BinaryExpression' && inner.operator === '+')) return true;
  return flatten(inner).every((part) => !('text' in part) || part.text === '');
}

// ---------- sinks ----------

function rootName(node: Node): string | undefined {
  let current = unwrap(node);
  while (current.type === 'MemberExpression') current = unwrap(current.object);
  return current.type === 'Identifier' ? current.name : undefined;
}

/** A target created without a prototype (`Object.create(null)`) or a Map, where "__proto__" is an ordinary key. */
function isPrototypeFree(target: Node, at: Node, context: RuleContext): boolean {
  const inner = unwrap(target);
  if (inner.type !== 'Identifier') return false;
  const init = locals.lookup(inner.name, at)?.init;
  const initInner = init && unwrap(init);
  if (!initInner || (initInner.type !== 'CallExpression' && initInner.type !== 'NewExpression')) return false;
  const name = context.qualifiedName(initInner.callee);
  if (name === 'Object.create') {
    const proto = initInner.arguments[0] && unwrap(initInner.arguments[0]);
    return proto?.type === 'Literal' && proto.value === null;
  }
  return name === 'Map' || name === 'WeakMap';
}

function onAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  // cur = cur[key]: a path walk.
  if (node.operator === '=') recordWalk(node);
  const left = unwrap(node.left);
  if (left.type !== 'MemberExpression') return;
  if (literalPrototypeWrite(node, left, context)) return;
  if (!left.computed) {
    // stats[req.query.name].count = 1
    const object = unwrap(left.object);
    if (object.type === 'MemberExpression' && object.computed) checkNested(node, object, undefined, context);
    return;
  }
  const object = unwrap(left.object);
  if (object.type === 'MemberExpression' && object.computed) {
    if (checkNested(node, object, left.property, context)) return;
  }
  const origin = keyOrigin(left.property, node, context);
  const splitKey = !origin.value && !origin.paramKey && isSplitKey(left.property, node, context);
  if (!origin.value && !origin.paramKey && !splitKey) return;
  if (isGuarded(left.property, node, context) || isPrototypeFree(left.object, node, context)) return;
  const fn = functionOf(node);
  if (!fn) {
    if (origin.value) reportDirect(node, origin.value, asParsed(node.right, context, locals, node), context);
    return;
  }
  scopeFor(fn).pendingWrites.push({
    node,
    target: rootName(left.object),
    keyValue: origin.value,
    parsed: origin.value ? asParsed(node.right, context, locals, node) : undefined,
    paramKey: origin.paramKey,
    splitKey,
  });
}

function recordWalk(node: TSESTree.AssignmentExpression): void {
  const left = unwrap(node.left);
  if (left.type !== 'Identifier') return;
  let right = unwrap(node.right);
  if (right.type === 'LogicalExpression') right = unwrap(right.left);
  if (right.type !== 'MemberExpression' || !right.computed) return;
  const fn = functionOf(node);
  if (fn && rootName(right.object) === left.name) scopeFor(fn).walked.add(left.name);
}

/** `obj[a][b] = v` with a chosen by the client: with a = "__proto__" this writes onto Object.prototype. */
function checkNested(node: TSESTree.AssignmentExpression, object: TSESTree.MemberExpression, innerKey: Node | undefined, context: RuleContext): boolean {
  const origin = keyOrigin(object.property, node, context);
  if (isGuarded(object.property, node, context) || isPrototypeFree(object.object, node, context)) return false;
  if (!origin.value) {
    if (!isSplitKey(object.property, node, context)) return false;
    context.report({
      node,
      message: 'This write goes through a key split from a dotted string; if the string can come from a client, the key "__proto__" makes it write onto Object.prototype, adding the property to every object.',
      confidence: 'medium',
    });
    return true;
  }
  const second = innerKey ? context.evaluate(innerKey) : undefined;
  const confidence: Confidence = (second && accepted(second)) || accepted(context.evaluate(node.right)) ? 'high' : 'medium';
  const evidence = sinkEvidence(origin.value, undefined);
  context.report({
    node,
    message: `This write goes through a key taken from ${inputLabel(origin.value)}; with the key "__proto__" it lands on Object.prototype and adds the property to every object in the process (privilege flags, options of later calls).`,
    confidence,
    related: evidence?.related ?? [],
  });
  return true;
}

function reportDirect(node: TSESTree.AssignmentExpression, key: Value, parsed: Value | undefined, context: RuleContext, walked = false): void {
  const evidence = sinkEvidence(key, undefined);
  if (walked) {
    context.report({
      node,
      message: `This path walk assigns through keys taken from ${inputLabel(key)}; a path such as "__proto__.isAdmin" writes onto Object.prototype and adds the property to every object in the process.`,
      confidence: 'high',
      related: evidence?.related ?? [],
    });
    return;
  }
  // A scalar written under "__proto__" is ignored; an object from input replaces the target's prototype.
  if (!parsed) return;
  context.report({
    node,
    message: `The key of this write comes from ${inputLabel(key)}; a client can send "__proto__" with an object and replace this object's prototype, injecting inherited properties such as isAdmin.`,
    confidence: 'medium',
    related: evidence?.related ?? [],
  });
}

/** `x.__proto__.polluted = v`, `obj.constructor.prototype[k] = v`: writing into a shared prototype through an instance. */
function literalPrototypeWrite(node: TSESTree.AssignmentExpression, left: TSESTree.MemberExpression, context: RuleContext): boolean {
  let current: Node = unwrap(left.object);
  let proto = false;
  let constructorPrototype = false;
  while (current.type === 'MemberExpression') {
    const name = propertyName(current);
    if (name === '__proto__') proto = true;
    if (name === 'prototype' && unwrap(current.object).type === 'MemberExpression' && propertyName(unwrap(current.object) as TSESTree.MemberExpression) === 'constructor') constructorPrototype = true;
    current = unwrap(current.object);
  }
  if (!proto && !constructorPrototype) return false;
  // `Child.prototype.__proto__ = ...` sets up inheritance; only writes *into* the prototype count, from an instance.
  if (current.type === 'ThisExpression' || (current.type === 'Identifier' && /^[A-Z]/.test(current.name))) return false;
  const key = left.computed ? context.evaluate(left.property) : undefined;
  const value = context.evaluate(node.right);
  const input = key && accepted(key) ? key : accepted(value) ? value : undefined;
  // Mixins write through constructor.prototype on purpose; only input makes that a finding.
  if (!input && !proto) return false;
  const evidence = input ? sinkEvidence(input, undefined) : undefined;
  context.report({
    node,
    message: input
      ? `This writes ${inputLabel(input)} into a shared prototype through __proto__ / constructor.prototype, so the property appears on every object of that type.`
      : 'This writes into a shared prototype through __proto__ / constructor.prototype, so the property appears on every object of that type; set it on the object itself or use Object.defineProperty on a class you own.',
    confidence: input ? 'high' : 'medium',
    related: evidence?.related ?? [],
  });
  return true;
}

/** Deep merges, path setters and `extend(true, ...)` fed with input. */
function onCall(node: TSESTree.CallExpression, context: RuleContext): void {
  onGuardCall(node, context);
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  recordRecursion(node, callee);
  if (name === undefined) return;
  if (DEEP_MERGES[name] || (DEEP_WHEN_TRUE.has(name) && isTrue(node.arguments[0]))) {
    const display = DEEP_MERGES[name] ?? name;
    const sources = name === 'deepmerge.all' ? node.arguments : DEEP_WHEN_TRUE.has(name) ? node.arguments.slice(2) : node.arguments.slice(1);
    for (const source of sources) {
      const value = mergedInput(source, node, context);
      if (!value) continue;
      const evidence = sinkEvidence(value, undefined);
      context.report({
        node,
        message: `${display}() deep-merges ${inputLabel(value)} into an object; a payload with a "__proto__" or "constructor.prototype" key adds properties to Object.prototype unless the installed version filters those keys.`,
        confidence: 'medium',
        related: evidence?.related ?? [],
      });
      return;
    }
    return;
  }
  // deepMerge(defaults, req.body): judged at the end, once we know whether deepMerge is an unguarded merge.
  if (callee.type === 'Identifier' && !PATH_SETTERS[name]) {
    for (const arg of node.arguments.slice(1)) {
      const value = mergedInput(arg, node, context);
      if (!value) continue;
      const list = callsSeen.get(context) ?? [];
      list.push({ node, name: callee.name, value });
      callsSeen.set(context, list);
      break;
    }
  }
  if (PATH_SETTERS[name]) {
    const path = node.arguments[1];
    if (!path || path.type === 'SpreadElement') return;
    const value = context.evaluate(path);
    if (!accepted(value) || !keyShapeAllows(path) || isGuarded(path, node, context)) return;
    const evidence = sinkEvidence(value, undefined);
    context.report({
      node,
      message: `${PATH_SETTERS[name]}() sets a property path taken from ${inputLabel(value)}; a path such as "__proto__.isAdmin" or "constructor.prototype.isAdmin" adds the property to every object unless the installed version blocks those keys.`,
      confidence: 'high',
      related: evidence?.related ?? [],
    });
  }
}

function isTrue(node: Node | undefined): boolean {
  const inner = node && unwrap(node);
  return inner?.type === 'Literal' && inner.value === true;
}

/** An object from input merged as a whole: `req.body`, `JSON.parse(req.body.settings)`, `{ ...req.body.prefs }`. */
function mergedInput(node: Node, at: Node, context: RuleContext): Value | undefined {
  if (node.type === 'SpreadElement') return mergedInput(node.argument, at, context);
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression') {
    // Only spreads carry the input's own keys to the top level; `{ name: req.body.name }` picks a field.
    for (const property of inner.properties) {
      const value = property.type === 'SpreadElement' ? mergedInput(property, at, context) : undefined;
      if (value) return value;
    }
    return undefined;
  }
  if (inner.type === 'ArrayExpression') {
    for (const element of inner.elements) {
      const value = element ? mergedInput(element, at, context) : undefined;
      if (value) return value;
    }
    return undefined;
  }
  const value = asParsed(inner, context, locals, at);
  if (!value || !accepted(value)) return undefined;
  const parsed = inner.type === 'CallExpression' && context.qualifiedName(inner.callee) === 'JSON.parse';
  return parsed || isStructuredInput(value) || /message data|^IPC/.test(inputLabel(value)) ? value : undefined;
}

// ---------- recursive merge utilities ----------

/** The name a function is known by inside itself: its own name, or the variable or property it is assigned to. */
function functionName(fn: Node): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') return propertyName(parent);
  if (parent?.type === 'FunctionExpression' && (parent.parent?.type === 'MethodDefinition')) return propertyName(parent.parent);
  return undefined;
}

/** `merge(target[key], source[key])` / `this.merge(...)` inside `merge`. */
function recordRecursion(node: TSESTree.CallExpression, callee: Node): void {
  const called = methodName(callee);
  if (called === undefined) return;
  if (!node.arguments.some((arg) => { const inner = unwrap(arg); return inner.type === 'MemberExpression' && inner.computed; })) return;
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current);
    if (name === called) {
      for (let inner: Node | undefined = node.parent; inner; inner = inner.parent) {
        if (isFunction(inner)) {
          scopeFor(inner).recursive = true;
          if (inner === current) break;
        }
      }
      return;
    }
  }
}

function isRecursive(fn: Node): boolean {
  for (let current: Node | undefined = fn; current; current = current.parent) {
    if (isFunction(current) && scopes.get(current)?.recursive) return true;
  }
  return false;
}

function finish(context: RuleContext, fns: Node[]): Set<string> {
  const unsafeMerges = new Set<string>();
  for (const fn of fns) {
    const scope = scopes.get(fn);
    if (!scope) continue;
    for (const write of scope.pendingWrites) {
      const walked = write.target !== undefined && ([...scopesAround(write.node)].some((around) => around.walked.has(write.target as string)) || inReduceWalk(write));
      if (write.keyValue) {
        reportDirect(write.node, write.keyValue, write.parsed, context, walked);
        continue;
      }
      if (write.splitKey) {
        if (walked) {
          context.report({
            node: write.node,
            message: 'This path walk assigns through keys split from a dotted string without rejecting "__proto__" or "constructor"; if the path can come from a client, it writes onto Object.prototype.',
            confidence: 'medium',
          });
        }
        continue;
      }
      // The merge must write into an object it was given (a fresh `{}` result only gets its own prototype swapped).
      if (!write.paramKey || !copiesSameKey(write.node) || !isRecursive(fn) || !writesIntoParameter(write, fn)) continue;
      const name = mergeName(fn);
      if (name !== undefined) unsafeMerges.add(name);
      context.report({
        node: write.node,
        message: 'This recursive merge copies every key of its source, "__proto__" and "constructor" included; merging a parsed JSON object with such a key writes onto Object.prototype.',
        confidence: 'medium',
      });
    }
  }
  return unsafeMerges;
}

function writesIntoParameter(write: PendingWrite, fn: Node): boolean {
  if (write.target === undefined) return false;
  const local = locals.lookup(write.target, fn);
  return local?.param === true;
}

/** The name of the recursive function around a merge write. */
function mergeName(fn: Node): string | undefined {
  for (let current: Node | undefined = fn; current; current = current.parent) {
    if (isFunction(current) && scopes.get(current)?.recursive) {
      const name = functionName(current);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/** `target[key] = source[key]`: the copy step of a merge (not `target[key] = {}`). */
function copiesSameKey(node: TSESTree.AssignmentExpression): boolean {
  const left = unwrap(node.left);
  const right = unwrap(node.right);
  if (left.type !== 'MemberExpression' || right.type !== 'MemberExpression' || !right.computed) return false;
  const key = unwrap(left.property);
  const other = unwrap(right.property);
  return key.type === 'Identifier' && other.type === 'Identifier' && key.name === other.name;
}

/** `path.split('.').reduce((obj, key) => (obj[key] = obj[key] || {}), target)`: each step walks down. */
function inReduceWalk(write: PendingWrite): boolean {
  const fn = functionOf(write.node);
  const call = fn?.parent;
  if (!fn || call?.type !== 'CallExpression' || methodName(call.callee) !== 'reduce') return false;
  const first = fn.params[0];
  return first?.type === 'Identifier' && first.name === write.target;
}

const functionsSeen = new WeakMap<RuleContext, Node[]>();
/** Calls of local functions with input as a later argument: `deepMerge(defaults, req.body)`. */
const callsSeen = new WeakMap<RuleContext, { node: TSESTree.CallExpression; name: string; value: Value }[]>();

function onFunction(node: Node, context: RuleContext): void {
  const list = functionsSeen.get(context) ?? [];
  list.push(node);
  functionsSeen.set(context, list);
}

export const prototypePollution: Rule = {
  meta: {
    id: 'prototype-pollution',
    category: 'data-handling',
    title: 'Prototype pollution',
    description: 'Writes through client-chosen keys or paths, unguarded recursive merges and deep merges of request input can add properties to Object.prototype.',
    severity: 'error',
    cwe: [1321],
    fixable: false,
  },
  visitors: withLocals({
    AssignmentExpression: onAssignment,
    CallExpression: onCall,
    BinaryExpression: onBinary,
    Literal: onLiteral,
    FunctionDeclaration: onFunction,
    FunctionExpression: onFunction,
    ArrowFunctionExpression: onFunction,
  }),
  finish(context) {
    const fns = functionsSeen.get(context) ?? [];
    functionsSeen.delete(context);
    fileGuards.delete(context);
    const calls = callsSeen.get(context) ?? [];
    callsSeen.delete(context);
    const unsafeMerges = finish(context, fns);
    for (const call of calls) {
      if (!unsafeMerges.has(call.name)) continue;
      const evidence = sinkEvidence(call.value, undefined);
      context.report({
        node: call.node,
        message: `${call.name}() is a recursive merge that copies "__proto__" and "constructor" keys, and it receives ${inputLabel(call.value)}; a payload with such a key writes onto Object.prototype.`,
        confidence: 'high',
        related: evidence?.related ?? [],
      });
    }
  },
};
