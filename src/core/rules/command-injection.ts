// command-injection: shell commands built from non-constant text (child_process exec, shell: true, shelljs, execa).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { concatenation, findProperty, propertyName, staticString, unwrap } from '../ast';
import { isCheckedInput, isProgramValue, ProgramValues } from '../program-values';

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

// ---- the command text ----

interface Built {
  parts: Node[];
  /** Assembled by `+` or a template literal with substitutions. */
  built: boolean;
}

/** The parts of a command that are not constants. */
function flatten(node: Node, context: RuleContext, into: Built = { parts: [], built: false }): Built {
  const { operands, built } = concatenation(node);
  into.built ||= built;
  for (const operand of operands) {
    if (typeof operand !== 'string' && context.evaluate(operand).kind !== 'constant') into.parts.push(operand);
  }
  return into;
}

/** Parts that cannot carry shell syntax beyond constants and configuration: program locations, quoting, numbers. */
const COMMAND_VALUES: ProgramValues = {
  programPath: (path) => PROGRAM_PATHS.has(path) || /^(?:__dirname|__filename|import\.meta\.(?:dirname|filename))$/.test(path),
  call: (call, context, safe) => {
    const name = context.qualifiedName(call.callee) ?? '';
    if (SHELL_QUOTERS.test(name) || PROGRAM_PATHS.has(name)) return true;
    // path.join(__dirname, 'scripts', 'build.sh'): a path made of program locations and constants.
    if (/^path\.(?:join|resolve|normalize|dirname)$/.test(name)) return call.arguments.every(safe);
    const callee = unwrap(call.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    return method === 'toFixed' || method === 'getTime';
  },
};

/** A tainted part counts as checked only by its own shape or its declaration (allowlist, lookup, quoting, number type). */
function checkedInput(node: Node, context: RuleContext): boolean {
  return isCheckedInput(node, context, (inner) => inner.type === 'CallExpression' && SHELL_QUOTERS.test(context.qualifiedName(inner.callee) ?? ''));
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
function judge(value: Node, context: RuleContext): Verdict | undefined {
  const argument = unwrap(value);
  const whole = context.evaluate(argument);
  if (whole.kind === 'constant') return undefined;
  const related: RelatedNode[] = [];
  let built = flatten(argument, context);
  if (!built.built && argument.type === 'Identifier') {
    const pieces = context.declaration(argument.name)?.pieces ?? [];
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
    if (whole.kind === 'unknown' || checkedInput(argument, context)) return undefined;
    if (whole.kind === 'tainted' && whole.label === 'process.argv') return undefined;
    built = { parts: [argument], built: false };
  }
  let unknown = false;
  let argv: Node | undefined;
  for (const part of built.parts) {
    const origin = context.evaluate(part);
    if (origin.kind === 'constant') continue;
    if (origin.kind === 'unknown') {
      if (!isProgramValue(part, context, COMMAND_VALUES)) unknown = true;
      continue;
    }
    if (checkedInput(part, context)) continue;
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

/** `promisify(exec)`, `util.promisify(cp.execFile)`: the runner wrapped, if it is one. */
function promisified(init: Node, context: RuleContext): string | undefined {
  const inner = unwrap(init);
  if (inner.type !== 'CallExpression' || inner.arguments.length !== 1) return undefined;
  const name = context.qualifiedName(inner.callee);
  if (name === undefined || !/(?:^|\.)promisify$/.test(name)) return undefined;
  const wrapped = context.qualifiedName(inner.arguments[0]);
  return wrapped !== undefined && (SHELL_COMMANDS.has(wrapped) || SHELL_OPTION.has(wrapped)) ? wrapped : undefined;
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  let name = context.qualifiedName(callee);
  if (name === undefined) return;
  let what = `${name.replace(/^execa\.(?=execa)/, '')}()`;
  if (callee.type === 'Identifier' && !SHELL_COMMANDS.has(name) && !SHELL_OPTION.has(name) && !COMMAND_STRINGS.has(name)) {
    const init = context.declaration(callee.name)?.init;
    const runner = init && promisified(init, context);
    if (runner === undefined) return;
    what = `${callee.name}() (promisified ${runner})`;
    name = runner;
  }
  const args = node.arguments as readonly Node[];
  if (args.length === 0) return;
  if (SHELL_COMMANDS.has(name) || COMMAND_STRINGS.has(name)) {
    const runner: Runner = SHELL_COMMANDS.has(name) ? 'shell' : usesShell(args.slice(1)) ? 'shell-option' : 'split';
    const verdict = judge(args[0], context);
    if (verdict) report(context, args[0], what, verdict, runner);
    return;
  }
  if (!SHELL_OPTION.has(name)) return;
  const script = shellScript(args);
  if (script) {
    // spawn('sh', ['-c', command]): the argument after -c is a shell command.
    const verdict = judge(script, context);
    if (verdict) report(context, script, what, verdict, 'shell-script');
    return;
  }
  if (!usesShell(args.slice(1))) return;
  // With a shell, the file and every argument are joined into one command line.
  const verdict = judge(args[0], context);
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
    const elementVerdict = judge(target, context);
    if (elementVerdict) {
      report(context, element, what, elementVerdict, 'shell-option');
      return;
    }
  }
}

export const commandInjection: Rule = {
  meta: {
    id: 'command-injection',
    category: 'injection',
    title: 'Shell command built from strings',
    description: 'A command line assembled from non-constant text and run through a shell lets whoever controls that text run other commands.',
    severity: 'error',
    cwe: [78],
    fixable: false,
  },
  visitors: {
    CallExpression: check,
  },
};
