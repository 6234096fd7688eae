// unawaited-security-check: a password, token or signature check that returns a Promise, tested without await.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { isBooleanLiteral, isFunction, memberPath, outermost, unwrap } from '../ast';

/** Files that can call one of the checks at all. */
const RELEVANT = /bcrypt|argon2|jose|subtle/;
const EQUALITY = new Set(['===', '!==', '==', '!=']);
/**
 * Files Node always loads as ES modules, where top-level await is allowed whatever package.json says (not `.mts`:
 * TypeScript accepts top-level await there only with some `module` settings).
 */
const MODULE_FILE = /\.mjs$/;
/** Web Crypto through the global object: `crypto.subtle.verify`, `globalThis.crypto.subtle.verify`. */
const GLOBAL_SUBTLE_VERIFY = /^(?:(?:globalThis|window|self)\.)?crypto\.subtle\.verify$/;

interface Check {
  label: string;
  /** What the check judges, for the message. */
  subject: 'password' | 'token' | 'signature';
  /** Signals a bad subject by rejecting (jose) rather than resolving to false. */
  rejects: boolean;
  /** More arguments than this mean a callback: the call returns nothing, not a Promise. */
  maxArgs?: number;
}

const BCRYPT: Omit<Check, 'label'> = { subject: 'password', rejects: false, maxArgs: 2 };
const WEB_CRYPTO: Check = { label: 'crypto.subtle.verify()', subject: 'signature', rejects: false };

/** Imported callees, by qualified name: each returns a Promise (checked with bcrypt 6.0.0, bcryptjs 3.0.3, argon2 0.45.1, jose 6.2.18). */
const CHECKS: Record<string, Check> = {
  'bcrypt.compare': { label: 'bcrypt.compare()', ...BCRYPT },
  'bcryptjs.compare': { label: 'bcrypt.compare()', ...BCRYPT },
  'argon2.verify': { label: 'argon2.verify()', subject: 'password', rejects: false },
  'jose.jwtVerify': { label: 'jwtVerify()', subject: 'token', rejects: true },
  'jose.jwtDecrypt': { label: 'jwtDecrypt()', subject: 'token', rejects: true },
  'jose.compactVerify': { label: 'compactVerify()', subject: 'signature', rejects: true },
  'jose.flattenedVerify': { label: 'flattenedVerify()', subject: 'signature', rejects: true },
  'jose.generalVerify': { label: 'generalVerify()', subject: 'signature', rejects: true },
  'crypto.subtle.verify': WEB_CRYPTO,
  'crypto.webcrypto.subtle.verify': WEB_CRYPTO,
};

/** How a Promise is misused as the answer, and what that does. */
interface Misuse {
  /** The expression whose outcome is fixed (the test, the `!`, the comparison), for the related location. */
  at: Node;
  /** What the code does with the Promise. */
  how: string;
  /** What follows for the user. */
  consequence: string;
}

/** A `const ok = check(...)` whose variable is used as the answer: reported at the end, unless it is awaited later. */
interface PendingVariable {
  name: string;
  call: TSESTree.CallExpression;
  check: Check;
  uses: Misuse[];
  /** Awaited, chained with then/catch/finally, returned or handed to a call: the code treats it as a Promise. */
  treatedAsPromise: boolean;
}

const files = new FileState(() => new Map<TSESTree.CallExpression, PendingVariable>());

function checkOf(call: TSESTree.CallExpression, context: RuleContext): Check | undefined {
  const imported = context.importedName(call.callee);
  let check = imported === undefined ? undefined : CHECKS[imported];
  if (!check && imported === undefined && GLOBAL_SUBTLE_VERIFY.test(context.qualifiedName(call.callee) ?? '')) {
    const root = memberPath(call.callee)?.split('.')[0];
    if (root !== undefined && context.declaration(root) === undefined) check = WEB_CRYPTO;
  }
  if (!check || (check.maxArgs !== undefined && call.arguments.length > check.maxArgs)) return undefined;
  return check;
}

/** Whether an expression's value only serves as a yes/no: an if/loop/ternary test, maybe inside `&&`/`||`. */
function isTested(node: Node): boolean {
  const outer = outermost(node);
  const parent = outer.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'IfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'ForStatement':
    case 'ConditionalExpression':
      return parent.test === outer;
    case 'LogicalExpression':
      return (parent.operator === '&&' || parent.operator === '||') && isTested(parent);
    default:
      return false;
  }
}

function negation(at: Node, check: Check): Misuse {
  return { at, how: 'negating it with `!` always gives false', consequence: `a wrong ${check.subject} is never rejected` };
}

/** `x === true`, `x !== false` and the like: a Promise equals neither. */
function comparison(at: TSESTree.BinaryExpression, other: Node, check: Check): Misuse | undefined {
  if (!EQUALITY.has(at.operator)) return undefined;
  if (isBooleanLiteral(other, true)) {
    return { at, how: 'it never equals true', consequence: `every ${check.subject}, even a correct one, is treated as wrong` };
  }
  if (isBooleanLiteral(other, false)) {
    return { at, how: 'it never equals false', consequence: `every ${check.subject} is treated as valid and a wrong one is accepted` };
  }
  return undefined;
}

function truthiness(at: Node, check: Check): Misuse {
  return { at, how: 'a Promise is always truthy', consequence: `this test always passes and every ${check.subject} is accepted, a wrong one too` };
}

/** What the code around a check's call does with the Promise, if it treats it as the answer. */
function misuseOf(call: TSESTree.CallExpression, check: Check): Misuse | undefined {
  const outer = outermost(call);
  const parent = outer.parent;
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') return negation(parent, check);
  if (parent?.type === 'BinaryExpression') return comparison(parent, parent.left === outer ? parent.right : (parent.left as Node), check);
  return isTested(outer) ? truthiness(outer, check) : undefined;
}

/** Where the call is: in an async function's body or an ES module's top level `await` may go there; elsewhere not. */
function placeOf(node: Node, context: RuleContext): 'await' | 'function' | 'script' {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isFunction(current)) return current.async && child === current.body ? 'await' : 'function';
    if (current.type === 'Program') return MODULE_FILE.test(context.filePath) ? 'await' : 'script';
  }
  return 'script';
}

function awaitFix(call: TSESTree.CallExpression, check: Check, context: RuleContext): Fix[] {
  if (placeOf(call, context) !== 'await') return [];
  return [
    {
      title: `Await ${check.label} (safe: without await the check's outcome is fixed whatever the ${check.subject}, so nothing can rely on it)`,
      safety: 'safe',
      edits: [{ range: [call.range[0], call.range[0]], text: 'await ' }],
    },
  ];
}

function advice(call: TSESTree.CallExpression, context: RuleContext): string {
  switch (placeOf(call, context)) {
    case 'await':
      return 'add await.';
    case 'function':
      return 'make the function async and await the call (no quick fix: callers of the function then get a Promise).';
    default:
      return 'await the call inside an async function, or use .then().';
  }
}

function reportMisuse(call: TSESTree.CallExpression, check: Check, misuse: Misuse, related: RelatedNode[], subjectText: string, context: RuleContext): void {
  context.report({
    node: call,
    message: `${check.label} returns a Promise, not a boolean, and ${subjectText} is not awaited: ${misuse.how}, so ${misuse.consequence}; ${advice(call, context)}`,
    confidence: 'high',
    related,
    fixes: awaitFix(call, check, context),
  });
}

/** `try { jwtVerify(token, key); next(); } catch { ... }`: the rejection escapes the try, which is over by then. */
function isDiscardedInTry(call: TSESTree.CallExpression): boolean {
  const statement = outermost(call).parent;
  if (statement?.type !== 'ExpressionStatement') return false;
  for (let current: Node = statement; current.parent; current = current.parent) {
    const parent: Node = current.parent;
    if (isFunction(parent)) return false;
    if (parent.type === 'TryStatement' && parent.block === current) return parent.handler !== null;
  }
  return false;
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (!context.mentions(RELEVANT)) return;
  markPromiseArguments(node, context);
  const check = checkOf(node, context);
  if (!check) return;
  const misuse = misuseOf(node, check);
  if (misuse) {
    reportMisuse(node, check, misuse, [], 'it', context);
    return;
  }
  if (check.rejects && isDiscardedInTry(node)) {
    context.report({
      node,
      message: `${check.label} returns a Promise that rejects on an invalid ${check.subject}; without await the rejection escapes this try block, so the code after the call runs as if the ${check.subject} were valid, the catch never runs, and the unhandled rejection can then stop the process; ${advice(node, context)}`,
      confidence: 'high',
      fixes: awaitFix(node, check, context),
    });
  }
}

/** The pending variable an identifier reads, if it holds an un-awaited check. */
function pendingOf(node: Node, context: RuleContext): PendingVariable | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return undefined;
  const init = context.declaration(inner.name)?.init;
  const call = init === undefined ? undefined : unwrap(init);
  return call?.type === 'CallExpression' ? files.get(context).get(call) : undefined;
}

function checkDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  if (!node.init || node.id.type !== 'Identifier' || !context.mentions(RELEVANT)) return;
  const call = unwrap(node.init);
  if (call.type !== 'CallExpression') return;
  const check = checkOf(call, context);
  if (check) files.get(context).set(call, { name: node.id.name, call, check, uses: [], treatedAsPromise: false });
}

/**
 * A variable holding an un-awaited check, read where a boolean is expected. Handlers run before the walk reaches
 * the operand, so the use is described from the enclosing node (the operand's parent is not set yet).
 */
function checkUse(operand: Node, context: RuleContext, misuse: (check: Check) => Misuse | undefined): void {
  if (!context.mentions(RELEVANT) || files.get(context).size === 0) return;
  const pending = pendingOf(operand, context);
  const found = pending && misuse(pending.check);
  if (pending && found) pending.uses.push(found);
}

/** The plain operands of a test, through `&&` / `||` (`!x` and comparisons have visitors of their own). */
function checkTest(test: Node | null | undefined, context: RuleContext): void {
  if (!test) return;
  const inner = unwrap(test);
  if (inner.type === 'LogicalExpression' && (inner.operator === '&&' || inner.operator === '||')) {
    checkTest(inner.left, context);
    checkTest(inner.right, context);
  } else if (inner.type === 'Identifier') checkUse(inner, context, (check) => truthiness(inner, check));
}

function markPromise(node: Node | null | undefined, context: RuleContext): void {
  if (!node) return;
  const pending = pendingOf(node, context);
  if (pending) pending.treatedAsPromise = true;
}

function markPromiseArguments(node: TSESTree.CallExpression, context: RuleContext): void {
  if (files.get(context).size === 0) return;
  for (const argument of node.arguments) markPromise(argument.type === 'SpreadElement' ? argument.argument : argument, context);
  const callee = unwrap(node.callee);
  if (callee.type === 'MemberExpression') markPromise(callee.object, context);
}

function finish(context: RuleContext): void {
  const pending = files.take(context);
  if (!pending) return;
  for (const variable of pending.values()) {
    if (variable.treatedAsPromise || variable.uses.length === 0) continue;
    const related = variable.uses.map((use) => ({ node: use.at, message: `\`${variable.name}\` is used as the answer here.` }));
    reportMisuse(variable.call, variable.check, variable.uses[0], related, `\`${variable.name}\``, context);
  }
}

export const unawaitedSecurityCheck: Rule = {
  meta: {
    id: 'unawaited-security-check',
    category: 'auth-session',
    title: 'Password or token check not awaited',
    description:
      'bcrypt.compare(), argon2.verify(), jose jwtVerify() and crypto.subtle.verify() return Promises: tested without await, the check passes (or fails) whatever the password or token.',
    severity: 'error',
    cwe: [287, 253],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
    VariableDeclarator: checkDeclarator,
    IfStatement: (node, context) => checkTest(node.test, context),
    WhileStatement: (node, context) => checkTest(node.test, context),
    DoWhileStatement: (node, context) => checkTest(node.test, context),
    ForStatement: (node, context) => checkTest(node.test, context),
    ConditionalExpression: (node, context) => checkTest(node.test, context),
    UnaryExpression: (node, context) => {
      if (node.operator === '!') checkUse(node.argument, context, (check) => negation(node, check));
    },
    BinaryExpression: (node, context) => {
      checkUse(node.left as Node, context, (check) => comparison(node, node.right, check));
      checkUse(node.right, context, (check) => comparison(node, node.left as Node, check));
    },
    AwaitExpression: (node, context) => {
      if (context.mentions(RELEVANT)) markPromise(node.argument, context);
    },
    ReturnStatement: (node, context) => {
      if (context.mentions(RELEVANT)) markPromise(node.argument, context);
    },
  },
  finish,
};
