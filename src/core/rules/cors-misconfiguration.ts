// cors-misconfiguration: CORS that lets any website make credentialed requests (reflected or wildcard origin with credentials).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import type { Confidence, Node } from '../types';
import { findProperty, isBooleanLiteral, isFunction, memberPath, propertyName, removalRange, staticString, unwrap } from '../ast';

const ALLOW_ORIGIN = /^access-control-allow-origin$/i;
const ALLOW_CREDENTIALS = /^access-control-allow-credentials$/i;
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
/** CORS libraries that turn `origin: '*'` (or no origin) into the request's own Origin once credentials are on. */
const REFLECTING_LIBRARIES = /^(?:@koa\/cors|kcors)$/;
const CORS_NAME = /cors/i;
/** CORS libraries whose default origin is '*'. */
const WILDCARD_DEFAULT = /^(?:cors|@fastify\/cors|fastify-cors|hono\/cors\.cors)$/;
/** Parameter names of origin callbacks that receive the request or context rather than the Origin string. */
const CONTEXT_PARAM = /^(?:ctx|c|context|req|request)$/;
/** A test that compares the origin with something (an allow-list, a pattern, a known value), not a presence check. */
const ORIGIN_CHECK = /(?:\.(?:includes|has|indexOf|test|match|startsWith|endsWith|some|find|exec)\s*\(|[!=]==?|\b(?:is|check|validate|verify|allow)\w*\s*\()/i;
// Starts only where a run of white space starts: a leading `\s*` tried at every space is quadratic.
const PRESENCE = /(?<!\s)\s*[!=]==?\s*(?:undefined|null|''|""|``)/g;

/**
 * What a configuration lets through: every origin (the request's own echoed back), the wildcard, origins that
 * merely contain or extend a trusted name (`acme.io.evil.com`), or names where an unescaped dot matches any character.
 */
type Kind = 'reflect' | 'wildcard' | 'lookalike' | 'dot';

interface HeaderFacts {
  origins: { node: Node; kind: Kind }[];
  credentials: boolean;
}

interface State {
  /** Facts about manually set CORS headers, per enclosing function (or the program). */
  functions: Map<Node, HeaderFacts>;
  /** Names bound to the request's Origin header, per enclosing function. */
  originNames: Map<Node, Set<string>>;
  /** Origin callbacks of credentialed CORS options: their string checks are looked at as the walk reaches them. */
  originCallbacks: Set<Node>;
}
const states = new FileState<State>(() => ({ functions: new Map(), originNames: new Map(), originCallbacks: new Set() }));

function state(context: RuleContext): State {
  return states.get(context);
}

function enclosingFunction(node: Node): Node {
  let current: Node | undefined = node.parent;
  while (current && !isFunction(current) && current.type !== 'Program') current = current.parent;
  return current ?? node;
}

function factsOf(node: Node, context: RuleContext): HeaderFacts {
  const functions = state(context).functions;
  const key = enclosingFunction(node);
  let facts = functions.get(key);
  if (!facts) {
    facts = { origins: [], credentials: false };
    functions.set(key, facts);
  }
  return facts;
}

/** `req.headers.origin`, `ctx.request.header.origin`, `req.get('origin')`, `request.headers.get('Origin')`. */
function readsOriginHeader(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'MemberExpression') {
    if (!/^origin$/i.test(propertyName(inner) ?? '')) return false;
    const object = unwrap(inner.object);
    return object.type === 'MemberExpression' && /^headers?$/.test(propertyName(object) ?? '');
  }
  if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression') {
    const method = propertyName(inner.callee);
    return (method === 'get' || method === 'header' || method === 'getHeader') && /^origin$/i.test(staticString(inner.arguments[0]) ?? '');
  }
  return false;
}

/** A name bound to the Origin header in this function or one around it. */
function isOriginName(node: Node, at: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return false;
  const names = state(context).originNames;
  for (let scope: Node | undefined = at; scope; scope = scope.parent) {
    if ((isFunction(scope) || scope.type === 'Program') && names.get(scope)?.has(inner.name)) return true;
  }
  return false;
}

/**
 * Inside an `if` or ternary whose test compares the origin with something, or after such an `if` in the same
 * function (`if (!ALLOWED.includes(origin)) return next();`).
 */
function originChecked(at: Node, context: RuleContext): 'checked' | 'lookalike' | undefined {
  const verdict = (test: Node): 'checked' | 'lookalike' | undefined => {
    const text = context.source(test).replace(PRESENCE, '');
    if (!/origin/i.test(text) || !ORIGIN_CHECK.test(text)) return undefined;
    return weakTextCheck(text) ? 'lookalike' : 'checked';
  };
  let child: Node = at;
  for (let current: Node | undefined = at.parent; current; child = current, current = current.parent) {
    if ((current.type === 'IfStatement' || current.type === 'ConditionalExpression') && current.test !== child) {
      const found = verdict(current.test);
      if (found) return found;
    }
    if (current.type === 'BlockStatement' || current.type === 'Program') {
      for (const statement of current.body) {
        if (statement === child) break;
        const found = statement.type === 'IfStatement' ? verdict(statement.test) : undefined;
        if (found) return found;
      }
    }
    if (isFunction(current)) return undefined;
  }
  return undefined;
}

/**
 * A string test that a look-alike origin passes: `includes('acme.io')` (acme.io.evil.com), `startsWith('https://acme.io')`
 * (https://acme.io.evil.com), `endsWith('acme.io')` (evilacme.io). `endsWith('.acme.io')` is sound.
 */
function weakLiteral(method: string, literal: string): boolean {
  switch (method) {
    case 'includes':
    case 'indexOf':
      return true;
    case 'startsWith':
      return !literal.endsWith(':') && !literal.endsWith('/');
    case 'endsWith':
      return !/^(?:\.|\/\/|:\/\/)/.test(literal);
    default:
      return false;
  }
}

const TEXT_CHECK = /\b\w*origin\w*\s*\??\.\s*(includes|indexOf|startsWith|endsWith)\s*\(\s*(['"`])([^'"`]*)\2/gi;

function weakTextCheck(text: string): boolean {
  for (const match of text.matchAll(TEXT_CHECK)) if (weakLiteral(match[1], match[3])) return true;
  return false;
}

/**
 * How an origin regular expression can be fooled: `.*` matches everything; a missing `$` lets an attacker append
 * (`https://acme.io.evil.com`), a missing `^` before a host name lets them prepend (`evilacme.io`), and an
 * unescaped dot matches any character (`appxacme.io`). Each top-level alternative is anchored on its own.
 */
function regexWeakness(pattern: string): Kind | undefined {
  if (/^\^?\.[*+]\$?$/.test(pattern)) return 'reflect';
  let worst: Kind | undefined;
  for (const branch of topLevelAlternatives(pattern)) {
    const anchoredEnd = /(?:^|[^\\])\$$/.test(branch);
    const anchoredStart = branch.startsWith('^') || /^(?:\\\.|\\\/|:)/.test(branch);
    if (!anchoredEnd || !anchoredStart) return 'lookalike';
    if (hasBareDot(branch)) worst = 'dot';
  }
  return worst;
}

function topLevelAlternatives(pattern: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) {
      branches.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(pattern.slice(start));
  return branches;
}

/** A `.` outside a character class and not followed by a quantifier (`.*`, `.+` stand for a sub-domain part). */
function hasBareDot(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') inClass = true;
    else if (char === '.' && !/[*+?{]/.test(pattern[i + 1] ?? '')) return true;
  }
  return false;
}

/** What an Access-Control-Allow-Origin value allows: the request's own origin, any origin, or something checked. */
function headerOrigin(value: Node, at: Node, context: RuleContext): Kind | undefined {
  const inner = unwrap(value);
  if (staticString(inner) === '*') return 'wildcard';
  const reflected =
    readsOriginHeader(inner) ||
    isOriginName(inner, at, context) ||
    (inner.type === 'Identifier' && /origin/i.test(inner.name) && context.evaluate(inner).kind === 'tainted') ||
    (inner.type === 'LogicalExpression' && inner.operator !== '&&' && (readsOriginHeader(inner.left) || isOriginName(inner.left, at, context)));
  if (!reflected) return undefined;
  // The shared model marks a name checked in an `if` as constant; a weak check must still be seen as weak.
  const checked = originChecked(at, context);
  if (checked === 'lookalike') return 'lookalike';
  if (checked === 'checked' || context.evaluate(inner).kind === 'constant') return undefined;
  return 'reflect';
}

function isTrue(node: Node): boolean {
  const inner = unwrap(node);
  return isBooleanLiteral(inner, true) || staticString(inner) === 'true';
}

// ---------- the cors() family of options ----------

/** The CORS library an options object configures (`cors(...)`, `register(cors, ...)`, `cors: {...}`), if it is one. */
function corsContext(object: TSESTree.ObjectExpression, context: RuleContext): { library?: string } | undefined {
  let child: Node = object;
  let depth = 0;
  for (let current: Node | undefined = object.parent; current && depth < 8; child = current, current = current.parent, depth++) {
    switch (current.type) {
      case 'CallExpression': {
        if (!current.arguments.includes(child as TSESTree.CallExpressionArgument)) break;
        const name = context.qualifiedName(current.callee) ?? context.source(current.callee);
        if (CORS_NAME.test(name)) return { library: depth === 0 ? name : undefined };
        const plugin = current.arguments.find((arg) => arg !== child && CORS_NAME.test(context.qualifiedName(arg) ?? context.source(arg)));
        if (plugin && /(?:^|\.)(?:register|use)$/.test(name)) return { library: depth === 0 ? context.qualifiedName(plugin) : undefined };
        break;
      }
      case 'Property':
        if (current.value === child && CORS_NAME.test(propertyName(current) ?? '')) return {};
        break;
      case 'VariableDeclarator':
        return current.id.type === 'Identifier' && CORS_NAME.test(current.id.name) ? {} : undefined;
      case 'Program':
      case 'ClassBody':
        return undefined;
      default:
        break;
    }
  }
  return undefined;
}

/** An origin callback that allows every caller: `(origin, cb) => cb(null, true)`, `(ctx) => ctx.get('Origin')`. */
function allowsEveryOrigin(fn: TSESTree.FunctionLike): boolean {
  const params = fn.params.map((param) => (param.type === 'Identifier' ? param.name : undefined));
  const first = params[0];
  const callback = params[params.length - 1];
  const allowCall = (node: Node): boolean => {
    const inner = unwrap(node);
    if (inner.type !== 'CallExpression' || inner.callee.type !== 'Identifier') return false;
    if (inner.callee.name !== callback && !/^(?:cb|callback|done)$/.test(inner.callee.name)) return false;
    const [error, allowed] = inner.arguments;
    if (!error || !allowed || unwrap(error).type !== 'Literal' || (unwrap(error) as TSESTree.Literal).value !== null) return false;
    const value = unwrap(allowed);
    return isBooleanLiteral(value, true) || (value.type === 'Identifier' && value.name === first);
  };
  const returnsOrigin = (node: Node): boolean => {
    const inner = unwrap(node);
    if (readsOriginHeader(inner) || staticString(inner) === '*') return true;
    return inner.type === 'Identifier' && inner.name === first && first !== undefined && !CONTEXT_PARAM.test(first);
  };
  const body = fn.body;
  if (!body) return false;
  if (body.type !== 'BlockStatement') return allowCall(body) || returnsOrigin(body);
  const statements = body.body.filter((statement) => !(statement.type === 'ExpressionStatement' && /^console\./.test(memberPath(unwrap(statement.expression).type === 'CallExpression' ? (unwrap(statement.expression) as TSESTree.CallExpression).callee : statement.expression) ?? '')));
  if (statements.length !== 1) return false;
  const only = statements[0];
  if (only.type === 'ExpressionStatement') return allowCall(only.expression);
  if (only.type === 'ReturnStatement' && only.argument) return allowCall(only.argument) || returnsOrigin(only.argument);
  return false;
}

function optionsOrigin(origin: TSESTree.Property | undefined, library: string | undefined): Kind | undefined {
  const reflecting = library !== undefined && REFLECTING_LIBRARIES.test(library);
  if (!origin) return reflecting ? 'reflect' : library !== undefined && WILDCARD_DEFAULT.test(library) ? 'wildcard' : undefined;
  const value = unwrap(origin.value);
  if (isBooleanLiteral(value, true)) return 'reflect';
  if (staticString(value) === '*') return reflecting ? 'reflect' : 'wildcard';
  if (isFunction(value) && allowsEveryOrigin(value)) return 'reflect';
  const patterns = value.type === 'ArrayExpression' ? value.elements : [value];
  let worst: Kind | undefined;
  for (const element of patterns) {
    const inner = element && unwrap(element);
    if (inner?.type !== 'Literal' || !('regex' in inner) || !inner.regex) continue;
    const weakness = regexWeakness(inner.regex.pattern);
    if (weakness === 'reflect' || weakness === 'lookalike') return weakness;
    worst ??= weakness;
  }
  return worst;
}

function checkOptions(node: TSESTree.ObjectExpression, context: RuleContext): void {
  const credentials = findProperty(node, 'credentials');
  if (!credentials || !isBooleanLiteral(credentials.value, true)) return;
  if (node.properties.some((property) => property.type === 'SpreadElement')) return;
  const where = corsContext(node, context);
  if (!where) return;
  const origin = findProperty(node, 'origin');
  const kind = optionsOrigin(origin, where.library);
  if (origin && !kind && isFunction(unwrap(origin.value))) state(context).originCallbacks.add(unwrap(origin.value));
  if (!kind) return;
  const marked = origin && context.source(origin).includes('\n') ? origin.key : origin ?? credentials;
  if (kind === 'lookalike' || kind === 'dot') {
    context.report({
      node: marked,
      message: kind === 'lookalike'
        ? 'The CORS origin pattern is not anchored at both ends, so an attacker-registered look-alike origin (evilacme.io, acme.io.evil.com) passes and gets credentialed access.'
        : 'The CORS origin pattern has an unescaped dot, which matches any character, so an attacker can register a look-alike domain that passes and gets credentialed access.',
      confidence: kind === 'lookalike' ? 'high' : 'medium',
    });
    return;
  }
  if (kind === 'reflect') {
    context.report({
      node: marked,
      message: origin
        ? 'CORS allows every origin with credentials: true, so any website can send requests with the user\'s cookies and read the responses.'
        : `${where.library} without an origin echoes the request's Origin once credentials are on, so any website can send requests with the user's cookies and read the responses.`,
      confidence: 'high',
    });
    return;
  }
  context.report({
    node: marked,
    message: origin
      ? "CORS combines origin '*' with credentials: true; browsers refuse credentials for a wildcard, and the usual workaround (echoing the Origin) lets any site read users' data."
      : "CORS without an origin answers with '*' while credentials: true; browsers refuse credentials for a wildcard, and the usual workaround (echoing the Origin) lets any site read users' data.",
    confidence: 'medium',
    fixes: [
      // The cors package answers a literal '*', with which browsers never send credentials: the flag does nothing.
      where.library === 'cors'
        ? { title: "Remove credentials: true (it has no effect: browsers never send credentials to origin '*')", safety: 'safe', edits: [{ range: removalRange(credentials, node.properties, context.text), text: '' }] }
        : { title: 'Remove credentials: true (review: if the library echoes the Origin, cookies stop being sent cross-origin)', safety: 'review', edits: [{ range: removalRange(credentials, node.properties, context.text), text: '' }] },
    ],
  });
}

// ---------- manually set headers ----------

function record(header: string, value: Node, at: Node, context: RuleContext): void {
  if (ALLOW_CREDENTIALS.test(header)) {
    if (isTrue(value)) factsOf(at, context).credentials = true;
    return;
  }
  if (!ALLOW_ORIGIN.test(header)) return;
  const kind = headerOrigin(value, at, context);
  if (kind) factsOf(at, context).origins.push({ node: at, kind });
}

/** `origin.includes('acme.io')` inside a credentialed CORS origin callback. */
function checkCallbackTest(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, context: RuleContext): void {
  const method = propertyName(callee);
  const literal = staticString(node.arguments[0]);
  const receiver = unwrap(callee.object);
  if (method === undefined || literal === undefined || receiver.type !== 'Identifier' || !weakLiteral(method, literal)) return;
  const callbacks = state(context).originCallbacks;
  if (callbacks.size === 0) return;
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const first = current.params[0];
    if (first?.type === 'Identifier' && first.name === receiver.name && callbacks.has(current)) {
      context.report({
        node,
        message: `origin.${method}('${literal}') also accepts look-alike origins an attacker can register (such as ${lookalike(method, literal)}), which then get credentialed CORS access.`,
        confidence: 'high',
      });
    }
    return;
  }
}

function lookalike(method: string, literal: string): string {
  const host = literal.replace(/^[a-z]+:\/\//i, '');
  return method === 'endsWith' ? `https://evil${host}` : `https://${host}.evil.com`;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return;
  checkCallbackTest(node, callee, context);
  if (!HEADER_SETTERS.has(propertyName(callee) ?? '')) return;
  const header = staticString(node.arguments[0]);
  if (header === undefined || !node.arguments[1]) return;
  record(header, node.arguments[1], node, context);
}

/** `{ 'Access-Control-Allow-Origin': origin }` headers objects and Next.js `{ key, value }` header entries. */
/** Where response headers are written: `res.set({...})`, `writeHead(200, {...})`, `headers: {...}` or `headers: [...]`. */
function isHeaderHolder(node: TSESTree.ObjectExpression): boolean {
  let holder = node.parent;
  if (holder?.type === 'ArrayExpression') holder = holder.parent;
  if (holder?.type === 'Property') return /^headers$/i.test(propertyName(holder) ?? '');
  if (holder?.type === 'CallExpression' || holder?.type === 'NewExpression') {
    const callee = unwrap(holder.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
    return method !== undefined && /^(?:set|header|headers|writeHead|setHeaders|append|Headers)$/.test(method);
  }
  return holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && /headers/i.test(holder.id.name);
}

function checkObject(node: TSESTree.ObjectExpression, context: RuleContext): void {
  checkOptions(node, context);
  if (!isHeaderHolder(node)) return;
  const key = staticString(findProperty(node, 'key')?.value);
  const value = findProperty(node, 'value');
  if (key !== undefined && value) {
    if (ALLOW_CREDENTIALS.test(key) && isTrue(value.value)) factsOf(node, context).credentials = true;
    else if (ALLOW_ORIGIN.test(key) && staticString(value.value) === '*') factsOf(node, context).origins.push({ node: value, kind: 'wildcard' });
    return;
  }
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    const name = propertyName(property);
    if (name === undefined || !(ALLOW_ORIGIN.test(name) || ALLOW_CREDENTIALS.test(name))) continue;
    if (ALLOW_CREDENTIALS.test(name)) {
      if (isTrue(property.value)) factsOf(node, context).credentials = true;
      continue;
    }
    const kind = headerOrigin(property.value, node, context);
    if (kind) factsOf(node, context).origins.push({ node: property, kind });
  }
}

/** `const origin = req.headers.origin`, `const { origin } = req.headers`. */
function checkDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  if (!node.init) return;
  const names: string[] = [];
  const init = unwrap(node.init);
  if (node.id.type === 'Identifier') {
    const reads = readsOriginHeader(init) || (init.type === 'LogicalExpression' && init.operator !== '&&' && readsOriginHeader(init.left));
    if (reads) names.push(node.id.name);
  } else if (node.id.type === 'ObjectPattern' && init.type === 'MemberExpression' && /^headers?$/.test(propertyName(init) ?? '')) {
    for (const property of node.id.properties) {
      if (property.type === 'Property' && propertyName(property) === 'origin' && property.value.type === 'Identifier') names.push(property.value.name);
    }
  }
  if (names.length === 0) return;
  const scope = enclosingFunction(node);
  const map = state(context).originNames;
  const set = map.get(scope) ?? new Set<string>();
  for (const name of names) set.add(name);
  map.set(scope, set);
}

export const corsMisconfiguration: Rule = {
  meta: {
    id: 'cors-misconfiguration',
    category: 'web-config',
    title: 'Permissive CORS with credentials',
    description: 'CORS that reflects any Origin (or uses a wildcard) while allowing credentials lets any website act as the logged-in user and read the answers.',
    severity: 'error',
    cwe: [942],
    fixable: true,
  },
  visitors: {
    ObjectExpression: checkObject,
    CallExpression: checkCall,
    VariableDeclarator: checkDeclarator,
  },
  finish(context) {
    const current = states.take(context);
    if (!current) return;
    for (const facts of current.functions.values()) {
      if (!facts.credentials) continue;
      for (const { node, kind } of facts.origins) {
        const confidence: Confidence = kind === 'wildcard' ? 'medium' : 'high';
        context.report({
          node,
          message: kind === 'reflect'
            ? "Access-Control-Allow-Origin echoes the request's Origin while Allow-Credentials is true, so any website can send requests with the user's cookies and read the responses."
            : kind === 'lookalike'
              ? "Access-Control-Allow-Origin echoes an Origin checked only by substring or prefix, so a look-alike domain an attacker registers gets credentialed access."
              : "Access-Control-Allow-Origin '*' is sent with Allow-Credentials: true; browsers reject the pair, and the usual workaround (echoing the Origin) lets any site read users' data.",
          confidence,
        });
      }
    }
  },
};
