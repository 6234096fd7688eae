// url-flow: what the URL and HTML rules (open-redirect, ssrf, dom-xss) need beyond the shared taint model:
// Next.js inputs it does not know yet, guards (allow-lists, origin checks, checks on a parsed URL), the app's
// own URL (which is not attacker-chosen), and whether code pins a URL's origin before user input enters it.
// Facts are kept per function node, recorded by visitors each rule registers (see `withFlow`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';
import type { RuleContext, Visitors } from './rule';
import type { Value } from './bindings';
import { isFunction, memberPath, propertyName, staticString, unwrap } from './ast';

/** A dynamic piece of a URL or HTML string that carries input the rule cares about. */
export interface Attack {
  node: Node;
  value: Value;
}

/** Which input a rule accepts as attacker-controlled (the label tells where it entered). */
export type Accepts = (label: string) => boolean;

type Special = 'ownUrl' | 'ownPath' | 'ownOrigin' | 'protocol' | 'urlProtocol' | 'host' | 'trusted';

interface Facts {
  /** Names bound to input the shared model does not see (Next.js `nextUrl`, `searchParams`). */
  inputs: Map<string, Value>;
  /** Names checked against an allow-list, an origin, or a validator. */
  guarded: Set<string>;
  /** Parsed URL (or one of its parts) -> the raw name it was parsed from. */
  derived: Map<string, string>;
  /** Names holding the app's own URL or a piece of it. */
  own: Map<string, Special>;
  /** Names holding a URL (or a request options object) and what code fixed of it: the pseudo text of its start, or 'attack'. */
  urls: Map<string, string | 'attack'>;
}

/** Pseudo text standing for values no attacker chose: config, unknown helpers. */
const OPAQUE = '\0';
const SPECIAL_TEXT: Record<Exclude<Special, 'ownUrl'>, string> = {
  ownPath: '/p',
  ownOrigin: 'https://self.invalid',
  protocol: 'https',
  urlProtocol: 'https:',
  host: 'self.invalid',
  trusted: OPAQUE,
};

const URL_CONSTRUCTORS = new Set(['URL', 'url.URL', 'globalThis.URL', 'window.URL']);
const URL_PARSERS = new Set(['url.parse', 'URL.parse']);
const DNS_LOOKUP = /^dns(?:\.promises|\/promises)?\.(?:lookup|resolve\w*)$/;
/** Parts of a parsed URL that, compared against a known value, pin where it goes. */
const DECISIVE_PARTS = new Set(['hostname', 'host', 'origin', 'href']);
/** String methods that keep the start of a string (and so its origin) as it was. */
const KEEPING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimEnd', 'toLowerCase', 'toString', 'toJSON', 'normalize', 'clone']);
const PROPAGATING = new Set(['get', 'getAll', 'toString', 'trim', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'replace', 'split', 'at', 'concat', 'join']);
const ANSWERING = new Set(['has', 'includes', 'startsWith', 'endsWith', 'indexOf', 'test', 'length', 'size']);
const CHECK_METHODS = new Set(['includes', 'has', 'startsWith', 'endsWith', 'test', 'match', 'indexOf']);
const VALIDATOR = /^(?:is|validate|check|assert|verify|ensure|allow)/i;
const SEARCH_PARAM_HOOKS = new Set([
  'next/navigation.useSearchParams', 'react-router-dom.useSearchParams', 'react-router.useSearchParams', '@remix-run/react.useSearchParams',
]);
const PAGE_FILE = /(?:^|[\\/])(?:page|layout|route)\.[cm]?[jt]sx?$/i;

// ---------- pinned origins ----------

/** An absolute URL whose host is written out in full (terminated by a path, query or fragment). */
const PINNED_ABSOLUTE = /^(?:(?:[a-z][a-z0-9+.-]*|\0+):)?\/\/[^/?#\\@\s]+[/?#]/i;
/** A path on the same site: "/x" but not "//x" or "/\x", which browsers read as another host. */
const PINNED_PATH = /^(?:\/[^/\\]|[?#]|\.{1,2}\/|[\w~-][\w.~%-]*[/?#]|\0+[/?#])/;
/** A base from configuration or a helper (`${process.env.API_URL}${path}`): the attacker did not choose it. */
const CONFIGURED_BASE = /^\0+$/;
const ABSOLUTE = /^(?:(?:[a-z][a-z0-9+.-]*|\0+):|\/\/)/i;

function pins(prefix: string): boolean {
  return PINNED_ABSOLUTE.test(prefix) || PINNED_PATH.test(prefix) || CONFIGURED_BASE.test(prefix);
}

type Part = { text: string } | { node: Node };

/** The pieces of a template literal or `+` concatenation, in order. */
export function flatten(node: Node): Part[] {
  const inner = unwrap(node);
  if (inner.type === 'TemplateLiteral') {
    const parts: Part[] = [];
    inner.quasis.forEach((quasi, index) => {
      if (quasi.value.cooked) parts.push({ text: quasi.value.cooked });
      const expression = inner.expressions[index];
      if (expression) parts.push(...flatten(expression));
    });
    return parts;
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') return [...flatten(inner.left as Node), ...flatten(inner.right)];
  const text = staticString(inner);
  return text === undefined ? [{ node: inner }] : [{ text }];
}

export function labelOf(value: Value): string {
  if (value.kind === 'tainted') return value.label;
  if (value.kind === 'source') return value.source.label;
  return '';
}

function tainted(source: Node, label: string): Value {
  return { kind: 'tainted', source, label };
}

/** The identifier at the root of a member/call chain: `parsed` in `parsed.toString()`. */
function rootIdentifier(node: Node): string | undefined {
  let current = unwrap(node);
  for (;;) {
    if (current.type === 'Identifier') return current.name;
    if (current.type === 'MemberExpression') current = unwrap(current.object);
    else if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') current = unwrap(current.callee.object);
    else if (current.type === 'AwaitExpression') current = unwrap(current.argument);
    else return undefined;
  }
}

function methodOf(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
}

/** Names bound by a declaration pattern (destructuring included). */
function boundNames(pattern: Node, out: { name: string; key?: string }[] = [], key?: string): { name: string; key?: string }[] {
  switch (pattern.type) {
    case 'Identifier':
      out.push({ name: pattern.name, key });
      break;
    case 'AssignmentPattern':
      boundNames(pattern.left, out, key);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        if (property.type === 'Property') boundNames(property.value, out, propertyName(property));
      }
      break;
    case 'ArrayPattern':
      if (pattern.elements[0]) boundNames(pattern.elements[0], out, key);
      break;
    default:
      break;
  }
  return out;
}

class FlowTracker {
  private readonly facts = new WeakMap<Node, Facts>();
  private lastRecorded: Node | undefined;

  /** True the first time it is asked about `node`: the rules sharing the tracker record each node once. */
  firstVisit(node: Node): boolean {
    if (node === this.lastRecorded) return false;
    this.lastRecorded = node;
    return true;
  }

  // ---------- recording ----------

  private factsAt(node: Node): Facts {
    let scope: Node | undefined = node;
    while (scope && !isFunction(scope) && scope.type !== 'Program') scope = scope.parent;
    const key = scope ?? node;
    let facts = this.facts.get(key);
    if (!facts) {
      facts = { inputs: new Map(), guarded: new Set(), derived: new Map(), own: new Map(), urls: new Map() };
      this.facts.set(key, facts);
    }
    return facts;
  }

  /** Facts of every function around `at` (and the program), innermost first. */
  private *visible(at: Node): Generator<Facts> {
    for (let scope: Node | undefined = at; scope; scope = scope.parent) {
      const facts = this.facts.get(scope);
      if (facts) yield facts;
    }
  }

  private find<T>(at: Node, pick: (facts: Facts) => T | undefined): T | undefined {
    for (const facts of this.visible(at)) {
      const found = pick(facts);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** Next.js pages receive the URL's query as the `searchParams` prop. */
  onFunction(node: TSESTree.FunctionLike, context: RuleContext): void {
    const first = node.params[0];
    if (!first || first.type !== 'ObjectPattern' || !PAGE_FILE.test(context.filePath)) return;
    const facts = this.factsAt(node);
    for (const property of first.properties) {
      if (property.type !== 'Property' || propertyName(property) !== 'searchParams') continue;
      for (const { name } of boundNames(property.value)) facts.inputs.set(name, tainted(property, 'request input (searchParams)'));
    }
  }

  onDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
    const init = node.init;
    if (!init) return;
    const facts = this.factsAt(node);
    const names = boundNames(node.id);
    if (context.evaluate(init).kind === 'unknown') {
      const extra = this.extraInput(init, context, node);
      if (extra) for (const { name } of names) facts.inputs.set(name, extra);
    }
    const raw = this.parsedFrom(init, context);
    for (const { name, key } of names) {
      if (raw !== undefined) facts.derived.set(name, raw);
      const own = this.ownPiece(init, key, context, node);
      if (own) facts.own.set(name, own);
      else facts.own.delete(name);
    }
    if (node.id.type !== 'Identifier') return;
    const name = node.id.name;
    const inner = unwrap(init);
    if (inner.type === 'ConditionalExpression' && this.guardedConsequent(inner, node)) facts.guarded.add(name);
    this.recordUrl(facts, name, init, context, node);
  }

  onAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
    if (node.left.type !== 'Identifier') return;
    const facts = this.factsAt(node);
    const name = node.left.name;
    if (node.operator === '=') {
      facts.own.delete(name);
      facts.guarded.delete(name);
      const own = this.ownPiece(node.right, undefined, context, node);
      if (own) facts.own.set(name, own);
      this.recordUrl(facts, name, node.right, context, node);
    } else if (node.operator === '+=') {
      // Appending keeps a pinned start pinned; it cannot un-pin an origin.
      const previous = this.find(node, (f) => f.urls.get(name));
      if (previous === undefined && context.evaluate(node.right).kind === 'tainted') facts.urls.set(name, 'attack');
    }
  }

  onIf(node: TSESTree.IfStatement): void {
    this.guard(node.test, node);
  }

  /** `assertSafeUrl(url)` / `await validateTarget(url)` as a statement throws on bad input. */
  onStatement(node: TSESTree.ExpressionStatement): void {
    let expression = unwrap(node.expression);
    if (expression.type === 'AwaitExpression') expression = unwrap(expression.argument);
    if (expression.type !== 'CallExpression') return;
    const name = methodOf(expression);
    if (name === undefined || !/^(?:assert|validate|verify|ensure|check)\w*(?:url|host|target|redirect|origin|domain|safe|allowed)/i.test(name)) return;
    const facts = this.factsAt(node);
    for (const arg of expression.arguments) this.markChecked(arg, facts, node);
  }

  private recordUrl(facts: Facts, name: string, init: Node, context: RuleContext, at: Node): void {
    const inner = unwrap(init);
    if (inner.type === 'ObjectExpression') {
      const verdict = this.optionsVerdict(inner, context, () => true, at);
      if (verdict !== undefined) facts.urls.set(name, verdict);
      else facts.urls.delete(name);
      return;
    }
    const result = this.target(init, context, () => true, at);
    if (result.attack) facts.urls.set(name, 'attack');
    else facts.urls.set(name, result.prefix);
  }

  private guard(test: Node, at: Node): void {
    const facts = this.factsAt(at);
    for (const checked of this.checkedIn(test)) this.markChecked(checked, facts, at);
  }

  /** Expressions in a test that are compared, looked up in a set, matched or passed to a validator. */
  private checkedIn(test: Node, out: Node[] = []): Node[] {
    const inner = unwrap(test);
    switch (inner.type) {
      case 'UnaryExpression':
        this.checkedIn(inner.argument, out);
        break;
      case 'LogicalExpression':
        this.checkedIn(inner.left, out);
        this.checkedIn(inner.right, out);
        break;
      case 'BinaryExpression':
        if (['===', '!==', '==', '!='].includes(inner.operator) && meaningfulComparand(inner.left as Node) && meaningfulComparand(inner.right)) {
          out.push(inner.left as Node, inner.right);
        }
        break;
      case 'CallExpression': {
        const callee = unwrap(inner.callee);
        const method = methodOf(inner);
        if (callee.type === 'MemberExpression' && method !== undefined && CHECK_METHODS.has(method)) {
          out.push(callee.object, ...inner.arguments);
        } else if (method !== undefined && VALIDATOR.test(method)) {
          out.push(...inner.arguments);
        }
        break;
      }
      default:
        break;
    }
    return out;
  }

  private markChecked(node: Node, facts: Facts, at: Node): void {
    let current = unwrap(node);
    // `hostname.toLowerCase()`, `new URL(x).hostname.endsWith(...)`: look through calls that keep the value.
    while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && KEEPING_METHODS.has(propertyName(current.callee) ?? '')) {
      current = unwrap(current.callee.object);
    }
    // Checking a parsed URL, its host or the address it resolves to checks the raw value it came from.
    const mark = (name: string): void => {
      let step: string | undefined = name;
      for (let depth = 0; step !== undefined && depth < 4 && !facts.guarded.has(step); depth++) {
        facts.guarded.add(step);
        const from: string = step;
        step = this.find(at, (f) => f.derived.get(from));
      }
    };
    if (current.type === 'Identifier') {
      mark(current.name);
      return;
    }
    if (current.type === 'MemberExpression' && !DECISIVE_PARTS.has(propertyName(current) ?? '')) {
      // `ALLOWED.includes(req.query.next)`: the same member chain read later is checked too.
      const path = memberPath(current);
      if (path !== undefined) facts.guarded.add(path);
      return;
    }
    if (current.type === 'MemberExpression') {
      const object = unwrap(current.object);
      if (object.type === 'Identifier') mark(object.name);
      else if (object.type === 'NewExpression' && object.arguments[0] && unwrap(object.arguments[0]).type === 'Identifier') {
        mark((unwrap(object.arguments[0]) as TSESTree.Identifier).name);
      }
    }
  }

  /** `next.startsWith('/') ? next : '/'`, `ALLOWED.includes(to) ? to : '/'`. */
  private guardedConsequent(node: TSESTree.ConditionalExpression, at: Node): boolean {
    const consequent = unwrap(node.consequent);
    if (consequent.type !== 'Identifier') return false;
    for (const checked of this.checkedIn(node.test)) {
      const root = rootIdentifier(checked);
      if (root === undefined) continue;
      if (root === consequent.name || this.find(at, (f) => f.derived.get(root)) === consequent.name) return true;
    }
    return false;
  }

  /**
   * `new URL(raw)`, `url.parse(raw)`, `new URL(raw).hostname`, `dns.lookup(parsed.hostname)`: the name a
   * parsed URL (or the address its host resolves to) comes from.
   */
  private parsedFrom(init: Node, context: RuleContext): string | undefined {
    let inner = unwrap(init);
    if (inner.type === 'AwaitExpression') inner = unwrap(inner.argument);
    while (inner.type === 'MemberExpression') inner = unwrap(inner.object);
    if (inner.type !== 'NewExpression' && inner.type !== 'CallExpression') return undefined;
    const name = context.qualifiedName(inner.callee);
    if (name === undefined) return undefined;
    const isParser = inner.type === 'NewExpression' ? URL_CONSTRUCTORS.has(name) : URL_PARSERS.has(name) || DNS_LOOKUP.test(name);
    const first = inner.arguments[0] && unwrap(inner.arguments[0]);
    if (!isParser || !first) return undefined;
    if (first.type === 'Identifier') return first.name;
    const object = first.type === 'MemberExpression' && DECISIVE_PARTS.has(propertyName(first) ?? '') ? unwrap(first.object) : undefined;
    return object?.type === 'Identifier' ? object.name : undefined;
  }

  // ---------- evaluating ----------

  /** The shared model's answer, completed with Next.js inputs it does not know yet. */
  evaluate(node: Node, context: RuleContext, at: Node): Value {
    const value = context.evaluate(node);
    if (value.kind !== 'unknown') return value;
    return this.extraInput(node, context, at) ?? value;
  }

  private extraInput(node: Node, context: RuleContext, at: Node): Value | undefined {
    const inner = unwrap(node);
    switch (inner.type) {
      case 'AwaitExpression':
        return this.extraInput(inner.argument, context, at);
      case 'LogicalExpression':
        return this.extraInput(inner.left, context, at) ?? this.extraInput(inner.right, context, at);
      case 'ConditionalExpression':
        return this.extraInput(inner.consequent, context, at) ?? this.extraInput(inner.alternate, context, at);
      case 'TemplateLiteral':
        for (const expression of inner.expressions) {
          const value = this.extraInput(expression, context, at);
          if (value) return value;
        }
        return undefined;
      case 'BinaryExpression':
        return inner.operator === '+' ? this.extraInput(inner.left as Node, context, at) ?? this.extraInput(inner.right, context, at) : undefined;
      case 'Identifier':
        return context.evaluate(inner).kind === 'unknown' ? this.find(at, (f) => f.inputs.get(inner.name)) : undefined;
      case 'MemberExpression': {
        const property = propertyName(inner);
        if (property === 'nextUrl' && context.evaluate(inner.object).kind === 'source') return tainted(inner, 'request input (nextUrl)');
        if (property !== undefined && ANSWERING.has(property)) return undefined;
        return this.extraInput(inner.object, context, at);
      }
      case 'CallExpression': {
        const name = context.qualifiedName(inner.callee);
        if (name !== undefined && SEARCH_PARAM_HOOKS.has(name)) return tainted(inner, 'page URL (useSearchParams())');
        const callee = unwrap(inner.callee);
        const method = methodOf(inner);
        if (callee.type === 'MemberExpression' && method !== undefined && PROPAGATING.has(method)) return this.extraInput(callee.object, context, at);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Input from a `message` event whose origin the handler checked is as trusted as the sender. */
  trustedMessage(value: Value, at: Node): boolean {
    if (value.kind !== 'tainted' || !value.label.startsWith('message data')) return false;
    const root = rootIdentifier(value.source);
    return root !== undefined && this.find(at, (f) => (f.guarded.has(root) ? true : undefined)) === true;
  }

  /** A checked name, or the same value read again (`parsed.href`, `url.toString()`, `req.query.next`). */
  isGuarded(node: Node, at: Node): boolean {
    let current = unwrap(node);
    for (;;) {
      if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && KEEPING_METHODS.has(propertyName(current.callee) ?? '')) {
        current = unwrap(current.callee.object);
      } else if (current.type === 'MemberExpression' && propertyName(current) === 'href') {
        current = unwrap(current.object);
      } else break;
    }
    const path = memberPath(current);
    return path !== undefined && this.find(at, (f) => (f.guarded.has(path) ? true : undefined)) === true;
  }

  // ---------- the app's own URL ----------

  /** What piece of the app's own URL an expression is, if any (`location.pathname`, `req.nextUrl.clone()`). */
  private ownPiece(node: Node, key: string | undefined, context: RuleContext, at: Node): Special | undefined {
    const whole = this.special(node, context, at);
    if (key === undefined) return whole;
    if (whole !== 'ownUrl') return undefined;
    return partOfOwnUrl(key);
  }

  private special(node: Node, context: RuleContext, at: Node): Special | undefined {
    let current = unwrap(node);
    if (current.type === 'AwaitExpression') current = unwrap(current.argument);
    // Calls that keep the start of the string: `location.href.replace('http:', 'https:')`, `url.toString()`.
    for (;;) {
      if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
        const method = propertyName(current.callee);
        const keepsStart =
          (method !== undefined && KEEPING_METHODS.has(method)) ||
          ((method === 'slice' || method === 'substring') && current.arguments[0] !== undefined && staticNumber(current.arguments[0]) === 0);
        if (!keepsStart) break;
        current = unwrap(current.callee.object);
      } else if (
        current.type === 'MemberExpression' && current.computed && staticNumber(current.property) === 0 &&
        current.object.type === 'CallExpression' && methodOf(current.object) === 'split'
      ) {
        current = unwrap((current.object.callee as TSESTree.MemberExpression).object);
      } else break;
    }
    const path = memberPath(current);
    if (path !== undefined) {
      const browser = path.replace(/^(?:(?:window|self|globalThis|top|parent)\.)+/, '').replace(/^document\.location\b/, 'location');
      if (/^location(?:\.href)?$/.test(browser) || /^document\.(?:URL|documentURI)$/.test(browser)) return 'ownUrl';
      if (browser.startsWith('location.')) return partOfOwnUrl(browser.slice('location.'.length));
      if (browser === 'document.referrer') return 'trusted';
    }
    if (current.type === 'Identifier') {
      const name = current.name;
      return this.find(at, (f) => f.own.get(name));
    }
    if (current.type === 'NewExpression') {
      const name = context.qualifiedName(current.callee);
      if (name !== undefined && URL_CONSTRUCTORS.has(name) && current.arguments.length === 1) {
        return this.special(current.arguments[0], context, at) === 'ownUrl' ? 'ownUrl' : undefined;
      }
      return undefined;
    }
    if (current.type === 'MemberExpression') {
      const property = propertyName(current);
      if (property === undefined) return undefined;
      const object = unwrap(current.object);
      if (context.evaluate(object).kind === 'source') {
        if (property === 'url' || property === 'originalUrl' || property === 'nextUrl' || property === 'href') return 'ownUrl';
        if (property === 'path') return 'ownPath';
        return undefined;
      }
      if (object.type === 'MemberExpression' && propertyName(object) === 'headers' && context.evaluate(object.object).kind === 'source') {
        return headerSpecial(property);
      }
      return this.special(object, context, at) === 'ownUrl' ? partOfOwnUrl(property) : undefined;
    }
    if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') {
      const method = propertyName(current.callee);
      const object = unwrap(current.callee.object);
      const isReader =
        ((method === 'get' || method === 'header') && context.evaluate(object).kind === 'source') ||
        (method === 'get' && object.type === 'MemberExpression' && propertyName(object) === 'headers' && context.evaluate(object.object).kind === 'source');
      const key = staticString(current.arguments[0]);
      if (isReader && key !== undefined) return headerSpecial(key);
    }
    return undefined;
  }

  /** For a tainted value bound earlier: was it read from a Host or Referer header? */
  private sourceSpecial(value: Value): Special | undefined {
    if (value.kind !== 'tainted') return undefined;
    if (value.label === 'document.referrer') return 'trusted';
    const source = unwrap(value.source);
    if (source.type === 'CallExpression') {
      const method = methodOf(source);
      const key = staticString(source.arguments[0]);
      return (method === 'get' || method === 'header') && key !== undefined ? headerSpecial(key) : undefined;
    }
    if (source.type === 'MemberExpression' && propertyName(source) === 'headers') {
      const parent = source.parent;
      if (parent?.type !== 'MemberExpression' || parent.object !== source) return undefined;
      const property = propertyName(parent);
      if (property === 'get' && parent.parent?.type === 'CallExpression') {
        const key = staticString(parent.parent.arguments[0]);
        return key === undefined ? undefined : headerSpecial(key);
      }
      return property === undefined ? undefined : headerSpecial(property);
    }
    return undefined;
  }

  // ---------- URL targets ----------

  /**
   * The first piece of a URL that carries accepted input, when the code before it does not pin the origin
   * (a same-site path, or an absolute URL with its host written out); undefined when the origin is pinned.
   */
  urlAttack(node: Node, context: RuleContext, accepts: Accepts, at: Node): Attack | undefined {
    return this.target(node, context, accepts, at).attack;
  }

  /** A request options object: `url`/`baseURL` must be pinned and `host`/`hostname` free of input. */
  optionsAttack(node: TSESTree.ObjectExpression, context: RuleContext, accepts: Accepts, at: Node): Attack | undefined {
    for (const property of node.properties) {
      if (property.type !== 'Property') continue;
      const key = propertyName(property);
      if (key === undefined) continue;
      if (URL_KEYS.has(key)) {
        const attack = this.urlAttack(property.value, context, accepts, at);
        if (attack) return attack;
      } else if (HOST_KEYS.has(key)) {
        const attack = this.hostAttack(property.value, context, accepts, at);
        if (attack) return attack;
      }
    }
    return undefined;
  }

  /** What an identifier passed as a URL or options holds, when recorded: the start of a pinned URL, or 'attack'. */
  recordedUrl(name: string, at: Node): string | 'attack' | undefined {
    return this.find(at, (f) => f.urls.get(name));
  }

  private optionsVerdict(node: TSESTree.ObjectExpression, context: RuleContext, accepts: Accepts, at: Node): string | 'attack' | undefined {
    const hasUrl = node.properties.some((property) => property.type === 'Property' && (URL_KEYS.has(propertyName(property) ?? '') || HOST_KEYS.has(propertyName(property) ?? '')));
    if (!hasUrl) return undefined;
    return this.optionsAttack(node, context, accepts, at) ? 'attack' : 'https://options.invalid/';
  }

  /** Any accepted input in a host name lets the attacker pick the server. */
  hostAttack(node: Node, context: RuleContext, accepts: Accepts, at: Node): Attack | undefined {
    for (const part of flatten(node)) {
      if ('text' in part) continue;
      const piece = this.classify(part.node, context, accepts, at, false);
      if (piece.attack) return piece.attack;
    }
    return undefined;
  }

  private target(node: Node, context: RuleContext, accepts: Accepts, at: Node): { attack?: Attack; prefix: string } {
    let inner = unwrap(node);
    if (inner.type === 'AwaitExpression') inner = unwrap(inner.argument);
    // `new URL(x, base).toString()`, `.href`
    for (;;) {
      if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && inner.arguments.length === 0 && ['toString', 'toJSON'].includes(propertyName(inner.callee) ?? '')) {
        inner = unwrap(inner.callee.object);
      } else if (inner.type === 'MemberExpression' && propertyName(inner) === 'href' && unwrap(inner.object).type === 'NewExpression') {
        inner = unwrap(inner.object);
      } else break;
    }
    if (inner.type === 'NewExpression') {
      const name = context.qualifiedName(inner.callee);
      if (name !== undefined && (URL_CONSTRUCTORS.has(name) || name === 'Request') && inner.arguments[0]) {
        const first = this.target(inner.arguments[0], context, accepts, at);
        const base = name === 'Request' ? undefined : inner.arguments[1];
        if (!base || first.attack || ABSOLUTE.test(first.prefix)) return first;
        // A path resolved against a base keeps the base's origin.
        return this.target(base, context, accepts, at);
      }
    }
    // `lang ? `/${lang}/home` : '/en/home'`, `req.query.next || '/'`: each branch is a whole URL of its own.
    if (inner.type === 'ConditionalExpression' && !this.guardedConsequent(inner, at)) {
      const consequent = this.target(inner.consequent, context, accepts, at);
      return consequent.attack ? consequent : this.target(inner.alternate, context, accepts, at);
    }
    if (inner.type === 'LogicalExpression') {
      const left = this.target(inner.left, context, accepts, at);
      return left.attack || inner.operator === '&&' ? left : this.target(inner.right, context, accepts, at);
    }
    let prefix = '';
    for (const part of flatten(inner)) {
      if ('text' in part) {
        prefix += part.text;
        continue;
      }
      const piece = this.classify(part.node, context, accepts, at, prefix === '');
      if (piece.attack) return pins(prefix) ? { prefix } : { attack: piece.attack, prefix };
      prefix += piece.text;
    }
    return { prefix };
  }

  /** One dynamic piece: input the rule accepts, or the pseudo text it stands for. */
  private classify(node: Node, context: RuleContext, accepts: Accepts, at: Node, atStart: boolean): { attack?: Attack; text: string } {
    const inner = unwrap(node);
    if (inner.type === 'ConditionalExpression' && this.guardedConsequent(inner, at)) return this.classify(inner.alternate, context, accepts, at, atStart);
    const value = this.evaluate(inner, context, at);
    if (value.kind === 'constant') return { text: value.text ?? OPAQUE };
    if (value.kind === 'unknown') return { text: OPAQUE };
    const special = this.special(inner, context, at);
    if (special === 'ownUrl') return { text: atStart ? 'https://self.invalid/' : '/p' };
    if (special) return { text: SPECIAL_TEXT[special] };
    if (inner.type === 'Identifier') {
      const recorded = this.recordedUrl(inner.name, at);
      if (recorded !== undefined && recorded !== 'attack') return { text: recorded + OPAQUE };
    }
    const fromSource = this.sourceSpecial(value);
    if (fromSource) return { text: fromSource === 'ownUrl' ? OPAQUE : SPECIAL_TEXT[fromSource] };
    if (this.isGuarded(inner, at) || this.trustedMessage(value, at) || !accepts(labelOf(value))) return { text: OPAQUE };
    return { attack: { node: inner, value }, text: OPAQUE };
  }
}

const URL_KEYS = new Set(['url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl', 'href']);
const HOST_KEYS = new Set(['host', 'hostname']);

function partOfOwnUrl(key: string): Special | undefined {
  switch (key) {
    case 'href':
      return 'ownUrl';
    case 'origin':
      return 'ownOrigin';
    case 'host':
    case 'hostname':
      return 'host';
    case 'pathname':
      return 'ownPath';
    case 'protocol':
      return 'urlProtocol';
    default:
      return undefined;
  }
}

/** Headers the browser sets for the app's own requests: the attacker does not pick them for a victim. */
function headerSpecial(name: string): Special | undefined {
  const key = name.toLowerCase();
  if (key === 'host' || key === 'x-forwarded-host') return 'host';
  if (key === 'x-forwarded-proto') return 'protocol';
  if (key === 'referer' || key === 'referrer' || key === 'origin') return 'trusted';
  return undefined;
}

function staticNumber(node: Node): number | undefined {
  const inner = unwrap(node);
  return inner.type === 'Literal' && typeof inner.value === 'number' ? inner.value : undefined;
}

/** null, undefined and '' say nothing about where a URL goes: `if (next === '')` is no guard. */
function meaningfulComparand(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Identifier' && inner.name === 'undefined') return false;
  if (inner.type === 'Literal') return inner.value !== null && inner.value !== '' && typeof inner.value !== 'boolean';
  if (inner.type === 'UnaryExpression' && inner.operator === 'typeof') return false;
  return true;
}

type AnyHandler = (node: Node, context: RuleContext) => void;

/** One tracker for every rule that follows URLs: its facts depend on the code only, so they are recorded once per node. */
export const urlFlow = new FlowTracker();

/** A rule's visitors plus the ones that keep the shared tracker's facts current (tracker first, same node). */
export function withFlow(visitors: Visitors): Visitors {
  const tracker = urlFlow;
  const flow: Record<string, AnyHandler> = {
    FunctionDeclaration: (node, context) => tracker.onFunction(node as TSESTree.FunctionDeclaration, context),
    FunctionExpression: (node, context) => tracker.onFunction(node as TSESTree.FunctionExpression, context),
    ArrowFunctionExpression: (node, context) => tracker.onFunction(node as TSESTree.ArrowFunctionExpression, context),
    VariableDeclarator: (node, context) => tracker.onDeclarator(node as TSESTree.VariableDeclarator, context),
    AssignmentExpression: (node, context) => tracker.onAssignment(node as TSESTree.AssignmentExpression, context),
    IfStatement: (node) => tracker.onIf(node as TSESTree.IfStatement),
    ExpressionStatement: (node) => tracker.onStatement(node as TSESTree.ExpressionStatement),
  };
  const merged: Record<string, AnyHandler> = { ...(visitors as Record<string, AnyHandler>) };
  for (const [type, record] of Object.entries(flow)) {
    const own = merged[type];
    const once: AnyHandler = (node, context) => {
      if (tracker.firstVisit(node)) record(node, context);
    };
    merged[type] = own
      ? (node, context) => {
          once(node, context);
          own(node, context);
        }
      : once;
  }
  return merged as Visitors;
}
