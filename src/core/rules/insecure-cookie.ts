// insecure-cookie: session and auth cookies set without HttpOnly or Secure, or with SameSite=None over plain http.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import type { Fix, Node } from '../types';
import { findProperty, isBooleanLiteral, isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';
import { flatten } from '../url-flow';

const COOKIE_MENTION = /cookie|session/i;

/** Cookie names that carry a session, a login or a token. */
const SENSITIVE = /session|(?:^|[_\-.])(?:sess|sid)(?:$|[_\-.])|token|jwt|auth|login|remember|credential|refresh|identity|(?:^|[_\-.])uid$|user_?id/i;
/** CSRF tokens are meant to be read by the page (double-submit cookies): HttpOnly would break them. */
const CSRF = /csrf|xsrf/i;
const RESPONSE = /^(?:res|response|resp|reply)$/;
const KOA_CONTEXT = /^(?:ctx|context)$/;
/** Session middleware whose cookie settings live under `cookie` (express-session, @fastify/session) or at the top (cookie-session, koa-session). */
const TOP_LEVEL_SESSION = new Set(['cookie-session', 'koa-session', 'cookieSession']);
const SESSION_NAME = /session/i;
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append', 'appendHeader']);
const IRON_SESSION = /^iron-session\./;
/** setCookie(event, name, value, options) of h3 (Nuxt auto-imports it) and Hono. */
const SET_COOKIE_FUNCTIONS = new Set(['setCookie', 'h3.setCookie', 'hono/cookie.setCookie']);

type Subject =
  /** A named cookie; `name` undefined when the name is not a constant. */
  | { kind: 'cookie'; name: string | undefined; nameNode?: Node }
  | { kind: 'session'; library: string };

interface Pending {
  call: TSESTree.CallExpression;
  subject: Subject;
  /** The options: an object literal, a variable holding one, or absent. */
  options: Node | undefined;
  /** The settings are in this property of the options (`cookie` of express-session's options). */
  nested?: string;
  /** Where a missing options argument would be inserted (after this argument). */
  after?: Node;
  /** The API leaves HttpOnly off unless asked (Express, Fastify, Next.js, cookie.serialize). */
  httpOnlyOffByDefault: boolean;
  /** Koa's cookie jar throws when asked for a Secure cookie on a plain-http request. */
  secureThrowsOverHttp?: boolean;
}

interface State {
  /** The file mentions cookies or sessions at all. */
  relevant: boolean;
  /** Object literals held in variables, with the function (or program) that declares them. */
  objects: Map<string, { object: TSESTree.ObjectExpression; scope: Node }[]>;
  /** Member paths assigned somewhere in the file: `sess.cookie.secure = true`. */
  overrides: Set<string>;
  pending: Pending[];
}
const states = new FileState<State>((context) => ({ relevant: context.mentions(COOKIE_MENTION), objects: new Map(), overrides: new Set(), pending: [] }));

function state(context: RuleContext): State {
  return states.get(context);
}

function lastSegment(node: Node): string | undefined {
  const path = memberPath(node);
  return path?.slice(path.lastIndexOf('.') + 1);
}

function cookieSubject(name: Node | undefined): Subject {
  return { kind: 'cookie', name: name ? staticString(name) : undefined, nameNode: name };
}

/** `cookies().set(...)`, `(await cookies()).set(...)`, `cookieStore.set(...)`, `response.cookies.set(...)`. */
function isNextCookies(object: Node): boolean {
  const inner = unwrap(object);
  const call = inner.type === 'AwaitExpression' ? unwrap(inner.argument) : inner;
  if (call.type === 'CallExpression' && /(?:^|\.)cookies$/.test(memberPath(call.callee) ?? '')) return true;
  if (inner.type === 'Identifier') return /^cookieStore$/.test(inner.name);
  if (inner.type === 'MemberExpression' && propertyName(inner) === 'cookies') return RESPONSE.test(lastSegment(inner.object) ?? '');
  return false;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (!state(context).relevant) return;
  const callee = unwrap(node.callee);
  const args = node.arguments;
  const name = context.qualifiedName(callee);
  const pending = state(context).pending;
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee);
    const object = lastSegment(callee.object);
    if (method !== undefined && HEADER_SETTERS.has(method) && /^set-cookie$/i.test(staticString(args[0]) ?? '') && args[1]) {
      const value = unwrap(args[1]);
      for (const header of value.type === 'ArrayExpression' ? value.elements : [value]) {
        if (header && header.type !== 'SpreadElement') checkHeader(header, context);
      }
      return;
    }
    if ((method === 'cookie' || method === 'setCookie') && object !== undefined && RESPONSE.test(object) && args.length >= 2) {
      pending.push({ call: node, subject: cookieSubject(args[0]), options: args[2], after: args[1], httpOnlyOffByDefault: true });
      return;
    }
    if (method === 'set') {
      const target = unwrap(callee.object);
      const koa = target.type === 'MemberExpression' && propertyName(target) === 'cookies' && KOA_CONTEXT.test(lastSegment(target.object) ?? '');
      const next = !koa && isNextCookies(target);
      if (!koa && !next) return;
      if (args.length === 1 && unwrap(args[0]).type === 'ObjectExpression') {
        pending.push({ call: node, subject: cookieSubject(findProperty(args[0], 'name')?.value), options: args[0], httpOnlyOffByDefault: next, secureThrowsOverHttp: koa });
      } else if (args.length >= 2) {
        pending.push({ call: node, subject: cookieSubject(args[0]), options: args[2], after: args[1], httpOnlyOffByDefault: next, secureThrowsOverHttp: koa });
      }
      return;
    }
  }
  if (name === undefined) return;
  if (name === 'cookie.serialize' && args.length >= 2) {
    pending.push({ call: node, subject: cookieSubject(args[0]), options: args[2], after: args[1], httpOnlyOffByDefault: true });
    return;
  }
  // h3 / Nuxt / Hono: setCookie(event, name, value, options)
  if (SET_COOKIE_FUNCTIONS.has(name)) {
    if (args.length >= 3 && staticString(args[0]) === undefined) {
      pending.push({ call: node, subject: cookieSubject(args[1]), options: args[3], after: args[2], httpOnlyOffByDefault: true });
    }
    return;
  }
  if (IRON_SESSION.test(name)) {
    for (const arg of args) {
      const cookieOptions = findProperty(arg, 'cookieOptions');
      if (cookieOptions) pending.push({ call: node, subject: { kind: 'session', library: 'iron-session' }, options: cookieOptions.value, httpOnlyOffByDefault: false });
    }
    return;
  }
  // app.use(session({ cookie: {...} })), fastify.register(fastifySession, { cookie: {...} })
  let library: string | undefined;
  let options: Node | undefined;
  if (SESSION_NAME.test(name) && args[0]) {
    library = name;
    options = args[0];
  } else if (/(?:^|\.)register$/.test(name) && args[0] && args[1] && SESSION_NAME.test(context.qualifiedName(args[0]) ?? '')) {
    library = context.qualifiedName(args[0]);
    options = args[1];
  }
  if (library === undefined || options === undefined) return;
  const top = TOP_LEVEL_SESSION.has(library);
  pending.push({ call: node, subject: { kind: 'session', library }, options, nested: top ? undefined : 'cookie', httpOnlyOffByDefault: false, secureThrowsOverHttp: library === 'koa-session' });
}

/** A hand-written `Set-Cookie` header: `token=${jwt}; Path=/; Max-Age=3600`. */
function checkHeader(header: Node, context: RuleContext): void {
  const parts = flatten(header);
  const first = parts[0];
  if (!first || !('text' in first)) return;
  const name = /^\s*([^=;\s]+)=/.exec(first.text)?.[1];
  if (name === undefined || !SENSITIVE.test(name)) return;
  const attributes = parts.map((part) => ('text' in part ? part.text : '')).join('').split(';').slice(1).map((attribute) => attribute.trim().toLowerCase());
  const inner = unwrap(header);
  // The attributes are appended just before the closing quote of a literal or template.
  const append = (text: string): Fix[] =>
    inner.type === 'Literal' || inner.type === 'TemplateLiteral'
      ? [{ title: `Add ${text.slice(2)} (review: ${text.includes('HttpOnly') ? 'client-side script can no longer read this cookie' : 'the cookie is no longer sent over plain http'})`, safety: 'review', edits: [{ range: [inner.range[1] - 1, inner.range[1] - 1], text }] }]
      : [];
  if (!CSRF.test(name) && !attributes.includes('httponly')) {
    context.report({
      node: header,
      message: `The Set-Cookie header for '${name}' has no HttpOnly attribute, so any script injected into the page can read it and steal the session or token.`,
      confidence: 'medium',
      fixes: append('; HttpOnly'),
    });
  } else if (attributes.includes('samesite=none') && !attributes.includes('secure')) {
    context.report({
      node: header,
      message: `The Set-Cookie header for '${name}' uses SameSite=None without Secure, so the cookie is sent on every cross-site request and can travel over plain http.`,
      confidence: 'medium',
      fixes: append('; Secure'),
    });
  }
}

function checkDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  if (node.id.type !== 'Identifier' || !node.init || !state(context).relevant) return;
  const init = unwrap(node.init);
  if (init.type !== 'ObjectExpression') return;
  let scope: Node | undefined = node.parent;
  while (scope && !isFunction(scope) && scope.type !== 'Program') scope = scope.parent;
  const objects = state(context).objects;
  objects.set(node.id.name, [...(objects.get(node.id.name) ?? []), { object: init, scope: scope ?? node }]);
}

function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (!state(context).relevant || node.left.type !== 'MemberExpression') return;
  const path = memberPath(node.left);
  if (path !== undefined && path.includes('.')) state(context).overrides.add(path);
}

/** An object literal, directly or through a variable (with the variable's path, to see later assignments). */
function resolveObject(node: Node, current: State, at: Node): { object: TSESTree.ObjectExpression; path?: string } | undefined {
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression') return { object: inner };
  if (inner.type === 'Identifier') {
    const object = visibleObject(inner.name, current, at);
    return object ? { object, path: inner.name } : undefined;
  }
  if (inner.type === 'MemberExpression') {
    const holder = memberPath(inner.object);
    const key = propertyName(inner);
    const parent = holder === undefined ? undefined : visibleObject(holder, current, at);
    const value = parent && key !== undefined ? findProperty(parent, key)?.value : undefined;
    return value && unwrap(value).type === 'ObjectExpression' ? { object: unwrap(value) as TSESTree.ObjectExpression, path: `${holder}.${key}` } : undefined;
  }
  return undefined;
}

/** The object literal a name holds where `at` is: declared in a function around it (the innermost), or at the top. */
function visibleObject(name: string, current: State, at: Node): TSESTree.ObjectExpression | undefined {
  const candidates = current.objects.get(name);
  if (!candidates) return undefined;
  for (let scope: Node | undefined = at; scope; scope = scope.parent) {
    const found = candidates.filter((candidate) => candidate.scope === scope);
    if (found.length > 0) return found[found.length - 1].object;
  }
  return undefined;
}

/** How much the cookie matters: session and token cookies do; a theme or locale cookie does not. */
function weight(subject: Subject, forHttpOnly: boolean): 'sensitive' | 'unknown' | undefined {
  if (subject.kind === 'session') return 'sensitive';
  if (subject.name === undefined) return subject.nameNode ? 'unknown' : undefined;
  if (forHttpOnly && CSRF.test(subject.name)) return undefined;
  return SENSITIVE.test(subject.name) ? 'sensitive' : undefined;
}

function describe(subject: Subject): string {
  if (subject.kind === 'session') return 'The session cookie';
  return subject.name === undefined ? 'This cookie' : `Cookie '${subject.name}'`;
}

function flip(property: TSESTree.Property, text: string, title: string): Fix {
  return { title, safety: 'review', edits: [{ range: [property.value.range[0], property.value.range[1]], text }] };
}

function check(entry: Pending, context: RuleContext, current: State): void {
  const { subject } = entry;
  let resolved = entry.options ? resolveObject(entry.options, current, entry.call) : undefined;
  if (entry.options && !resolved) return;
  if (resolved && entry.nested) {
    const holder = resolved;
    const value = findProperty(holder.object, entry.nested)?.value;
    resolved = value ? resolveObject(value, current, entry.call) : undefined;
    if (!resolved) return;
    if (unwrap(value as Node).type === 'ObjectExpression') resolved.path = holder.path === undefined ? undefined : `${holder.path}.${entry.nested}`;
  }
  const object = resolved?.object;
  const overridden = (key: string): boolean => resolved?.path !== undefined && current.overrides.has(`${resolved.path}.${key}`);
  const what = describe(subject);
  const httpOnly = object ? findProperty(object, 'httpOnly') : undefined;
  const secure = object ? findProperty(object, 'secure') : undefined;
  const sameSite = object ? findProperty(object, 'sameSite') : undefined;
  const sameSiteNone = sameSite !== undefined && /^none$/i.test(staticString(sameSite.value) ?? '');

  const httpOnlyWeight = weight(subject, true);
  if (httpOnly && isBooleanLiteral(httpOnly.value, false) && httpOnlyWeight && !overridden('httpOnly')) {
    context.report({
      node: httpOnly,
      message: `${what} is set with httpOnly: false, so any script injected into the page can read it and hijack the session.`,
      confidence: httpOnlyWeight === 'sensitive' ? 'high' : 'low',
      fixes: [flip(httpOnly, 'true', 'Set httpOnly to true (review: client-side script can no longer read this cookie)')],
    });
  }
  const secureWeight = weight(subject, false);
  if (secure && isBooleanLiteral(secure.value, false) && secureWeight && !overridden('secure')) {
    context.report({
      node: secure,
      message: sameSiteNone
        ? `${what} is set with secure: false and sameSite: 'none', so it travels over plain http and is sent on cross-site requests.`
        : `${what} is set with secure: false, so the browser also sends it over plain http where anyone on the network can read it.`,
      confidence: secureWeight === 'sensitive' ? 'medium' : 'low',
      fixes: [flip(secure, 'true', 'Set secure to true (review: the cookie is no longer sent over plain http, e.g. local development without TLS)')],
    });
  } else if (sameSite && sameSiteNone && !secure && secureWeight && !overridden('secure')) {
    context.report({
      node: sameSite,
      message: `${what} uses sameSite: 'none' without secure: true; it is sent on every cross-site request and can travel over plain http (current browsers drop such cookies).`,
      confidence: secureWeight === 'sensitive' ? 'medium' : 'low',
      fixes: [
        // Browsers already drop SameSite=None cookies that are not Secure, so adding it breaks nothing that works,
        // except with Koa, whose cookie jar throws on a Secure cookie over plain http.
        entry.secureThrowsOverHttp
          ? { title: 'Add secure: true (review: Koa refuses to set a Secure cookie on a plain-http request)', safety: 'review', edits: [{ range: [sameSite.range[0], sameSite.range[0]], text: 'secure: true, ' }] }
          : { title: 'Add secure: true (browsers already drop SameSite=None cookies without it)', safety: 'safe', edits: [{ range: [sameSite.range[0], sameSite.range[0]], text: 'secure: true, ' }] },
      ],
    });
  }
  // `res.cookie('token', jwt)`: Express, Fastify and Next.js leave HttpOnly off unless asked.
  if (!entry.httpOnlyOffByDefault || httpOnly || httpOnlyWeight !== 'sensitive' || subject.kind !== 'cookie') return;
  // Clearing the cookie: an empty value carries nothing to steal.
  if (entry.after && /^(?:''|""|``|null|undefined)$/.test(context.source(entry.after).trim())) return;
  if (object && object.properties.some((property) => property.type === 'SpreadElement')) return;
  if (entry.options && unwrap(entry.options).type !== 'ObjectExpression') return;
  const fix = missingFix(entry, object);
  const marked = context.source(entry.call).includes('\n') ? entry.call.callee : entry.call;
  context.report({
    node: marked,
    message: `${what} is set without httpOnly, so any script injected into the page can read it and steal the session or token.`,
    confidence: 'medium',
    fixes: fix ? [fix] : [],
  });
}

function missingFix(entry: Pending, object: TSESTree.ObjectExpression | undefined): Fix | undefined {
  let edit: Fix['edits'][number] | undefined;
  if (!object) {
    if (!entry.after) return undefined;
    edit = { range: [entry.after.range[1], entry.after.range[1]], text: ', { httpOnly: true }' };
  } else if (object.properties.length === 0) {
    edit = { range: [object.range[0], object.range[1]], text: '{ httpOnly: true }' };
  } else {
    edit = { range: [object.properties[0].range[0], object.properties[0].range[0]], text: 'httpOnly: true, ' };
  }
  return { title: 'Add httpOnly: true (review: client-side script can no longer read this cookie)', safety: 'review', edits: [edit] };
}

export const insecureCookie: Rule = {
  meta: {
    id: 'insecure-cookie',
    category: 'auth-session',
    title: 'Insecure cookie flags',
    description: 'Session and auth cookies without HttpOnly can be stolen by injected script; without Secure they travel over plain http.',
    severity: 'warning',
    cwe: [614, 1004],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
    VariableDeclarator: checkDeclarator,
    AssignmentExpression: checkAssignment,
  },
  finish(context) {
    const current = states.take(context);
    if (!current) return;
    for (const entry of current.pending) check(entry, context, current);
  },
};
