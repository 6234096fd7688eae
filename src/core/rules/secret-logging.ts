// secret-logging: passwords, tokens, keys, authorization headers and login bodies written to logs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';
import { nameWords, secretNameKind } from '../secrets';
import { preferredQuote } from '../static-value';
import { isTestFile } from '../test-files';

const CONSOLE_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table']);
const LOGGER_METHODS = new Set([
  'log', 'info', 'debug', 'warn', 'warning', 'error', 'trace', 'fatal', 'verbose', 'silly', 'http', 'notice', 'critical', 'crit',
]);
/** The object a log method is called on: console, logger, log, this.logger, req.log, winston, pino, a ...Logger. */
const LOGGER_OBJECT = /^(?:console|logger|_logger|log|_log|winston|pino|bunyan|signale|consola|\w*Logger)$/;
/** Leading words that make a secret-sounding name a flag or an action: `showPassword`, `hasToken`, `resetPasswordUrl`. */
const NOT_A_VALUE = new Set([
  'is', 'has', 'show', 'hide', 'should', 'can', 'need', 'needs', 'require', 'requires', 'required', 'enable', 'enabled',
  'toggle', 'handle', 'on', 'set', 'get', 'fetch', 'update', 'validate', 'verify', 'check', 'missing', 'invalid', 'valid',
  'no', 'use', 'with', 'without', 'hash', 'hashed', 'encrypted', 'masked', 'redacted', 'sanitized', 'mask', 'redact',
]);
/** Words around `token(s)` that mean language-model token counts, not credentials: `totalTokens`, `maxTokens`, `tokensUsed`. */
const COUNT_WORDS = new Set([
  'total', 'max', 'min', 'prompt', 'completion', 'input', 'output', 'used', 'remaining', 'estimated', 'num', 'count',
  'cached', 'reasoning', 'context', 'available', 'billed', 'generated', 'per', 'usage', 'limit', 'budget', 'left', 'new',
]);
/** Names whose secret-ness needs a request or headers around them. */
const COOKIE_WORDS = new Set(['cookie', 'cookies']);
/** Bare names that are usually, not always, credentials (lexer tokens, SDK credential objects). */
const GENERIC_SECRET_NAMES = new Set(['token', 'tokens', 'credential', 'credentials', 'creds']);
/** Bare names that are more often a client or state object than a credential: `const auth = getAuth(app)`. */
const CLIENT_NAMES = new Set(['auth', 'bearer']);
/** Calls that print their argument as it is. */
const PASS_THROUGH = new Set(['JSON.stringify', 'String', 'util.inspect', 'inspect']);
/** Route paths and file names of sign-in, sign-up and password flows, whose request body holds a password. */
const AUTH_ROUTE = /(?:^|[/\\._-])(?:login|log-in|signin|sign-in|signup|sign-up|register|registration|password|passwd|auth|authenticate|credentials?|reset)(?:$|[/\\._:-])/i;
const REDACTED = '[REDACTED]';

interface Hit {
  node: Node;
  what: string;
  confidence: Confidence;
  /** Where to write the redacted value, when that is a plain substitution. */
  replace?: { range: [number, number]; text: (quote: string) => string };
}

function isLoggingCall(node: TSESTree.CallExpression): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  const object = memberPath(callee.object);
  if (method === undefined || object === undefined) return false;
  const last = object.slice(object.lastIndexOf('.') + 1);
  if (last === 'console') return CONSOLE_METHODS.has(method);
  return LOGGER_OBJECT.test(last) && LOGGER_METHODS.has(method);
}

/** Objects whose members name things rather than hold values: `EnvVarNames.API_SECRET`, `HeaderKeys.AUTHORIZATION`. */
const NAME_TABLE = /(?:Names?|Keys|Constants|Types|Kinds|Fields|Headers|Params|Enum|Codes|Messages|Errors|Events|Labels)$/;

/** `Names.MSI_SECRET`, a member of a TypeScript enum, or a `const` object's string: a name or label, not a credential. */
function isNamedConstant(node: TSESTree.MemberExpression, context: RuleContext): boolean {
  const object = unwrap(node.object);
  const property = propertyName(node);
  if (object.type !== 'Identifier' || property === undefined) return false;
  if (/^[A-Z]/.test(object.name) && (NAME_TABLE.test(object.name) || context.mentions(new RegExp(`\\benum\\s+${object.name.replace(/\$/g, '\\$')}\\b`)))) return true;
  const init = context.declaration(object.name)?.init;
  const table = init ? unwrap(init) : undefined;
  if (table?.type !== 'ObjectExpression') return false;
  const entry = table.properties.find((candidate) => candidate.type === 'Property' && propertyName(candidate) === property);
  return entry?.type === 'Property' && staticString(entry.value) !== undefined;
}

/** Whether an identifier or member path names a credential, and how sure that is. */
function secretName(path: string, context: RuleContext, call: Node): Confidence | undefined {
  const segments = path.split('.');
  const name = segments[segments.length - 1];
  const words = nameWords(name);
  if (words.length === 0 || NOT_A_VALUE.has(words[0]) || words.includes('hash') || words.includes('hashed')) return undefined;
  if (words.length === 1 && COOKIE_WORDS.has(words[0])) {
    // The Cookie header or the parsed cookies of a request: session identifiers.
    return segments.includes('headers') || /^(?:req|request|ctx)$/.test(segments[0]) ? 'medium' : undefined;
  }
  const kind = secretNameKind(name);
  if (!kind || (words.length === 1 && CLIENT_NAMES.has(words[0]))) return undefined;
  if (words.some((word) => /^tokens?$/.test(word)) && words.some((word) => COUNT_WORDS.has(word))) return undefined;
  if (words.length === 1 && GENERIC_SECRET_NAMES.has(words[0])) {
    if (/^tokens?$/.test(words[0]) && (segments.length === 1 || segments[segments.length - 2] === 'usage') && notACredential(call, context)) return undefined;
    return 'medium';
  }
  return 'high';
}

/** A bare `token` in a lexer or parser, or in code that streams language-model output token by token. */
function notACredential(node: Node, context: RuleContext): boolean {
  return /\btokens?\s*\.\s*(?:type|kind|value|start|end|loc|range|pos)\b|\btokens\s*\[|tokeni[sz]|lexer|scanner|parser|stream|chunk|delta|completion|onToken|NewToken|llm|openai|anthropic/i.test(enclosingSource(node, context));
}

function enclosingSource(node: Node, context: RuleContext): string {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (isFunction(current)) return context.source(current);
  }
  return context.text;
}

/** Whether the logging call runs inside a sign-in, sign-up or password route handler (or such a route file). */
function inAuthRoute(call: Node, context: RuleContext): boolean {
  for (let current: Node | undefined = call.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const route = current.parent;
    if (route?.type === 'CallExpression' && route.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const path = staticString(route.arguments[0]);
      if (path !== undefined) return AUTH_ROUTE.test(path);
    }
  }
  return AUTH_ROUTE.test(context.filePath.replace(/\.[cm]?[jt]sx?$/, ''));
}

const BODY_NAMES = new Set(['body', 'data', 'payload', 'credentials', 'input', 'values', 'form', 'formData', 'fields']);

/** Secrets an argument would print, looking through templates, concatenation, objects and JSON.stringify. */
function findSecrets(expression: Node, call: TSESTree.CallExpression, context: RuleContext, hits: Hit[], depth = 0): void {
  if (depth > 4) return;
  const node = unwrap(expression);
  switch (node.type) {
    case 'Identifier':
    case 'MemberExpression': {
      const path = memberPath(node);
      if (path === undefined) return;
      if (path === 'process.env') {
        hits.push({ node, what: 'the whole environment (every API key and password in it)', confidence: 'high' });
        return;
      }
      const value = context.evaluate(node);
      if (value.kind === 'constant') return;
      const last = path.slice(path.lastIndexOf('.') + 1);
      if (value.kind === 'tainted' || value.kind === 'source') {
        if (last === 'headers') {
          hits.push({ node, what: 'all request headers (Authorization and Cookie included)', confidence: 'medium' });
          return;
        }
        if ((path.endsWith('.body') || (node.type === 'Identifier' && BODY_NAMES.has(node.name))) && inAuthRoute(call, context)) {
          hits.push({ node, what: 'the whole sign-in or sign-up request body (with the password)', confidence: 'high' });
          return;
        }
      }
      if (node.type === 'Identifier' && context.declaration(node.name)?.nonTextType) return;
      if (node.type === 'MemberExpression' && isNamedConstant(node, context)) return;
      const confidence = secretName(path, context, call);
      if (confidence) {
        hits.push({ node, what: `'${path}'`, confidence, replace: { range: [node.range[0], node.range[1]], text: (quote) => `${quote}${REDACTED}${quote}` } });
      }
      return;
    }
    case 'TemplateLiteral':
      for (const part of node.expressions) findSecrets(part, call, context, hits, depth + 1);
      return;
    case 'BinaryExpression':
      if (node.operator === '+') {
        findSecrets(node.left as Node, call, context, hits, depth + 1);
        findSecrets(node.right, call, context, hits, depth + 1);
      }
      return;
    case 'LogicalExpression':
      findSecrets(node.left, call, context, hits, depth + 1);
      findSecrets(node.right, call, context, hits, depth + 1);
      return;
    case 'ConditionalExpression':
      findSecrets(node.consequent, call, context, hits, depth + 1);
      findSecrets(node.alternate, call, context, hits, depth + 1);
      return;
    case 'ObjectExpression':
      for (const property of node.properties) {
        if (property.type !== 'Property') continue;
        const before = hits.length;
        findSecrets(property.value, call, context, hits, depth + 1);
        if (hits.length > before) {
          // `{ password }` must keep its key when redacted.
          if (property.shorthand) {
            const hit = hits[hits.length - 1];
            const key = context.source(property.key);
            hit.replace = { range: [property.range[0], property.range[1]], text: (quote) => `${key}: ${quote}${REDACTED}${quote}` };
          }
          continue;
        }
        keyedSecret(property, call, context, hits);
      }
      return;
    case 'CallExpression': {
      const name = context.qualifiedName(node.callee);
      if (name !== undefined && PASS_THROUGH.has(name) && node.arguments[0]) findSecrets(node.arguments[0], call, context, hits, depth + 1);
      const callee = unwrap(node.callee);
      if (callee.type === 'MemberExpression' && propertyName(callee) === 'toString' && node.arguments.length === 0) {
        findSecrets(callee.object, call, context, hits, depth + 1);
      }
      return;
    }
    default:
      return;
  }
}

/** `{ token: newToken }`: a secret-named key whose value is a plain variable of unknown content. */
function keyedSecret(property: TSESTree.Property, call: TSESTree.CallExpression, context: RuleContext, hits: Hit[]): void {
  const key = propertyName(property);
  const value = unwrap(property.value);
  if (key === undefined || (value.type !== 'Identifier' && value.type !== 'MemberExpression')) return;
  const valuePath = memberPath(value);
  const valueName = valuePath?.slice(valuePath.lastIndexOf('.') + 1) ?? '';
  const valueWords = nameWords(valueName);
  if (valueWords.some((word) => NOT_A_VALUE.has(word)) || valueName === 'length') return;
  if (context.evaluate(value).kind === 'constant') return;
  const confidence = secretName(key, context, call);
  if (confidence) {
    hits.push({ node: property, what: `'${key}'`, confidence, replace: { range: [value.range[0], value.range[1]], text: (quote) => `${quote}${REDACTED}${quote}` } });
  }
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  if (!isLoggingCall(node)) return;
  const hits: Hit[] = [];
  for (const arg of node.arguments) findSecrets(arg, node, context, hits);
  const quote = preferredQuote(context.text);
  for (const hit of hits) {
    const fix: Fix | undefined = hit.replace
      ? {
        title: 'Log a redacted placeholder instead (safe: only the text written to the log changes)',
        safety: 'safe',
        edits: [{ range: hit.replace.range, text: hit.replace.text(quote) }],
      }
      : undefined;
    context.report({
      node: hit.node,
      message: `This log call writes ${hit.what} in clear text, so anyone who can read the logs (log services, support staff, backups) can use the credential.`,
      confidence: hit.confidence,
      fixes: fix ? [fix] : [],
    });
  }
}

export const secretLogging: Rule = {
  meta: {
    id: 'secret-logging',
    category: 'secrets',
    title: 'Secrets written to logs',
    description: 'Passwords, tokens, API keys, authorization headers, whole login request bodies and process.env passed to console or logger calls.',
    severity: 'warning',
    cwe: [532],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};
