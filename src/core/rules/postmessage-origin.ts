// postmessage-origin: postMessage to any origin ('*') and message listeners that act on data without checking who sent it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { findProperty, isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';

const DOM_GLOBAL = /\b(?:window|document)\./;
const IMPORT_SCRIPTS = /\bimportScripts\s*\(/;

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Data that identifies or authenticates a user. */
const SENSITIVE = /token|passw(?:or)?d|passwd|secret|session|jwt|auth|credential|api_?key|apikey|cookie|private|\buser(?:name)?\b|email|ssn|credit_?card|card_?number/i;
/** Values that are sizes and positions (iframe resizing), which tell a foreign page nothing. */
const LAYOUT = /^(?:height|width|scrollHeight|scrollWidth|offsetHeight|offsetWidth|clientHeight|clientWidth|top|left|x|y|size)$/i;
/** Receivers whose postMessage posts to the current window. */
const OWN_WINDOW = /^(?:window|self|globalThis)$/;
const WINDOW_TARGETS = /^(?:window|globalThis)$/;
const LISTENS = /['"`](?:window:)?message['"`]|\bonmessage\b/;

interface Facts {
  checked: boolean;
  usesData: boolean;
  /** The event object itself is handed on (to a validator or another handler): cannot see what happens to it. */
  passed: boolean;
}

interface Registration {
  node: Node;
  handler: Node;
}

interface State {
  /** The file registers a message listener somewhere: only then are handler facts worth collecting. */
  listens: boolean;
  facts: WeakMap<Node, Facts>;
  registrations: Registration[];
  /** Named functions and class members a handler may refer to. */
  named: Map<string, { fn: FunctionNode; scope: Node }[]>;
}
const states = new FileState<State>((context) => ({ listens: context.mentions(LISTENS), facts: new WeakMap(), registrations: [], named: new Map() }));

function state(context: RuleContext): State {
  return states.get(context);
}

function factsOf(fn: Node, context: RuleContext): Facts {
  const map = state(context).facts;
  let facts = map.get(fn);
  if (!facts) {
    facts = { checked: false, usesData: false, passed: false };
    map.set(fn, facts);
  }
  return facts;
}

/** The nearest function around `at` that takes `name` as its first parameter. */
function ownerOf(name: string, at: Node): Node | undefined {
  for (let current = at.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const first = current.params[0];
    if (first?.type === 'Identifier' && first.name === name) return current;
    if (current.params.some((param) => param.type === 'Identifier' && param.name === name)) return undefined;
  }
  return undefined;
}

function inConsoleCall(node: Node): boolean {
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === 'CallExpression' && /^console\./.test(memberPath(current.callee) ?? '')) return true;
    if (current.type === 'ExpressionStatement' || current.type === 'VariableDeclarator' || current.type === 'IfStatement') return false;
  }
  return false;
}

function note(key: string | undefined, fn: Node, at: Node, context: RuleContext): void {
  if (key === 'origin' || key === 'source') {
    if (!inConsoleCall(at)) factsOf(fn, context).checked = true;
  } else if (key === 'data') {
    if (!inConsoleCall(at)) factsOf(fn, context).usesData = true;
  }
}

// ---------- sending ----------

function sensitiveData(data: Node, context: RuleContext): boolean {
  return SENSITIVE.test(context.source(data));
}

/** Only sizes and constants: an iframe telling its parent how tall it is. */
function layoutOnly(data: Node, context: RuleContext): boolean {
  let inner = unwrap(data);
  if (inner.type === 'CallExpression' && memberPath(inner.callee) === 'JSON.stringify' && inner.arguments[0]) inner = unwrap(inner.arguments[0]);
  if (inner.type !== 'ObjectExpression') return false;
  return inner.properties.every((property) => {
    if (property.type !== 'Property') return false;
    if (context.evaluate(property.value).kind === 'constant') return true;
    const name = propertyName(property);
    const value = unwrap(property.value);
    const valueName = value.type === 'MemberExpression' ? propertyName(value) : value.type === 'Identifier' ? value.name : undefined;
    return (name !== undefined && LAYOUT.test(name)) || (valueName !== undefined && LAYOUT.test(valueName));
  });
}

function checkSend(node: TSESTree.CallExpression, context: RuleContext): boolean {
  const callee = unwrap(node.callee);
  const isPost = (callee.type === 'MemberExpression' && propertyName(callee) === 'postMessage') || (callee.type === 'Identifier' && callee.name === 'postMessage');
  if (!isPost) return false;
  const [data, target] = node.arguments;
  if (!data || !target) return true;
  const targetNode = unwrap(target);
  const origin = targetNode.type === 'ObjectExpression' ? findProperty(targetNode, 'targetOrigin')?.value : targetNode;
  if (!origin || staticString(origin) !== '*') return true;
  if (context.evaluate(data).kind === 'constant') return true;
  const receiver = callee.type === 'MemberExpression' ? memberPath(callee.object) : 'window';
  const own = receiver !== undefined && OWN_WINDOW.test(receiver);
  // Sizes for an embedding page (iframe resizing) tell whoever receives them nothing.
  if (layoutOnly(data, context)) return true;
  let confidence: Confidence = 'medium';
  // Posting to the page's own window reaches only this page's listeners: a habit to fix, rarely a leak.
  if (own) confidence = 'low';
  else if (sensitiveData(data, context)) confidence = 'high';
  const fixes: Fix[] = [];
  if (own) {
    // '/' means "the sender's own origin"; a window posting to itself always matches it, even with an opaque origin.
    const quote = context.source(origin).startsWith('"') ? '"' : "'";
    fixes.push({
      title: "Post only to this page's own origin ('/')",
      safety: 'safe',
      edits: [{ range: [origin.range[0], origin.range[1]], text: `${quote}/${quote}` }],
    });
  }
  context.report({
    node: context.source(node).includes('\n') ? callee : node,
    message: own
      ? `${receiver}.postMessage() uses target origin '*'; name this page's origin so the message cannot be delivered after the window navigates elsewhere.`
      : confidence === 'high'
      ? `${receiver ?? 'postMessage'}.postMessage() sends what looks like credentials or user data with target origin '*', so whatever page is loaded in that window (possibly an attacker's) receives it.`
      : `${receiver ?? 'postMessage'}.postMessage() uses target origin '*', so whatever page is loaded in the target window (possibly an attacker's) receives the message.`,
    confidence,
    fixes,
  });
  return true;
}

// ---------- receiving ----------

function isWindowReceiver(callee: TSESTree.MemberExpression | TSESTree.Identifier, context: RuleContext): boolean {
  if (callee.type === 'Identifier') {
    // A bare addEventListener is the window's in a page, the worker's in a worker script.
    return !/worker|[\\/]sw\.|service/i.test(context.filePath) && context.mentions(DOM_GLOBAL) && !context.mentions(IMPORT_SCRIPTS);
  }
  const object = unwrap(callee.object);
  const path = memberPath(object);
  if (path !== undefined) return WINDOW_TARGETS.test(path);
  // jQuery: $(window).on('message', ...)
  if (object.type === 'CallExpression' && object.callee.type === 'Identifier' && (object.callee.name === '$' || object.callee.name === 'jQuery')) {
    return memberPath(object.arguments[0] ?? object) === 'window';
  }
  return false;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (checkSend(node, context)) return;
  if (!state(context).listens) return;
  const callee = unwrap(node.callee);
  // The event object handed on as a whole.
  if (!/^console\./.test(memberPath(callee) ?? '')) {
    for (const arg of node.arguments) {
      const inner = unwrap(arg);
      if (inner.type !== 'Identifier') continue;
      const owner = ownerOf(inner.name, node);
      if (owner) factsOf(owner, context).passed = true;
    }
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'Identifier') return;
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.name;
  const isListen = method === 'addEventListener' || (method === 'on' && callee.type === 'MemberExpression' && unwrap(callee.object).type === 'CallExpression');
  if (!isListen || staticString(node.arguments[0]) !== 'message' || !node.arguments[1]) return;
  if (!isWindowReceiver(callee, context)) return;
  state(context).registrations.push({ node: context.source(node).includes('\n') ? callee : node, handler: node.arguments[1] });
}

function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (node.operator !== '=' || memberPath(node.left) !== 'window.onmessage') return;
  state(context).registrations.push({ node: node.left, handler: node.right });
}

function checkMember(node: TSESTree.MemberExpression, context: RuleContext): void {
  const key = propertyName(node);
  if ((key !== 'origin' && key !== 'data' && key !== 'source') || !state(context).listens) return;
  let object = unwrap(node.object);
  if (object.type === 'MemberExpression' && propertyName(object) === 'originalEvent') object = unwrap(object.object);
  if (object.type !== 'Identifier') return;
  const owner = ownerOf(object.name, node);
  if (owner) note(key, owner, node, context);
}

function declare(name: string, fn: FunctionNode, scope: Node, context: RuleContext): void {
  const named = state(context).named;
  const list = named.get(name) ?? [];
  list.push({ fn, scope });
  named.set(name, list);
}

function scopeOf(node: Node): Node {
  let current = node.parent;
  while (current && !isFunction(current) && current.type !== 'Program' && current.type !== 'ClassBody') current = current.parent;
  return current ?? node;
}

function checkDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  if (!node.init || !state(context).listens) return;
  const init = unwrap(node.init);
  if (node.id.type === 'Identifier' && isFunction(init)) declare(node.id.name, init, scopeOf(node), context);
  if (init.type !== 'Identifier') return;
  const owner = ownerOf(init.name, node);
  if (!owner) return;
  if (node.id.type === 'ObjectPattern') {
    for (const property of node.id.properties) {
      if (property.type === 'Property') note(propertyName(property), owner, node, context);
      else factsOf(owner, context).passed = true;
    }
  } else {
    factsOf(owner, context).passed = true;
  }
}

function checkFunctionDeclaration(node: TSESTree.FunctionDeclaration, context: RuleContext): void {
  if (node.id && state(context).listens) declare(node.id.name, node, scopeOf(node), context);
}

/** Class members (`this.handleMessage`), and Angular's `@HostListener('window:message', ['$event'])`. */
function checkMethod(node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, context: RuleContext): void {
  const name = propertyName(node);
  const value = node.value && unwrap(node.value);
  if (name === undefined || !value || !isFunction(value) || !state(context).listens) return;
  declare(`this.${name}`, value, scopeOf(node), context);
  for (const decorator of node.decorators ?? []) {
    const expression = unwrap(decorator.expression);
    if (expression.type !== 'CallExpression' || memberPath(expression.callee) !== 'HostListener') continue;
    if (staticString(expression.arguments[0]) === 'window:message') state(context).registrations.push({ node: decorator, handler: value });
  }
}

/** Vue options API: `methods: { onMessage(e) {...} }` is `this.onMessage` anywhere in the component. */
function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  const value = unwrap(node.value);
  if (!isFunction(value) || !state(context).listens) return;
  const methods = node.parent?.parent;
  const component = methods?.parent;
  if (methods?.type !== 'Property' || propertyName(methods) !== 'methods' || component?.type !== 'ObjectExpression') return;
  const name = propertyName(node);
  if (name !== undefined) declare(`this.${name}`, value, component, context);
}

function resolveHandler(handler: Node, at: Node, current: State): Node | undefined {
  let inner = unwrap(handler);
  // handler.bind(this)
  if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && propertyName(inner.callee) === 'bind') inner = unwrap(inner.callee.object);
  if (isFunction(inner)) return inner;
  const name = memberPath(inner);
  if (name === undefined) return undefined;
  const candidates = current.named.get(name) ?? [];
  for (let scope: Node | undefined = at; scope; scope = scope.parent) {
    const found = candidates.find((candidate) => candidate.scope === scope);
    if (found) return found.fn;
  }
  return undefined;
}

function finish(context: RuleContext): void {
  const current = states.take(context);
  if (!current) return;
  for (const { node, handler } of current.registrations) {
    const fn = resolveHandler(handler, node, current);
    if (!fn || !isFunction(fn)) continue;
    const facts = current.facts.get(fn) ?? { checked: false, usesData: false, passed: false };
    const first = fn.params[0];
    if (first?.type === 'ObjectPattern') {
      for (const property of first.properties) {
        if (property.type !== 'Property') continue;
        const key = propertyName(property);
        if (key === 'origin' || key === 'source') facts.checked = true;
        if (key === 'data') facts.usesData = true;
      }
    }
    if (facts.checked || facts.passed || !facts.usesData) continue;
    context.report({
      node,
      message: "This 'message' listener acts on event.data without checking event.origin, so any page that can reference this window (a parent, an opener, a frame) can send it commands or data.",
      confidence: 'medium',
    });
  }
}

export const postmessageOrigin: Rule = {
  meta: {
    id: 'postmessage-origin',
    category: 'xss',
    title: 'postMessage without origin checks',
    description: "postMessage with target origin '*' leaks data to any page in the target window; message listeners that skip event.origin trust any sender.",
    severity: 'warning',
    cwe: [345],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
    AssignmentExpression: checkAssignment,
    MemberExpression: checkMember,
    VariableDeclarator: checkDeclarator,
    FunctionDeclaration: checkFunctionDeclaration,
    MethodDefinition: checkMethod,
    PropertyDefinition: checkMethod,
    Property: checkProperty,
  },
  finish,
};
