// csrf-missing: an Express app authenticated by session cookies whose form-submittable routes have no CSRF defence in the file.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { isFunction, propertyName, staticString, unwrap } from '../ast';

const METHOD_OVERRIDE = /['"]method-override['"]/;

const SESSION_MODULES = new Set(['express-session', 'cookie-session']);
/** Cross-site forms can only send GET and POST; PUT/PATCH/DELETE need a CORS preflight unless method-override turns a POST into them. */
const FORM_METHODS = new Set(['post', 'all']);
const OVERRIDE_METHODS = new Set(['put', 'patch', 'delete']);
/** Anything that defends against CSRF: tokens (csurf, csrf-csrf, lusca, tiny-csrf), SameSite cookies, Origin/Referer checks. */
const PROTECTION = new RegExp(
  [
    'csrf|xsrf|\\blusca\\b',
    "sameSite\\s*:\\s*(?:true|[^,}\\n]*['\"`](?:strict|lax)['\"`])",
    'SameSite=(?:Strict|Lax)',
    "\\.(?:get|header)\\(\\s*['\"`](?:origin|referer|sec-fetch-site)['\"`]",
    "headers\\s*(?:\\??\\.\\s*(?:origin|referer)\\b|\\[\\s*['\"`](?:origin|referer|sec-fetch-site)['\"`])",
  ].join('|'),
  'i',
);
/** Bearer tokens are not sent by browsers on their own: an app that reads them is not judged from this file alone. */
const BEARER = /headers\s*(?:\??\.\s*authorization\b|\[\s*['"`]authorization['"`])|\.(?:get|header)\(\s*['"`]authorization['"`]|\bBearer\s/i;
/**
 * Auth cookies read by hand: `req.cookies.token`, `const { session } = req.signedCookies`. The destructuring braces
 * exclude `{` and the name test is a lookahead, so long brace runs cannot make the scan quadratic.
 */
const COOKIE_AUTH = /\b(?:req|request)\.(?:signedCookies|cookies)\s*(?:\??\.|\[\s*['"`])\s*\w*(?:token|session|auth|jwt|sid)|\{(?=[^{}]*(?:token|session|auth|jwt|sid))[^{}]*\}\s*=\s*(?:req|request)\.(?:signedCookies|cookies)\b/i;
const AUTH_MIDDLEWARE = /auth|login|logged|session|protect|require|ensure|passport|guard|verify/i;
/** Routes where a forged request gains nothing or that carry their own proof (signatures, OAuth state). */
const EXEMPT_PATH = /login|signin|sign-in|register|signup|sign-up|logout|signout|sign-out|webhook|callback|oauth|token|health/i;
const CLIENT_OBJECT = /^(?:axios|http|https|client|fetch|got|ky|superagent|request|agent|api|instance)$|request\(/i;

/**
 * Whether the pattern occurs outside comments: `// TODO: csrf` defends nothing. Line comments are found by reading
 * the line's quotes (so `'http://…'` stays code); a block comment counts only when its `/*` opens a line, and a
 * template literal spanning lines is not followed: when unsure, the match counts as code, which keeps the rule quiet.
 */
function inCode(pattern: RegExp, text: string): boolean {
  const global = new RegExp(pattern.source, `${pattern.flags}g`);
  for (let match = global.exec(text); match; match = global.exec(text)) {
    const lineStart = text.lastIndexOf('\n', match.index - 1) + 1;
    if (inLineComment(text.slice(lineStart, match.index))) continue;
    const blockOpen = text.lastIndexOf('/*', match.index);
    if (blockOpen >= 0 && text.lastIndexOf('*/', match.index) < blockOpen && text.slice(text.lastIndexOf('\n', blockOpen - 1) + 1, blockOpen).trim() === '') continue;
    return true;
  }
  return false;
}

/** Whether the end of a line's text lies in a `//` comment, reading quotes and escapes on the way. */
function inLineComment(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '/' && line[i + 1] === '/') {
      return true;
    }
  }
  return false;
}

interface Route {
  node: TSESTree.CallExpression;
  method: string;
  session: boolean;
  readsBody: boolean;
}

interface State {
  session: boolean;
  urlencoded: boolean;
  methodOverride: boolean;
  globalAuth: boolean;
  routes: Route[];
}
const states = new FileState<State>((context) => ({ session: false, urlencoded: false, methodOverride: context.mentions(METHOD_OVERRIDE), globalAuth: false, routes: [] }));

function state(context: RuleContext): State {
  return states.get(context);
}

/** A request handler: `(req, res) => ...`, `function (request, response, next)`. */
function isHandler(node: Node): boolean {
  if (!isFunction(node)) return false;
  const first = node.params[0];
  return node.params.length >= 2 || (first?.type === 'Identifier' && /^req(?:uest)?$/.test(first.name));
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const current = state(context);
  const name = context.qualifiedName(node.callee);
  if (name !== undefined && SESSION_MODULES.has(name)) {
    current.session = true;
    return;
  }
  if (name !== undefined && /(?:^|\.)urlencoded$/.test(name)) current.urlencoded = true;
  if (name === 'multer' || name?.startsWith('multer.')) current.urlencoded = true;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === undefined) return;
  const args = node.arguments;
  if (method === 'use') {
    // app.use(requireAuth) with no path: every later route is behind it.
    if (args.length > 0 && args.every((arg) => !isFunction(arg) && staticString(arg) === undefined) && args.some((arg) => AUTH_MIDDLEWARE.test(context.source(arg)))) current.globalAuth = true;
    return;
  }
  if (!FORM_METHODS.has(method) && !OVERRIDE_METHODS.has(method)) return;
  const path = staticString(args[0]);
  if (path === undefined || !path.startsWith('/') || EXEMPT_PATH.test(path)) return;
  if (CLIENT_OBJECT.test(context.source(callee.object))) return;
  const handlers = args.slice(1);
  if (!handlers.some(isHandler)) return;
  const handlerText = handlers.filter(isFunction).map((handler) => context.source(handler)).join('\n');
  const middleware = handlers.filter((handler) => !isFunction(handler)).map((handler) => context.source(handler)).join(' ');
  current.routes.push({
    node,
    method,
    session: /\b(?:req|request)\.(?:session|user|isAuthenticated)\b/.test(handlerText) || AUTH_MIDDLEWARE.test(middleware),
    readsBody: /\b(?:req|request)\.body\b|\}\s*=\s*(?:req|request)\.body/.test(handlerText),
  });
}

export const csrfMissing: Rule = {
  meta: {
    id: 'csrf-missing',
    category: 'auth-session',
    title: 'Cookie-authenticated routes without CSRF protection',
    description: 'An Express app that authenticates with session cookies and accepts form-submittable POST routes, with no CSRF token, SameSite cookie or Origin check in the file.',
    severity: 'warning',
    cwe: [352],
    fixable: false,
  },
  visitors: {
    CallExpression: checkCall,
  },
  finish(context) {
    const current = states.take(context);
    if (!current || current.routes.length === 0) return;
    const cookieAuth = current.session || context.mentions(COOKIE_AUTH);
    if (!cookieAuth || context.mentions(BEARER) || (context.mentions(PROTECTION) && inCode(PROTECTION, context.text))) return;
    const route = current.routes.find((candidate) =>
      (FORM_METHODS.has(candidate.method) || current.methodOverride) &&
      (candidate.session || current.globalAuth) &&
      // A JSON body cannot come from a cross-site form; a route that reads no body can.
      (current.urlencoded || !candidate.readsBody));
    if (!route) return;
    const confidence: Confidence = current.urlencoded && current.session ? 'medium' : 'low';
    context.report({
      node: route.node.callee,
      message: `This ${route.method.toUpperCase()} route acts on the session cookie and nothing in the file checks a CSRF token, a SameSite cookie or the Origin header, so any website a logged-in user visits can submit a form that performs it for them.`,
      confidence,
    });
  },
};
