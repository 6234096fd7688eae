// Taint-lite: within one function, where a value comes from (request input, argv, the page URL, messages).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';
import { memberPath, propertyName, staticString, unwrap } from './ast';
import { CONSTANT, ScopeStack, SourceObject, UNKNOWN, Value } from './bindings';

const REQUEST_INPUTS = new Set([
  'query', 'body', 'params', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'path',
  'files', 'file', 'payload', 'querystring', 'search', 'rawBody',
]);
const COOKIE_JAR: SourceObject = { label: 'cookies', inputs: new Set(), inputMethods: new Set(['get']) };
const SEARCH_PARAMS: SourceObject = { label: 'request input (nextUrl)', inputs: new Set(), inputMethods: new Set(['get', 'getAll']) };
/** Next.js `request.nextUrl`: its query is input; origin, pathname and clone() name the app's own URL. */
const NEXT_URL: SourceObject = { label: 'request input (nextUrl)', inputs: new Set(['search', 'href']), inputMethods: new Set(), nested: { searchParams: SEARCH_PARAMS } };
const REQUEST: SourceObject = {
  label: 'request input',
  inputs: REQUEST_INPUTS,
  inputMethods: new Set(['get', 'header', 'param', 'query', 'json', 'text', 'formData', 'parseBody']),
  nested: { nextUrl: NEXT_URL },
};
/** Hono's context: the request is `c.req`. */
const HONO_CONTEXT: SourceObject = { label: 'request input', inputs: new Set(), inputMethods: new Set(), nested: { req: REQUEST } };
/** API Gateway events reaching a Lambda handler. */
const LAMBDA_EVENT: SourceObject = {
  label: 'Lambda event',
  inputs: new Set(['body', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'headers', 'multiValueHeaders', 'rawPath', 'rawQueryString', 'cookies']),
  inputMethods: new Set(),
};
const HTTP_VERB_EXPORTS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Koa's context exposes the request both directly and under `ctx.request`. */
const KOA_CONTEXT: SourceObject = {
  label: 'request input',
  inputs: REQUEST_INPUTS,
  inputMethods: new Set(['get']),
  nested: { request: REQUEST, req: REQUEST, cookies: COOKIE_JAR },
};
const MESSAGE_EVENT: SourceObject = { label: 'message data', inputs: new Set(['data']), inputMethods: new Set() };

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'route', 'handle']);
const RESPONSE_NAMES = new Set(['res', 'response', 'reply', 'h', 'resp']);
const REQUEST_NAMES = new Set(['req', 'request']);

/** Page URL pieces an attacker controls through a link. */
const BROWSER_SOURCES = new Set([
  'location.href', 'location.search', 'location.hash', 'location.pathname', 'location',
  'window.location', 'window.location.href', 'window.location.search', 'window.location.hash', 'window.location.pathname',
  'document.location', 'document.location.href', 'document.location.search', 'document.location.hash',
  'document.URL', 'document.documentURI', 'document.referrer', 'window.name', 'process.argv',
]);
/** Browser storage: whatever a page script (or an injected one) stored there earlier. */
const STORAGE_READS = /^(?:window\.)?(?:localStorage|sessionStorage)\.getItem$/;

/** Parts of the page's location that name the site itself, not what a link put in the URL. */
const OWN_ORIGIN_PARTS = new Set(['origin', 'host', 'hostname', 'protocol', 'port']);

/** Functions whose result carries no attacker-chosen text. */
const SANITIZER = /(?:^|\.)(?:Number|parseInt|parseFloat|Boolean|encodeURIComponent|basename|sanitize\w*|escape\w*|\w*Escape|purify|xss|filterXSS|isValid\w*|uuid\w*)$/i;
const SAFE_RESULT_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'has', 'length', 'localeCompare', 'search',
]);
const PROPAGATING_METHODS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toString', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'replace',
  'replaceAll', 'split', 'concat', 'join', 'padStart', 'padEnd', 'normalize', 'at', 'map', 'filter', 'find', 'pop',
  'shift', 'valueOf', 'get', 'getAll', 'toJSON', 'flat', 'values',
]);
/** Calls that return text built from their arguments. */
const PROPAGATING_FUNCTIONS = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'unescape', 'JSON.parse', 'Buffer.from', 'Array.from', 'Object.values',
  'path.join', 'path.resolve', 'path.normalize', 'path.posix.join', 'path.win32.join', 'url.resolve', 'url.parse',
  'util.format', 'querystring.parse', 'qs.parse', 'URL', 'URLSearchParams', 'Object.assign',
]);

/** Methods that look a value up in a known set or pattern. */
const SET_CHECKS = new Set(['includes', 'has', 'test', 'startsWith', 'match']);
const VALIDATOR = /^(?:is|validate|check)/i;
const EQUALITY = new Set(['===', '!==', '==', '!=']);

export class Taint {
  /** Names and member paths a conditional's test checked, while evaluating the branch the check guards. */
  private readonly assumed: string[] = [];

  constructor(private readonly scopes: ScopeStack) {}

  /** The origin of an expression's value. */
  evaluate(node: Node | null | undefined): Value {
    if (!node) return CONSTANT;
    const inner = unwrap(node);
    const value = this.origin(inner);
    return value.kind === 'tainted' && this.checked(inner) ? CONSTANT : value;
  }

  /** Taken as checked: in the branch a conditional's test guards, or as a member path an `if` checked in scope. */
  private checked(node: Node): boolean {
    const path = memberPath(node);
    return path !== undefined && (this.assumed.includes(path) || this.scopes.isValidatedPath(path));
  }

  private origin(inner: Node): Value {
    switch (inner.type) {
      case 'Literal':
        return { kind: 'constant', text: typeof inner.value === 'string' ? inner.value : undefined };
      case 'TemplateLiteral':
        return this.combine(inner.expressions, inner.quasis.map((quasi) => quasi.value.cooked ?? '').join(''));
      case 'BinaryExpression':
        if (inner.operator !== '+') return CONSTANT;
        return this.combine([inner.left as Node, inner.right]);
      case 'Identifier':
        if (inner.name === 'undefined') return CONSTANT;
        return this.scopes.lookup(inner.name)?.value ?? (BROWSER_SOURCES.has(inner.name) ? tainted(inner, inner.name) : UNKNOWN);
      case 'MemberExpression':
        return this.member(inner);
      case 'CallExpression':
        return this.call(inner, inner.callee, inner.arguments);
      case 'NewExpression':
        return this.call(inner, inner.callee, inner.arguments);
      case 'AwaitExpression':
        return this.evaluate(inner.argument);
      case 'ConditionalExpression': {
        const { test, consequent } = inner;
        return this.combine([consequent, inner.alternate], undefined, (branch) => this.guarded(test, branch === consequent, branch));
      }
      case 'LogicalExpression':
        return this.combine([inner.left, inner.right]);
      case 'AssignmentExpression':
        return this.evaluate(inner.right);
      case 'SequenceExpression':
        return this.evaluate(inner.expressions[inner.expressions.length - 1]);
      case 'ObjectExpression':
        return this.combine(inner.properties.map((property) => (property.type === 'Property' ? property.value : property.argument)));
      case 'ArrayExpression':
        return this.combine(inner.elements.filter((element): element is NonNullable<typeof element> => element !== null));
      case 'SpreadElement':
        return this.evaluate(inner.argument);
      case 'UnaryExpression':
      case 'UpdateExpression':
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'ClassExpression':
        return CONSTANT;
      default:
        return UNKNOWN;
    }
  }

  /** Tainted if any part is; constant if all parts are (with their joined text when known). */
  private combine(parts: Node[], knownText?: string, evaluate = (part: Node) => this.evaluate(part)): Value {
    let allConstant = true;
    let text = knownText === undefined ? '' : undefined;
    for (const part of parts) {
      const value = evaluate(part);
      if (value.kind === 'tainted') return value;
      if (value.kind === 'source') return tainted(value.node, value.source.label);
      if (value.kind !== 'constant') allConstant = false;
      else if (text !== undefined) text = value.text === undefined ? undefined : text + value.text;
    }
    if (!allConstant) return UNKNOWN;
    return { kind: 'constant', text: knownText ?? text };
  }

  /** `ALLOWED.includes(x) ? x : 'id'`: a branch with what its test checked, when the test comes out as `outcome`. */
  private guarded(test: Node, outcome: boolean, branch: Node): Value {
    const paths = checkedBy(test, outcome).map(memberPath).filter((path): path is string => path !== undefined);
    this.assumed.push(...paths);
    const value = this.evaluate(branch);
    this.assumed.length -= paths.length;
    return value;
  }

  private member(node: TSESTree.MemberExpression): Value {
    const path = memberPath(node);
    if (path !== undefined && BROWSER_SOURCES.has(path)) return tainted(node, path);
    const property = propertyName(node);
    if (property !== undefined && OWN_ORIGIN_PARTS.has(property) && path !== undefined && /(?:^|\.)location$/.test(path.slice(0, -property.length - 1))) {
      return CONSTANT;
    }
    if (path !== undefined && path.startsWith('process.argv')) return tainted(node, 'process.argv');
    const object = this.evaluate(node.object);
    if (object.kind === 'source') {
      if (property !== undefined && object.source.nested?.[property]) {
        return { kind: 'source', source: object.source.nested[property], node };
      }
      if (property !== undefined && object.source.inputs.has(property)) return tainted(node, `${object.source.label} (${path ?? property})`);
      return UNKNOWN;
    }
    if (object.kind === 'tainted') return property === 'length' ? CONSTANT : object;
    return UNKNOWN;
  }

  private call(node: Node, callee: Node, args: readonly Node[]): Value {
    const name = this.scopes.qualifiedName(callee);
    if (isSanitizer(name)) return CONSTANT;
    if (name !== undefined && STORAGE_READS.test(name)) return tainted(node, 'browser storage');
    const target = unwrap(callee);
    if (target.type === 'MemberExpression') {
      const method = propertyName(target);
      const object = this.evaluate(target.object);
      if (method !== undefined && SAFE_RESULT_METHODS.has(method)) return CONSTANT;
      // ids.map(Number): every element went through the sanitizer.
      if (method === 'map' && args[0] && isSanitizer(this.scopes.qualifiedName(args[0]))) return CONSTANT;
      if (object.kind === 'source' && method !== undefined && object.source.inputMethods.has(method)) {
        return tainted(node, `${object.source.label} (${memberPath(target) ?? method}())`);
      }
      if (object.kind === 'tainted' && method !== undefined && PROPAGATING_METHODS.has(method)) return object;
      if (method === 'concat' || method === 'join' || method === 'format') {
        for (const arg of args) {
          const value = this.evaluate(arg);
          if (value.kind === 'tainted') return value;
        }
      }
    }
    if (name !== undefined && PROPAGATING_FUNCTIONS.has(name)) {
      for (const arg of args) {
        const value = this.evaluate(arg);
        if (value.kind === 'tainted') return value;
        if (value.kind === 'source') return tainted(value.node, value.source.label);
      }
      return args.every((arg) => this.evaluate(arg).kind === 'constant') ? CONSTANT : UNKNOWN;
    }
    return UNKNOWN;
  }

  /** Parameters of route handlers, message listeners and IPC handlers are where input enters. */
  declareParameters(fn: TSESTree.FunctionLike): void {
    const params = fn.params;
    const kind = handlerKind(fn);
    params.forEach((param, index) => {
      const target = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
      const source = index === 0 ? firstParameterSource(kind, target, params[1]) : undefined;
      const decorated = decoratorSource(param);
      if (kind === 'ipc' && index > 0) {
        this.declarePattern(target, tainted(target, 'IPC message'));
      } else if (decorated) {
        this.declarePattern(target, tainted(target, decorated));
      } else if (index === 0 && target.type === 'ObjectPattern') {
        this.declareFrameworkProps(target);
      } else if (index === 1 && target.type === 'ObjectPattern' && isRouteHandlerExport(fn)) {
        // Next.js route handlers: GET(request, { params }) — the dynamic segments of the URL.
        this.declareFrameworkProps(target, 'params');
      } else if (source) {
        this.declarePattern(target, { kind: 'source', source, node: target });
      } else {
        this.declarePattern(target, UNKNOWN);
      }
    });
  }

  /**
   * `({ request })` (Remix and React Router loaders and actions) is the request; `({ searchParams })` (Next.js
   * page props) is the query string.
   */
  private declareFrameworkProps(pattern: TSESTree.ObjectPattern, inputKey = 'searchParams'): void {
    for (const property of pattern.properties) {
      const key = property.type === 'Property' ? propertyName(property) : undefined;
      const value: Value = key === 'request' || key === 'req' ? { kind: 'source', source: REQUEST, node: property }
        : key === inputKey ? tainted(property, `request input (${inputKey})`)
          : UNKNOWN;
      if (property.type === 'Property') this.declarePattern(property.value, value);
      else this.declarePattern(property.argument, UNKNOWN);
    }
  }

  /** Binds every name in a declaration pattern; destructuring a source gives its input properties. */
  declarePattern(pattern: Node, value: Value): void {
    switch (pattern.type) {
      case 'Identifier':
        this.scopes.declare(pattern.name, value);
        return;
      case 'AssignmentPattern':
        this.declarePattern(pattern.left, value.kind === 'constant' ? this.evaluate(pattern.right) : value);
        return;
      case 'RestElement':
        this.declarePattern(pattern.argument, value);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.declarePattern(element, value.kind === 'source' ? UNKNOWN : value);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            this.declarePattern(property.argument, value.kind === 'source' ? UNKNOWN : value);
            continue;
          }
          const key = propertyName(property);
          this.declarePattern(property.value, this.propertyOf(value, key, property));
        }
        return;
      default:
        return;
    }
  }

  private propertyOf(value: Value, key: string | undefined, node: Node): Value {
    if (value.kind === 'source') {
      if (key !== undefined && value.source.nested?.[key]) return { kind: 'source', source: value.source.nested[key], node };
      if (key !== undefined && value.source.inputs.has(key)) return tainted(node, `${value.source.label} (${key})`);
      return UNKNOWN;
    }
    if (value.kind === 'tainted') return value;
    return value.kind === 'constant' ? CONSTANT : UNKNOWN;
  }

  /**
   * A value compared against, or looked up in, a known set inside an `if` is treated as validated from then on
   * (`if (!ALLOWED.includes(next)) return;`), a variable and a member path (`req.query.sort`) alike, the path in
   * the current function and those it encloses. Flow-insensitive on purpose: the common guard returns early.
   */
  markValidated(test: Node): void {
    for (const node of checkedBy(test)) this.validate(node);
  }

  private validate(node: Node): void {
    const inner = unwrap(node);
    if (this.evaluate(inner).kind !== 'tainted') return;
    const path = memberPath(inner);
    if (inner.type === 'Identifier') this.scopes.assign(inner.name, CONSTANT);
    else if (inner.type === 'MemberExpression' && path !== undefined) this.scopes.validatePath(path);
  }
}

/**
 * What a test compares with, or looks up in, a known set when it comes out as `outcome` (either way when
 * undefined): `ALLOWED.includes(x)`, `x === 'asc'`, `isValid(x)`.
 */
function checkedBy(test: Node, outcome?: boolean): Node[] {
  const inner = unwrap(test);
  switch (inner.type) {
    case 'UnaryExpression':
      if (outcome === undefined) return checkedBy(inner.argument);
      return inner.operator === '!' ? checkedBy(inner.argument, !outcome) : [];
    case 'LogicalExpression':
      // Both sides hold where `a && b` is true and where `a || b` is false.
      if (outcome !== undefined && inner.operator !== (outcome ? '&&' : '||')) return [];
      return [...checkedBy(inner.left, outcome), ...checkedBy(inner.right, outcome)];
    case 'BinaryExpression': {
      // Comparing with a known value pins it; comparing with an empty value only checks presence.
      const left = inner.left as Node;
      if (!EQUALITY.has(inner.operator) || isEmptyValue(left) || isEmptyValue(inner.right)) return [];
      const equal = inner.operator === '===' || inner.operator === '==';
      return outcome === undefined || outcome === equal ? [left, inner.right] : [];
    }
    case 'CallExpression':
      return outcome === false ? [] : checkedArguments(inner);
    default:
      return [];
  }
}

/** `ALLOWED.includes(x)`: the set and the value looked up; `isSafe(x)`, `validate(x)`: the arguments. */
function checkedArguments(call: TSESTree.CallExpression): Node[] {
  const callee = unwrap(call.callee);
  if (callee.type === 'MemberExpression' && SET_CHECKS.has(propertyName(callee) ?? '')) return [callee.object, ...call.arguments];
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  return name !== undefined && VALIDATOR.test(name) ? [...call.arguments] : [];
}

function isSanitizer(name: string | undefined): boolean {
  return name !== undefined && SANITIZER.test(name);
}

/** `null`, `undefined`, `''` and `0`: a comparison with these tests presence, not content. */
function isEmptyValue(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name === 'undefined';
  return inner.type === 'Literal' && (inner.value === null || inner.value === '' || inner.value === 0);
}

function tainted(source: Node, label: string): Value {
  return { kind: 'tainted', source, label };
}

type HandlerKind = 'route' | 'koa' | 'message' | 'ipc' | 'lambda' | 'plain';

/** `export async function GET(request, { params })` in a Next.js route file. */
function isRouteHandlerExport(fn: TSESTree.FunctionLike): boolean {
  return fn.type === 'FunctionDeclaration' && fn.id !== null && HTTP_VERB_EXPORTS.has(fn.id.name) && fn.parent?.type === 'ExportNamedDeclaration';
}

/** The name a function is stored under: `function handler`, `const handler = …`, `exports.handler = …`. */
function storedName(fn: TSESTree.FunctionLike): string | undefined {
  if (fn.type === 'FunctionDeclaration') return fn.id?.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression') return memberPath(parent.left)?.split('.').pop();
  return undefined;
}

function handlerKind(fn: TSESTree.FunctionLike): HandlerKind {
  const parent = fn.parent;
  if (parent?.type === 'CallExpression' && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(parent.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    const event = staticString(parent.arguments[0]);
    if (method === 'addEventListener' && event === 'message') return 'message';
    if ((method === 'on' || method === 'handle' || method === 'once') && /ipcMain/.test(memberPath(callee) ?? '')) return 'ipc';
    if (method !== undefined && ROUTE_METHODS.has(method)) return fn.params.length === 1 ? 'koa' : 'route';
  }
  if (parent?.type === 'AssignmentExpression' && /(?:^|\.)onmessage$/.test(memberPath(parent.left) ?? '')) return 'message';
  if (/^(?:\w+)?[hH]andler$/.test(storedName(fn) ?? '')) return 'lambda';
  return 'plain';
}

/** NestJS parameter decorators that inject request input: `@Body() dto`, `@Query('q') q`, `@Param('id') id`. */
const NEST_INPUT_DECORATORS = new Set(['Body', 'Query', 'Param', 'Headers', 'Req', 'Request']);

function decoratorSource(param: TSESTree.Parameter): string | undefined {
  for (const decorator of param.decorators ?? []) {
    const expression = unwrap(decorator.expression);
    const callee = expression.type === 'CallExpression' ? unwrap(expression.callee) : expression;
    if (callee.type === 'Identifier' && NEST_INPUT_DECORATORS.has(callee.name)) return `request input (@${callee.name}())`;
  }
  return undefined;
}

function firstParameterSource(kind: HandlerKind, param: Node, second: Node | undefined): SourceObject | undefined {
  if (kind === 'message') return MESSAGE_EVENT;
  const name = param.type === 'Identifier' ? param.name : undefined;
  const secondName = second?.type === 'Identifier' ? second.name : undefined;
  // A function named `handler` is a Lambda handler when it takes an event, and a Next.js or Vercel API route
  // when it takes (req, res): the checks below cover the second case.
  if (kind === 'lambda' && (name === 'event' || name === 'evt')) return LAMBDA_EVENT;
  const routeLike = kind === 'koa' || kind === 'route';
  if (routeLike && (name === 'ctx' || name === 'context')) return KOA_CONTEXT;
  if (routeLike && name === 'c') return HONO_CONTEXT;
  if (name !== undefined && REQUEST_NAMES.has(name)) return REQUEST;
  if ((kind === 'route' || kind === 'lambda') && secondName !== undefined && RESPONSE_NAMES.has(secondName)) return REQUEST;
  return undefined;
}
