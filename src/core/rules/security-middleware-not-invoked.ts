// security-middleware-not-invoked: a middleware factory (helmet, cors, express.json, ...) passed to use() without calling it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { propertyName, unwrap } from '../ast';

const USE_CALL = /\.use\s*\(/;

interface Factory {
  /** What the middleware would do, for the message. */
  protection: string;
  /** What a request through the uncalled factory gets. */
  failure: string;
  /** Why calling it with no options still needs a person; absent when the defaults work on their own. */
  review?: string;
  /** What the defaults do, when a user should know (said in the safe fix's title). */
  defaults?: string;
}

const HANGS = 'it returns a middleware instead of handling the request and never calls next(), so every request through it hangs';
const BODY: Factory = { protection: 'request bodies are never parsed', failure: HANGS };

/**
 * Factories checked on Node 20 with Express 4.22.3 and 5.3.0: with `app.use(factory)` every request hangs (helmet:
 * fails with helmet's own error), with `app.use(factory())` requests go through.
 */
const FACTORIES: Record<string, Factory> = {
  helmet: {
    protection: 'no security header is set',
    failure: 'helmet detects this and throws, so every request through it fails with an error',
  },
  cors: { protection: 'no CORS header is sent', failure: HANGS, defaults: "allows every origin, without credentials" },
  csurf: {
    protection: 'no CSRF token is checked',
    failure: HANGS,
    review: 'csurf() needs express-session before it, or { cookie: true } with cookie-parser, or every request fails with "misconfigured csrf"',
  },
  'express-rate-limit': { protection: 'nothing is rate limited', failure: HANGS, defaults: 'express-rate-limit 8 allows 5 requests per minute per client' },
  'express-rate-limit.rateLimit': { protection: 'nothing is rate limited', failure: HANGS, defaults: 'express-rate-limit 8 allows 5 requests per minute per client' },
  'express-rate-limit.default': { protection: 'nothing is rate limited', failure: HANGS, defaults: 'express-rate-limit 8 allows 5 requests per minute per client' },
  'cookie-parser': { protection: 'cookies are never parsed', failure: HANGS },
  'express-session': {
    protection: 'no session is loaded',
    failure: HANGS,
    review: 'session() needs a secret option, or every request fails with "secret option required for sessions"',
  },
  'express.json': BODY,
  'express.urlencoded': BODY,
  'express.raw': BODY,
  'express.text': BODY,
  'body-parser.json': BODY,
  'body-parser.urlencoded': BODY,
  'body-parser.raw': BODY,
  'body-parser.text': BODY,
  compression: { protection: 'no response is compressed', failure: HANGS },
  hpp: { protection: 'repeated query parameters are never collapsed (HTTP parameter pollution)', failure: HANGS },
  'express-mongo-sanitize': {
    protection: 'MongoDB operators are never stripped from input',
    failure: HANGS,
    review: 'express-mongo-sanitize 2.2.0 fails every request on Express 5, where req.query cannot be replaced',
  },
};

function fixFor(argument: Node, factory: Factory, context: RuleContext): Fix {
  const call = `${context.source(argument)}()`;
  const edits = [{ range: [argument.range[1], argument.range[1]] as [number, number], text: '()' }];
  if (factory.review) return { title: `Call ${call} (review: ${factory.review})`, safety: 'review', edits };
  const defaults = factory.defaults ? `; its defaults: ${factory.defaults}` : '';
  return { title: `Call ${call} with its defaults (safe: passed uncalled it answers no request, so no working behaviour changes${defaults})`, safety: 'safe', edits };
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'use' || !context.mentions(USE_CALL)) return;
  for (const argument of node.arguments) {
    // A name bound to the package, a member of one, or `require('compression')` in place; calls give no name.
    const name = context.importedName(argument);
    const factory = name === undefined ? undefined : FACTORIES[name];
    if (!factory) continue;
    const text = context.source(argument);
    context.report({
      node: argument,
      message: `\`${text}\` is a middleware factory passed to use() without being called: Express calls it with (req, res, next), ${factory.failure}, and ${factory.protection}; call it: ${text}().`,
      confidence: 'high',
      fixes: [fixFor(argument, factory, context)],
    });
  }
}

export const securityMiddlewareNotInvoked: Rule = {
  meta: {
    id: 'security-middleware-not-invoked',
    category: 'web-config',
    title: 'Middleware factory passed to use() uncalled',
    description:
      'app.use(helmet), app.use(cors), app.use(express.json) and the like pass the factory, not a middleware: every request through it hangs or fails, and the protection never runs.',
    severity: 'error',
    cwe: [693],
    fixable: true,
  },
  visitors: {
    CallExpression: check,
  },
};
