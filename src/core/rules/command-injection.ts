// command-injection: shell commands built from non-constant text (child_process exec, shell: true, shelljs, execa).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { findProperty, isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';

/** Always run their first argument through a shell. */
const SHELL_COMMANDS = new Set(['child_process.exec', 'child_process.execSync', 'shelljs.exec']);
/** Run a file with an argument array; a shell only with `shell: true` (or a shell path). */
const SHELL_OPTION = new Set([
  'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync',
  'execa', 'execa.execa', 'execa.execaSync', 'execa.sync',
]);
/** Split one command string into file and arguments (no shell unless asked). */
const COMMAND_STRINGS = new Set(['execa.execaCommand', 'execa.execaCommandSync', 'execa.command', 'execa.commandSync']);
/** Quoting helpers whose result is one shell word. */
const SHELL_QUOTERS = /(?:^|\.)(?:quote|shellQuote|shellescape|shellEscape|escapeShellArg|escapeShell)$/i;
const PROGRAM_PATHS = new Set(['process.cwd', 'os.tmpdir', 'os.homedir', 'process.execPath', 'process.pid']);
const SCREAMING = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

// ---- what names hold (per function): how a command string was built, promisified exec ----

interface Declared {
  /** Expressions whose concatenation is the value: the initialiser and every `+=` after it. */
  pieces: Node[];
  /** Declared with a type that cannot carry shell syntax: number, boolean, a union of literals. */
  safeType: boolean;
  /** `const run = promisify(exec)`: the command runner this name stands for. */
  runner?: string;
  /** Destructured from, or iterated over, this value (`const { id } = req.user`, `for (const f of FILES)`). */
  container?: Node;
}

const declarations = new WeakMap<Node, Map<string, Declared>>();

/** The function (or program) whose body declares names visible at `node`; undefined until the walk sets parents. */
function scopeOwner(node: Node): Node | undefined {
  let current = node.parent;
  while (current && !isFunction(current) && current.type !== 'Program') current = current.parent;
  return current;
}

function declare(owner: Node | undefined, name: string, declared: Declared): void {
  if (!owner) return;
  let names = declarations.get(owner);
  if (!names) declarations.set(owner, (names = new Map()));
  names.set(name, declared);
}

/** Children of the node being visited have no parent yet: callers pass the visited node as `from`. */
function lookup(name: string, from: Node): Declared | undefined {
  let owner = scopeOwner(from);
  while (owner) {
    const found = declarations.get(owner)?.get(name);
    if (found) return found;
    owner = owner.type === 'Program' ? undefined : scopeOwner(owner);
  }
  return undefined;
}

function safeType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const check = (type: TSESTree.TypeNode): boolean =>
    type.type === 'TSNumberKeyword' || type.type === 'TSBooleanKeyword' || type.type === 'TSBigIntKeyword' || type.type === 'TSLiteralType' ||
    (type.type === 'TSUnionType' && type.types.every(check));
  return annotation ? check(annotation.typeAnnotation) : false;
}

function declarePattern(owner: Node | undefined, pattern: Node, init: Node | null | undefined, context?: RuleContext, container?: Node): void {
  switch (pattern.type) {
    case 'Identifier':
      declare(owner, pattern.name, {
        pieces: init ? [init] : [],
        safeType: safeType(pattern.typeAnnotation),
        runner: init && context ? promisified(init, context) : undefined,
        container,
      });
      return;
    case 'AssignmentPattern':
      declarePattern(owner, pattern.left, undefined, undefined, container);
      return;
    case 'RestElement':
      declarePattern(owner, pattern.argument, undefined);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) declarePattern(owner, element, undefined, undefined, init ?? container);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        declarePattern(owner, property.type === 'Property' ? property.value : property, undefined, undefined, property.type === 'Property' ? (init ?? container) : undefined);
      }
      return;
    case 'TSParameterProperty':
      declarePattern(owner, pattern.parameter, undefined);
      return;
    default:
      return;
  }
}

/** `promisify(exec)`, `util.promisify(cp.execFile)`: the runner wrapped, if it is one. */
function promisified(init: Node, context: RuleContext): string | undefined {
  const inner = unwrap(init);
  if (inner.type !== 'CallExpression' || inner.arguments.length !== 1) return undefined;
  const name = context.qualifiedName(inner.callee);
  if (name === undefined || !/(?:^|\.)promisify$/.test(name)) return undefined;
  const wrapped = context.qualifiedName(inner.arguments[0]);
  return wrapped !== undefined && (SHELL_COMMANDS.has(wrapped) || SHELL_OPTION.has(wrapped)) ? wrapped : undefined;
}

function trackFunction(node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): void {
  for (const param of node.params) declarePattern(node, param, undefined);
}

function trackDeclarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  const loop = node.parent?.parent;
  const iterated = (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === node.parent ? loop.right : undefined;
  declarePattern(scopeOwner(node), node.id, node.init, context, iterated);
}

/** Member paths checked in an `if` (`if (!BRANCHES.includes(req.body.branch)) return`), per function. */
const validated = new WeakMap<Node, Set<string>>();

function trackIf(node: TSESTree.IfStatement): void {
  const owner = scopeOwner(node);
  if (!owner) return;
  const paths = validated.get(owner) ?? new Set<string>();
  validated.set(owner, paths);
  const mark = (expr: Node): void => {
    const inner = unwrap(expr);
    const path = inner.type === 'MemberExpression' ? memberPath(inner) : undefined;
    if (path !== undefined) paths.add(path);
  };
  const visit = (test: Node): void => {
    const inner = unwrap(test);
    if (inner.type === 'UnaryExpression') visit(inner.argument);
    else if (inner.type === 'LogicalExpression') {
      visit(inner.left);
      visit(inner.right);
    } else if (inner.type === 'BinaryExpression' && ['===', '!==', '==', '!='].includes(inner.operator)) {
      mark(inner.left as Node);
      mark(inner.right);
    } else if (inner.type === 'CallExpression') {
      const callee = unwrap(inner.callee);
      const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
      if (method === 'includes' || method === 'has' || method === 'test' || method === 'match') {
        if (callee.type === 'MemberExpression') mark(callee.object);
        inner.arguments.forEach(mark);
      } else if (/^(?:is|validate|check)/i.test(method ?? '')) inner.arguments.forEach(mark);
    }
  };
  visit(node.test);
}

function isValidatedPath(node: Node, site: Node): boolean {
  const inner = unwrap(node);
  const path = inner.type === 'MemberExpression' ? memberPath(inner) : undefined;
  if (path === undefined) return false;
  let owner = scopeOwner(site);
  while (owner) {
    if (validated.get(owner)?.has(path)) return true;
    owner = owner.type === 'Program' ? undefined : scopeOwner(owner);
  }
  return false;
}

/** Set by the server, not the client: the logged-in user, the session, framework state. */
const SERVER_SIDE = /^(?:req|request|ctx|context)\.(?:user|session|auth|state|locals)(?:\.|$)|^(?:res|response)\.locals(?:\.|$)/;

function trackAssignment(node: TSESTree.AssignmentExpression): void {
  if (node.left.type !== 'Identifier') return;
  let declared = lookup(node.left.name, node);
  if (!declared) {
    declared = { pieces: [], safeType: false };
    declare(scopeOwner(node), node.left.name, declared);
  }
  declared.runner = undefined;
  if (node.operator === '=') declared.pieces = [node.right];
  else if (node.operator === '+=') declared.pieces.push(node.right);
  else declared.pieces = [];
}

// ---- the command text ----

interface Built {
  parts: Node[];
  /** Assembled by `+` or a template literal with substitutions. */
  built: boolean;
}

function flatten(node: Node, context: RuleContext, into: Built = { parts: [], built: false }): Built {
  const inner = unwrap(node);
  if (inner.type === 'TemplateLiteral') {
    into.built ||= inner.expressions.length > 0;
    for (const expr of inner.expressions) flatten(expr, context, into);
    return into;
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    into.built = true;
    flatten(inner.left as Node, context, into);
    flatten(inner.right, context, into);
    return into;
  }
  if (context.evaluate(inner).kind !== 'constant') into.parts.push(inner);
  return into;
}

/** A part that cannot carry shell syntax or comes from the program itself (paths, environment, constants). */
function safePart(node: Node, context: RuleContext, site: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 3) return false;
  switch (inner.type) {
    case 'Identifier': {
      if (inner.name === '__dirname' || inner.name === '__filename') return true;
      if (inner.name.length > 1 && SCREAMING.test(inner.name)) return true;
      const qualified = context.qualifiedName(inner);
      if (qualified !== undefined && qualified !== inner.name) return true; // an imported binding: program configuration
      const declared = lookup(inner.name, site);
      if (!declared) return false;
      if (declared.safeType) return true;
      if (declared.container) return safePart(declared.container, context, site, depth + 1);
      return declared.pieces.length === 1 && safePart(declared.pieces[0], context, site, depth + 1);
    }
    case 'MemberExpression': {
      const path = memberPath(inner) ?? '';
      const property = propertyName(inner);
      if (path.startsWith('process.env.') || SERVER_SIDE.test(path) || PROGRAM_PATHS.has(path) || path === 'import.meta.dirname' || path === 'import.meta.filename') return true;
      if (property === 'length' || property === 'size') return true;
      const object = context.evaluate(inner.object);
      if (object.kind === 'tainted' || object.kind === 'source') return false;
      if (inner.computed && unwrap(inner.property).type !== 'Literal') return true; // COMMANDS[action]: a table lookup
      if (property !== undefined && SCREAMING.test(property)) return true;
      // pkg.bin with `const pkg = require('./package.json')`: read from the program's own files.
      let root: Node = inner;
      while (root.type === 'MemberExpression') root = unwrap(root.object);
      if (root.type !== 'Identifier') return false;
      const qualified = context.qualifiedName(root);
      if (qualified !== undefined && qualified !== root.name) return true;
      // Mode.Production, Config.binPath: a static member of an enum or class.
      return /^[A-Z][a-z]\w*$/.test(root.name) && !lookup(root.name, site)?.pieces.length;
    }
    case 'ConditionalExpression':
      if (isAllowlistTest(inner.test)) return true;
      return safePart(inner.consequent, context, site, depth + 1) && safePart(inner.alternate, context, site, depth + 1);
    case 'LogicalExpression':
      return safePart(inner.left, context, site, depth + 1) && safePart(inner.right, context, site, depth + 1);
    case 'TemplateLiteral':
      return inner.expressions.every((expr) => safePart(expr, context, site, depth + 1));
    case 'BinaryExpression':
      return inner.operator !== '+' || (safePart(inner.left as Node, context, site, depth + 1) && safePart(inner.right, context, site, depth + 1));
    case 'CallExpression': {
      const name = context.qualifiedName(inner.callee);
      if (name !== undefined && SHELL_QUOTERS.test(name)) return true;
      if (name !== undefined && PROGRAM_PATHS.has(name)) return true;
      // path.join(__dirname, 'scripts', 'build.sh'): a path made of program locations and constants.
      if (name !== undefined && /^path\.(?:join|resolve|normalize|dirname)$/.test(name)) return inner.arguments.every((arg) => safePart(arg, context, site, depth + 1));
      const callee = unwrap(inner.callee);
      const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
      return method === 'toFixed' || method === 'getTime';
    }
    default:
      return context.evaluate(inner).kind === 'constant';
  }
}

/** `ALLOWED.includes(x) ? x : 'main'`, `mode === 'full' ? ... : ...`: the value was checked against a fixed set. */
function isAllowlistTest(test: Node): boolean {
  const inner = unwrap(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') return isAllowlistTest(inner.argument);
  if (inner.type === 'BinaryExpression') return ['===', '==', '!==', '!='].includes(inner.operator);
  if (inner.type === 'CallExpression') {
    const callee = unwrap(inner.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    return method === 'includes' || method === 'has' || method === 'test';
  }
  return false;
}

/** A tainted part counts as checked only by its own shape or its declaration (allowlist, lookup, quoting, number type). */
function checkedInput(node: Node, context: RuleContext, site: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 3) return false;
  if (isValidatedPath(inner, site)) return true;
  if (inner.type === 'ConditionalExpression') return isAllowlistTest(inner.test);
  if (inner.type === 'MemberExpression') return inner.computed && unwrap(inner.property).type !== 'Literal';
  if (inner.type === 'CallExpression') {
    const name = context.qualifiedName(inner.callee);
    return name !== undefined && SHELL_QUOTERS.test(name);
  }
  if (inner.type === 'Identifier') {
    const declared = lookup(inner.name, site);
    if (declared?.safeType) return true;
    return declared?.pieces.length === 1 && checkedInput(declared.pieces[0], context, site, depth + 1);
  }
  return false;
}

interface Verdict {
  confidence: 'high' | 'medium';
  origin: 'input' | 'argv' | 'unknown';
  related: RelatedNode[];
}

/**
 * How bad a command (or argument) value is: high when user input reaches it, medium when it is assembled in
 * place from values of unknown origin; a lone unknown value (a wrapper's parameter) is not reported.
 */
function judge(value: Node, context: RuleContext, site: Node): Verdict | undefined {
  const argument = unwrap(value);
  const whole = context.evaluate(argument);
  if (whole.kind === 'constant') return undefined;
  const related: RelatedNode[] = [];
  let built = flatten(argument, context);
  if (!built.built && argument.type === 'Identifier') {
    const pieces = lookup(argument.name, site)?.pieces ?? [];
    const joined: Built = { parts: [], built: pieces.length > 1 };
    for (const piece of pieces) flatten(piece, context, joined);
    joined.built ||= pieces.length > 0 && flatten(pieces[0], context).built;
    if (joined.built) {
      built = joined;
      related.push({ node: pieces[0], message: 'The command text is assembled here.' });
    }
  }
  if (!built.built) {
    // exec(req.body.cmd): the whole command is user input. Arguments forwarded as they are (a CLI shim passing
    // process.argv on) run what the invoking user could run anyway.
    if (whole.kind === 'unknown' || checkedInput(argument, context, site)) return undefined;
    if (whole.kind === 'tainted' && whole.label === 'process.argv') return undefined;
    built = { parts: [argument], built: false };
  }
  let unknown = false;
  let argv: Node | undefined;
  for (const part of built.parts) {
    const origin = context.evaluate(part);
    if (origin.kind === 'constant') continue;
    if (origin.kind === 'unknown') {
      if (!safePart(part, context, site)) unknown = true;
      continue;
    }
    if (checkedInput(part, context, site)) continue;
    if (origin.kind === 'source') return { confidence: 'high', origin: 'input', related: [{ node: origin.node, message: `User input enters here: ${origin.source.label}.` }, ...related] };
    if (origin.label !== 'process.argv') return { confidence: 'high', origin: 'input', related: [{ node: origin.source, message: `User input enters here: ${origin.label}.` }, ...related] };
    argv ??= origin.source;
  }
  if (argv) return { confidence: 'medium', origin: 'argv', related: [{ node: argv, message: 'Command-line input enters here: process.argv.' }, ...related] };
  return unknown ? { confidence: 'medium', origin: 'unknown', related } : undefined;
}

// ---- the sinks ----

/** `shell: true` or `shell: '/bin/bash'` in an options object literal. */
function usesShell(args: readonly Node[]): boolean {
  for (const arg of args) {
    const shell = findProperty(arg, 'shell');
    if (!shell) continue;
    const value = unwrap(shell.value);
    return value.type === 'Literal' && (value.value === true || (typeof value.value === 'string' && value.value !== ''));
  }
  return false;
}

type Runner = 'shell' | 'shell-option' | 'shell-script' | 'split';

const SHELLS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|ksh|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/;
const SCRIPT_FLAGS = new Set(['-c', '/c', '/C', '-Command', '-command']);

/** `spawn('bash', ['-c', script])`: the script argument, when the program is a shell. */
function shellScript(args: readonly Node[]): Node | undefined {
  const program = staticString(args[0]);
  const list = args[1] ? unwrap(args[1]) : undefined;
  if (program === undefined || !SHELLS.test(program) || list?.type !== 'ArrayExpression') return undefined;
  const index = list.elements.findIndex((element) => element !== null && SCRIPT_FLAGS.has(staticString(element) ?? ''));
  const script = index >= 0 ? list.elements[index + 1] : undefined;
  return script && script.type !== 'SpreadElement' ? script : undefined;
}

function report(context: RuleContext, node: Node, what: string, verdict: Verdict, runner: Runner): void {
  const origin = { input: 'user input', argv: 'command-line arguments', unknown: 'values that are not constants' }[verdict.origin];
  const how = {
    shell: 'runs a shell command',
    'shell-option': 'with shell: true runs a command line',
    'shell-script': 'runs a shell script',
    split: 'runs a command line',
  }[runner];
  const risk =
    runner === 'split'
      ? 'whoever controls it chooses the arguments, or the program itself.'
      : verdict.origin === 'input'
        ? 'shell syntax such as ; or $( ) in it lets an attacker run any command.'
        : verdict.origin === 'argv'
          ? 'when the script is started with untrusted arguments, shell syntax in them runs other commands.'
          : 'if any of them can come from a user, shell syntax in it runs other commands.';
  context.report({ node, message: `${what} ${how} built from ${origin}; ${risk}`, confidence: verdict.confidence, related: verdict.related });
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  let name = context.qualifiedName(callee);
  if (name === undefined) return;
  let what = `${name.replace(/^execa\.(?=execa)/, '')}()`;
  if (callee.type === 'Identifier' && !SHELL_COMMANDS.has(name) && !SHELL_OPTION.has(name) && !COMMAND_STRINGS.has(name)) {
    const runner = lookup(callee.name, node)?.runner;
    if (runner === undefined) return;
    what = `${callee.name}() (promisified ${runner})`;
    name = runner;
  }
  const args = node.arguments as readonly Node[];
  if (args.length === 0) return;
  if (SHELL_COMMANDS.has(name) || COMMAND_STRINGS.has(name)) {
    const runner: Runner = SHELL_COMMANDS.has(name) ? 'shell' : usesShell(args.slice(1)) ? 'shell-option' : 'split';
    const verdict = judge(args[0], context, node);
    if (verdict) report(context, args[0], what, verdict, runner);
    return;
  }
  if (!SHELL_OPTION.has(name)) return;
  const script = shellScript(args);
  if (script) {
    // spawn('sh', ['-c', command]): the argument after -c is a shell command.
    const verdict = judge(script, context, node);
    if (verdict) report(context, script, what, verdict, 'shell-script');
    return;
  }
  if (!usesShell(args.slice(1))) return;
  // With a shell, the file and every argument are joined into one command line.
  const verdict = judge(args[0], context, node);
  if (verdict) {
    report(context, args[0], what, verdict, 'shell-option');
    return;
  }
  const list = args[1] ? unwrap(args[1]) : undefined;
  if (!list) return;
  const elements = list.type === 'ArrayExpression' ? list.elements.filter((element): element is NonNullable<typeof element> => element !== null) : [list];
  for (const element of elements) {
    if (element.type === 'ObjectExpression') continue;
    const target = element.type === 'SpreadElement' ? element.argument : element;
    const elementVerdict = judge(target, context, node);
    if (elementVerdict) {
      report(context, element, what, elementVerdict, 'shell-option');
      return;
    }
  }
}

export const commandInjection: Rule = {
  meta: {
    id: 'command-injection',
    title: 'Shell command built from strings',
    description: 'A command line assembled from non-constant text and run through a shell lets whoever controls that text run other commands.',
    severity: 'error',
    cwe: [78],
    fixable: false,
  },
  visitors: {
    FunctionDeclaration: trackFunction,
    FunctionExpression: trackFunction,
    ArrowFunctionExpression: trackFunction,
    VariableDeclarator: trackDeclarator,
    AssignmentExpression: trackAssignment,
    IfStatement: trackIf,
    CallExpression: check,
  },
};
