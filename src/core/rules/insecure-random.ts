// insecure-random: Math.random() used to make tokens, passwords, session ids, OTPs and other secrets.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { ReportDescriptor, Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import type { Declaration } from '../bindings';
import { assignedName, isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';
import { ModuleFacts } from '../node-crypto';

/** Words that make a random value a secret by themselves. */
const STRONG = new Set([
  'token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'passcode', 'nonce',
  'salt', 'otp', 'totp', 'hotp', 'csrf', 'xsrf', 'session', 'sessions', 'sessionid', 'sid', 'credential', 'credentials',
  'apikey', 'accesskey', 'secretkey', 'privatekey', 'encryptionkey', 'signingkey', 'authkey', 'masterkey', 'sessionkey',
  'licensekey', 'resettoken', 'authtoken', 'accesstoken', 'refreshtoken', 'bearer',
]);
/** Strong only as the name the value is stored under: `const pin = ...`, not a map pin's `{ id, lat, lng }`. */
const STRONG_WHEN_DIRECT = new Set(['pin', 'pincode']);
/** Identifier-like words: a secret only with a qualifier such as reset, invite or verification. */
const ID_WORDS = new Set(['id', 'ids', 'code', 'codes', 'key', 'keys', 'identifier', 'pin', 'link', 'url', 'hash', 'slug']);
const QUALIFIERS = new Set([
  'reset', 'invite', 'invitation', 'verification', 'verify', 'verified', 'confirm', 'confirmation', 'activation', 'activate',
  'magic', 'login', 'signin', 'signup', 'auth', 'authentication', 'recovery', 'recover', 'unlock', 'access', 'security',
  'secure', 'mfa', '2fa', 'sms', 'challenge', 'forgot', 'private', 'api', 'invites',
]);
const UUID_WORDS = new Set(['uuid', 'guid', 'uuidv4', 'guidv4']);
/** Names that say nothing; the enclosing function's name decides. */
const GENERIC = new Set([
  'result', 'results', 'res', 'str', 'string', 's', 'out', 'output', 'value', 'val', 'text', 'ret', 'retval', 'r', 'v',
  'n', 'num', 'rand', 'random', 'rnd', 'char', 'chars', 'c', 'ch', 'digit', 'digits', 'part', 'parts', 'segment',
  'buf', 'buffer', 'acc', 'hex', 'generated', 'raw', 'data', 'tmp', 'x',
]);
/** Names that mark a non-security use: timing, graphics, games, sampling, test data. */
const NON_SECURITY = new Set([
  'delay', 'jitter', 'backoff', 'timeout', 'wait', 'sleep', 'duration', 'interval', 'ms', 'retry', 'retries', 'color',
  'colour', 'colors', 'hue', 'rgb', 'hsl', 'opacity', 'y', 'z', 'top', 'left', 'right', 'bottom', 'width', 'height', 'size',
  'rotation', 'rotate', 'angle', 'speed', 'velocity', 'position', 'pos', 'offset', 'lat', 'lng', 'lon', 'latitude',
  'longitude', 'index', 'idx', 'shuffle', 'shuffled', 'sample', 'sampling', 'sampled', 'probability', 'chance', 'percent',
  'percentage', 'weight', 'score', 'rating', 'price', 'amount', 'quantity', 'count', 'temperature', 'animation', 'animate',
  'frame', 'particle', 'particles', 'noise', 'quote', 'greeting', 'tip', 'fact', 'placeholder', 'mock', 'mocked', 'fake',
  'faker', 'dummy', 'test', 'demo', 'example', 'seed', 'filename', 'file', 'temp', 'name', 'username', 'label', 'title',
  'avatar', 'emoji', 'dice', 'roll', 'winner', 'pick', 'choice', 'quiz', 'question', 'card', 'cards', 'game', 'enemy',
  'player', 'spawn', 'star', 'stars', 'bubble', 'confetti', 'style', 'theme', 'variant', 'trace', 'span', 'correlation',
  'request', 'cache', 'buster', 'bust', 'nocache', 'debounce', 'throttle', 'port', 'skeleton', 'loading', 'progress',
  'toast', 'notification', 'element', 'dom', 'css', 'class', 'classname', 'html', 'svg', 'canvas', 'chart', 'stub',
  'fixture', 'spec',
]);
/** Test, story and seed files make fake data with Math.random on purpose. */
const TEST_FILE = /(?:^|[/\\])(?:__tests__|__mocks__|tests?|specs?|fixtures?|mocks?|e2e|cypress|stories|seeds?|seeders?)[/\\]|\.(?:test|spec|stories|story|e2e|cy)\.[cm]?[jt]sx?$|(?:^|[/\\])seed[^/\\]*\.[cm]?[jt]sx?$/i;

/** Lower-case identifiers, their camelCase/snake_case words and adjacent word pairs: `resetToken` -> resettoken, reset, token. */
function words(text: string): string[] {
  const result: string[] = [];
  for (const identifier of text.match(/[A-Za-z0-9_]+/g) ?? []) {
    result.push(identifier.toLowerCase());
    const parts = (identifier.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+[a-z]*/g) ?? []).map((part) => part.toLowerCase());
    if (parts.length > 1) result.push(...parts);
    for (let i = 0; i + 1 < parts.length; i++) result.push(parts[i] + parts[i + 1]);
  }
  return result;
}

/** Methods that turn a random number into (part of) a string or number without losing randomness. */
const STRING_METHODS = new Set([
  'toString', 'substring', 'substr', 'slice', 'padStart', 'padEnd', 'toUpperCase', 'toLowerCase', 'replace', 'replaceAll',
  'split', 'join', 'toFixed', 'repeat', 'concat', 'trim', 'toPrecision', 'map',
]);
const PASS_THROUGH = new Set([
  'Math.floor', 'Math.round', 'Math.ceil', 'Math.trunc', 'Math.abs', 'Math.min', 'Math.max', 'String', 'Number', 'parseInt',
  'parseFloat', 'btoa', 'encodeURIComponent', 'String.fromCharCode', 'String.fromCodePoint', 'Buffer.from', 'Array.from',
  'BigInt',
]);
/** Methods of a character set that pick from it with a random index. */
const PICK_METHODS = new Set(['charAt', 'at', 'substr', 'substring', 'slice', 'charCodeAt', 'codePointAt']);
const ACCUMULATE_METHODS = new Set(['push', 'unshift', 'append', 'concat', 'add']);

interface Flow {
  /** Names the value is stored or sent under, nearest first. */
  direct: string[];
  /** The nearest named function, looking through anonymous callbacks. */
  fn?: string;
  /** Static strings given with those callbacks: route paths such as '/reset-password'. */
  routes: string[];
  /** The outermost expression that still carries the random value. */
  top: Node;
}

/** Follows the random value up through arithmetic, string building and callbacks to where it is stored. */
function follow(start: TSESTree.CallExpression, context: RuleContext): Flow | undefined {
  const direct: string[] = [];
  let current: Node = start;
  let top: Node = start;
  for (let steps = 0; steps < 64; steps++) {
    const parent: Node | undefined = current.parent;
    if (!parent) break;
    switch (parent.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSSatisfiesExpression':
      case 'ChainExpression':
      case 'AwaitExpression':
      case 'LogicalExpression':
      case 'TemplateLiteral':
      case 'ArrayExpression':
        current = parent;
        continue;
      case 'BinaryExpression':
        // A comparison makes a yes/no decision (a coin flip, sampling), not a value.
        if (!['+', '-', '*', '/', '%', '|', '&', '^', '<<', '>>', '>>>', '**'].includes(parent.operator)) return undefined;
        current = parent;
        continue;
      case 'UnaryExpression':
        if (parent.operator !== '-' && parent.operator !== '+' && parent.operator !== '~') return undefined;
        current = parent;
        continue;
      case 'ConditionalExpression':
        if (parent.test === current) return undefined;
        current = parent;
        continue;
      case 'MemberExpression': {
        if (parent.object === current) {
          const call: Node | undefined = parent.parent;
          if (call?.type !== 'CallExpression' || call.callee !== parent) return undefined;
          const method = propertyName(parent);
          if (method === undefined || !STRING_METHODS.has(method)) return undefined;
          current = call;
          continue;
        }
        // chars[Math.floor(Math.random() * chars.length)]: picking from a character set builds a secret;
        // picking from a list of words, quotes or colours does not.
        if (parent.computed && parent.property === current) {
          if (!isCharacterSet(parent.object)) return undefined;
          current = parent;
          continue;
        }
        return undefined;
      }
      case 'CallExpression': {
        if (parent.callee === current) return undefined;
        const name = context.qualifiedName(parent.callee);
        const callee = unwrap(parent.callee);
        const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
        if ((name !== undefined && PASS_THROUGH.has(name)) || (method !== undefined && PICK_METHODS.has(method))) {
          current = parent;
          continue;
        }
        top = current;
        if (callee.type === 'MemberExpression' && method !== undefined && ACCUMULATE_METHODS.has(method)) {
          // parts.push(chars[i]): the collection's name is where the value goes.
          const target = memberPath(callee.object);
          if (target) direct.push(target);
        } else {
          // A sink call: res.cookie('sessionId', value), setToken(value), sleep(value).
          const last = name?.slice(name.lastIndexOf('.') + 1) ?? method;
          if (last) direct.push(last);
          for (const arg of parent.arguments) {
            const text = staticString(arg);
            if (text !== undefined && text.length < 60) direct.push(text);
          }
        }
        return { direct, ...contextNames(parent), top };
      }
      case 'VariableDeclarator':
      case 'AssignmentExpression':
      case 'PropertyDefinition':
      case 'AssignmentPattern': {
        top = current;
        const name = parent.type === 'AssignmentExpression' ? memberPath(parent.left) : assignedName(current);
        if (name) direct.push(name);
        return { direct, ...contextNames(parent), top };
      }
      case 'Property': {
        if (parent.value !== current) return undefined;
        top = current;
        const key = propertyName(parent);
        if (key) direct.push(key);
        // Keep climbing from the object: `const session = { id: ... }`, `res.json({ token: ... })`.
        if (parent.parent?.type !== 'ObjectExpression') return { direct, ...contextNames(parent), top };
        current = parent.parent;
        continue;
      }
      case 'ReturnStatement':
      case 'ArrowFunctionExpression': {
        if (parent.type === 'ArrowFunctionExpression' && parent.body !== current) return undefined;
        top = current;
        const fn: Node | undefined = parent.type === 'ArrowFunctionExpression' ? parent : enclosingFunction(parent);
        // The value of an anonymous callback flows on through the call: Array.from({ length }, () => pick()).join('')
        if (fn && !functionName(fn) && fn.parent?.type === 'CallExpression' && fn.parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
          const callee = unwrap(fn.parent.callee);
          const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
          if (method !== undefined && /^(?:from|map|flatMap|replace|replaceAll|reduce|fill|useMemo|useState|useRef|generate|join)$/.test(method)) {
            current = fn.parent;
            continue;
          }
        }
        return { direct, ...contextNames(parent), top };
      }
      case 'JSXExpressionContainer':
        // key={Math.random()} and id={...} in markup are UI.
        return undefined;
      default:
        top = current;
        return { direct, ...contextNames(current), top };
    }
  }
  return undefined;
}

const CHARACTER_SET = /char|alphabet|letter|digit|symbol|alnum|alpha|numer|hex|base(?:32|36|58|62|64)|pool|charset|possible/i;

function isCharacterSet(node: Node): boolean {
  const inner = unwrap(node);
  if (staticString(inner) !== undefined) return true;
  const path = memberPath(inner);
  return path !== undefined && CHARACTER_SET.test(path.slice(path.lastIndexOf('.') + 1));
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

function functionName(fn: Node): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if (fn.parent?.type === 'MethodDefinition') return propertyName(fn.parent);
  return assignedName(fn);
}

/** The nearest named function, looking through anonymous callbacks, and the route paths of those callbacks. */
function contextNames(node: Node): { fn?: string; routes: string[] } {
  const routes: string[] = [];
  for (let current: Node | undefined = node; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current);
    if (name) return { fn: name, routes };
    const call = current.parent;
    if (call?.type === 'CallExpression') {
      for (const arg of call.arguments) {
        const text = staticString(arg);
        if (text !== undefined && text.length < 100) routes.push(text);
      }
    }
  }
  return { routes };
}

/** How sure, and what to call the value: a variable/property name, or the function that returns it. */
type Verdict = { confidence: Confidence; name?: string; fn?: string } | undefined;

function classify(flow: Flow): Verdict {
  const directWords = flow.direct.flatMap(words);
  if (directWords.some((word) => NON_SECURITY.has(word))) return undefined;
  const first = flow.direct[0];
  const firstWords = first === undefined ? [] : words(first);
  if (directWords.some((word) => STRONG.has(word)) || firstWords.some((word) => STRONG_WHEN_DIRECT.has(word))) {
    return { confidence: 'high', name: flow.direct.find((name) => words(name).some((word) => STRONG.has(word) || STRONG_WHEN_DIRECT.has(word))) ?? first };
  }
  if (directWords.some((word) => UUID_WORDS.has(word))) return { confidence: 'medium', name: first };
  if (directWords.some((word) => ID_WORDS.has(word)) && directWords.some((word) => QUALIFIERS.has(word))) {
    return { confidence: 'medium', name: first };
  }
  const fnWords = flow.fn === undefined ? [] : words(flow.fn);
  const contextWords = [...fnWords, ...flow.routes.flatMap(words)];
  if (contextWords.some((word) => NON_SECURITY.has(word))) return undefined;
  // A bare `code` or `id` inside a reset-password handler.
  if (firstWords.length > 0 && firstWords.every((word) => ID_WORDS.has(word)) && contextWords.some((word) => QUALIFIERS.has(word) || STRONG.has(word))) {
    return { confidence: 'medium', name: first };
  }
  if (flow.fn === undefined || !directWords.every((word) => GENERIC.has(word))) return undefined;
  // `let result = ''; ... result += chars[...]` inside generateToken(): the function's name decides.
  if (fnWords.some((word) => STRONG.has(word))) return { confidence: 'high', fn: flow.fn };
  if (fnWords.some((word) => UUID_WORDS.has(word))) return { confidence: 'medium', fn: flow.fn };
  if (fnWords.some((word) => ID_WORDS.has(word)) && fnWords.some((word) => QUALIFIERS.has(word))) {
    return { confidence: 'medium', fn: flow.fn };
  }
  return undefined;
}

/** `Math.random().toString(36).substring(2)` stored as it is: crypto.randomUUID() is a drop-in with a different shape. */
function uuidFix(start: TSESTree.CallExpression, top: Node): Fix | undefined {
  const toString = start.parent;
  if (toString?.type !== 'MemberExpression' || propertyName(toString) !== 'toString') return undefined;
  const toStringCall = toString.parent;
  if (toStringCall?.type !== 'CallExpression' || toStringCall.callee !== toString) return undefined;
  const [radix] = toStringCall.arguments;
  if (!radix || unwrap(radix).type !== 'Literal' || (unwrap(radix) as TSESTree.Literal).value !== 36) return undefined;
  const cut = toStringCall.parent;
  if (cut?.type !== 'MemberExpression' || !['substring', 'substr', 'slice'].includes(propertyName(cut) ?? '')) return undefined;
  const cutCall = cut.parent;
  if (cutCall?.type !== 'CallExpression' || cutCall.callee !== cut || cutCall !== top) return undefined;
  const from = cutCall.arguments[0] && unwrap(cutCall.arguments[0]);
  if (from?.type !== 'Literal' || from.value !== 2) return undefined;
  return {
    title: 'Use crypto.randomUUID() (review: the value becomes a 36-character UUID, so stored formats and length checks may change)',
    safety: 'review',
    edits: [{ range: [cutCall.range[0], cutCall.range[1]], text: 'crypto.randomUUID()' }],
  };
}

/** `Math.floor(Math.random() * N)`, maybe `+ M`: uniform integers in [M, M + N), what crypto.randomInt(M, M + N) draws. */
interface IntegerDraw {
  /** The expression the call replaces. */
  node: Node;
  min: number;
  max: number;
  /** The arguments as the call is written: the source's own literals or constant names. */
  args: string;
}

/** A safe integer from a number literal or a `const` bound to one. */
function integerConstant(node: Node, context: RuleContext): { value: number; text: string; named: boolean } | undefined {
  const inner = unwrap(node);
  let literal: Node | undefined = inner;
  if (inner.type === 'Identifier') {
    const declaration = context.declaration(inner.name);
    literal = declaration?.init && declaration.pieces.length === 1 ? unwrap(declaration.init) : undefined;
    const declarator = declaration?.init?.parent;
    if (declarator?.type !== 'VariableDeclarator' || declarator.parent?.type !== 'VariableDeclaration' || declarator.parent.kind !== 'const') return undefined;
  }
  if (literal?.type !== 'Literal' || typeof literal.value !== 'number' || !Number.isSafeInteger(literal.value)) return undefined;
  return { value: literal.value, text: context.source(inner), named: inner.type === 'Identifier' };
}

/**
 * `Math.floor(Math.random() * N)`, `Math.trunc(...)` or `(Math.random() * N) | 0`, with N a whole number from 1 to
 * 2**48 - 1 (randomInt's limits), and an optional `+ M`. Math.random() is in [0, 1), so the product's integer part
 * is one of 0 .. N-1 (the product rounds below N), and adding a whole M is exact.
 */
function integerDraw(start: TSESTree.CallExpression, context: RuleContext): IntegerDraw | undefined {
  const product = start.parent;
  if (product?.type !== 'BinaryExpression' || product.operator !== '*') return undefined;
  const size = integerConstant(product.left === start ? product.right : product.left, context);
  if (size === undefined || size.value < 1 || size.value >= 2 ** 48) return undefined;
  const outer = product.parent;
  let draw: Node;
  if (outer?.type === 'CallExpression' && outer.arguments.length === 1 && outer.arguments[0] === product && /^Math\.(?:floor|trunc)$/.test(context.qualifiedName(outer.callee) ?? '')) {
    draw = outer;
  } else if (outer?.type === 'BinaryExpression' && outer.operator === '|' && outer.left === product && isZero(outer.right) && size.value <= 2 ** 31) {
    // ToInt32 leaves whole numbers below 2**31 alone.
    draw = outer;
  } else return undefined;
  const sum = draw.parent;
  if (sum?.type === 'BinaryExpression' && sum.operator === '+') {
    const offset = integerConstant(sum.left === draw ? sum.right : sum.left, context);
    if (offset !== undefined && Number.isSafeInteger(offset.value + size.value)) {
      const max = offset.named || size.named ? `${offset.text} + ${size.text}` : String(offset.value + size.value);
      return { node: sum, min: offset.value, max: offset.value + size.value, args: `${offset.text}, ${max}` };
    }
  }
  return { node: draw, min: 0, max: size.value, args: size.text };
}

function isZero(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === 'Literal' && inner.value === 0;
}

interface PendingDraw {
  descriptor: ReportDescriptor;
  draw: IntegerDraw;
  /** The crypto bindings visible where the draw is, read during the walk. */
  visible: ReadonlyMap<string, Declaration | undefined>;
}

/** Integer draws wait for the whole file: whether it runs on Node and how it imports only show by its end. */
const files = new FileState(() => ({ modules: new ModuleFacts('randomInt'), pending: [] as PendingDraw[] }));

function randomIntFix(pending: PendingDraw, modules: ModuleFacts, context: RuleContext): Fix | undefined {
  const access = modules.access(pending.visible, context);
  if (!access) return undefined;
  const { draw } = pending;
  const call = `${access.callee}(${draw.args})`;
  const added = access.edits.length > 0 ? `; adds an import of randomInt from Node's crypto module` : '';
  return {
    title: `Use ${call} (safe: the same whole numbers ${draw.min} to ${draw.max - 1}, drawn uniformly by the cryptographic generator${added})`,
    safety: 'safe',
    edits: [{ range: [draw.node.range[0], draw.node.range[1]], text: call }, ...access.edits],
  };
}

const reportedTops = new WeakMap<RuleContext, Set<Node>>();

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  modulesOf(context)?.call(node);
  if (node.arguments.length > 0) return;
  const name = context.qualifiedName(node.callee);
  if (name !== 'Math.random' && name !== 'window.Math.random' && name !== 'globalThis.Math.random') return;
  if (TEST_FILE.test(context.filePath)) return;
  const flow = follow(node, context);
  if (!flow) return;
  const verdict = classify(flow);
  if (!verdict) return;
  // One finding per value: `rand() + rand()` is one weak token, not two.
  const reported = reportedTops.get(context) ?? new Set<Node>();
  reportedTops.set(context, reported);
  if (reported.has(flow.top)) return;
  reported.add(flow.top);
  const what = verdict.fn ? `the value returned by ${verdict.fn}()` : verdict.name ? `'${verdict.name}'` : 'this value';
  const fix = uuidFix(node, flow.top);
  const descriptor: ReportDescriptor = {
    node,
    message: `Math.random() is not cryptographically secure, so ${what} can be predicted from earlier outputs and guessed by an attacker; use crypto.randomBytes(), crypto.randomInt() or crypto.getRandomValues().`,
    confidence: verdict.confidence,
    fixes: fix ? [fix] : [],
  };
  const draw = integerDraw(node, context);
  if (draw) {
    const state = files.get(context);
    state.pending.push({ descriptor, draw, visible: state.modules.visibleHere(context) });
  } else context.report(descriptor);
}

function finish(context: RuleContext): void {
  const state = files.take(context);
  if (!state) return;
  for (const pending of state.pending) {
    const fix = randomIntFix(pending, state.modules, context);
    context.report(fix ? { ...pending.descriptor, fixes: [fix] } : pending.descriptor);
  }
}

/** Module facts are gathered only in files that mention random at all. */
function modulesOf(context: RuleContext): ModuleFacts | undefined {
  return context.mentions('random') ? files.get(context).modules : undefined;
}

export const insecureRandom: Rule = {
  meta: {
    id: 'insecure-random',
    category: 'crypto',
    title: 'Math.random() for security values',
    description: 'Tokens, passwords, session ids, OTPs and nonces made with Math.random() are predictable; use the crypto module.',
    severity: 'error',
    cwe: [338],
    fixable: true,
  },
  visitors: {
    Program: (node, context) => modulesOf(context)?.program(node),
    ImportDeclaration: (node, context) => modulesOf(context)?.importDeclaration(node, context),
    VariableDeclarator: (node, context) => modulesOf(context)?.declarator(node, context),
    FunctionDeclaration: (node, context) => node.id && modulesOf(context)?.declaredName(node.id.name),
    ClassDeclaration: (node, context) => node.id && modulesOf(context)?.declaredName(node.id.name),
    CallExpression: checkCall,
  },
  finish,
};
