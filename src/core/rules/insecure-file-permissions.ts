// insecure-file-permissions: world-writable modes in chmod, mkdir, writeFile, open, shell chmod and process.umask(0).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { staticString, unwrap } from '../ast';
import { constantNumber, optionProperty, resolveInit } from '../static-value';
import { isTestFile } from '../test-files';

const FS_MODULES = '(?:fs|fs\\/promises|fs\\.promises|fs-extra|graceful-fs|node:fs)';
/** Calls whose mode is applied as is. */
const CHMOD = new RegExp(`^${FS_MODULES}\\.(?:chmod|chmodSync|lchmod|lchmodSync|fchmod|fchmodSync)$`);
/** Calls that create a file or directory: the process umask removes bits from the mode first. */
const CREATE: Record<string, { index: number; option: boolean; number: boolean }> = {
  mkdir: { index: 1, option: true, number: true },
  mkdirSync: { index: 1, option: true, number: true },
  writeFile: { index: 2, option: true, number: false },
  writeFileSync: { index: 2, option: true, number: false },
  appendFile: { index: 2, option: true, number: false },
  appendFileSync: { index: 2, option: true, number: false },
  open: { index: 2, option: false, number: true },
  openSync: { index: 2, option: false, number: true },
  createWriteStream: { index: 1, option: true, number: false },
  ensureDir: { index: 1, option: true, number: true },
  ensureDirSync: { index: 1, option: true, number: true },
  mkdirs: { index: 1, option: true, number: true },
  mkdirsSync: { index: 1, option: true, number: true },
  mkdirp: { index: 1, option: true, number: true },
  mkdirpSync: { index: 1, option: true, number: true },
  outputFile: { index: 2, option: true, number: false },
  outputFileSync: { index: 2, option: true, number: false },
};
const CREATE_CALL = new RegExp(`^${FS_MODULES}\\.(${Object.keys(CREATE).join('|')})$`);
const MKDIRP = /^mkdirp(?:\.(?:sync|mkdirp|mkdirpSync|native|nativeSync|manual|manualSync))?$/;
const SHELL_CHMOD = new Set(['shelljs.chmod', 'shx.chmod']);
const EXEC = /^child_process\.(exec|execSync|spawn|spawnSync|execFile|execFileSync)$/;
/** `chmod [-R] 777 path`, `chmod a+w path`, `chmod -R o+rwx path` inside a shell command. */
const SHELL_COMMAND = /(?:^|[;&|(`\s])chmod\s+(?:-[A-Za-z]+\s+)*([0-7]{3,4}|[ugoa]*[+=][rwxXst]+(?:,[ugoa]*[+=-][rwxXst]+)*)(?=\s)/;

const OTHERS_WRITE = 0o002;
const STICKY = 0o1000;

/** The permission bits a mode argument sets, if known: numbers, octal strings ('777', '0o777') and constants. */
function modeValue(node: Node, context: RuleContext, digitsAreOctal = false): number | undefined {
  const resolved = resolveInit(node, context);
  const text = resolved ? staticString(resolved) : undefined;
  if (text !== undefined) {
    const match = /^(?:0[oO]?)?([0-7]{3,4})$/.exec(text.trim());
    return match ? parseInt(match[1], 8) : undefined;
  }
  const value = constantNumber(node, context);
  if (value === undefined || !Number.isInteger(value) || value < 0) return undefined;
  // shelljs reads chmod(777, file) as the octal digits 777.
  if (digitsAreOctal && /^[0-7]{3,4}$/.test(String(value))) return parseInt(String(value), 8);
  return value;
}

/** Symbolic modes that give others write access: `o+w`, `a+rwx`, `ugo=rw`. */
function symbolicWorldWritable(text: string): boolean {
  return text.split(',').some((clause) => /^(?:[ugo]*o[ugo]*|a)[+=][rwxXst]*w/.test(clause));
}

function worldWritable(mode: number): boolean {
  return (mode & OTHERS_WRITE) !== 0 && (mode & STICKY) === 0;
}

function octal(mode: number): string {
  return `0o${(mode & 0o7777).toString(8).padStart(3, '0')}`;
}

/** Rewrites the mode without group and other write, in the notation it was written in. */
function tightenFix(node: Node, mode: number, digitsAreOctal: boolean): Fix | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Literal') return undefined;
  const tightened = mode & ~0o022;
  let text: string;
  if (typeof inner.value === 'string') {
    const raw = inner.raw;
    const match = /^(['"])(0[oO]?)?[0-7]{3,4}\1$/.exec(raw);
    if (!match) return undefined;
    text = `${match[1]}${match[2] ?? ''}${(tightened & 0o7777).toString(8).padStart(3, '0')}${match[1]}`;
  } else if (typeof inner.value === 'number') {
    text = digitsAreOctal ? (tightened & 0o7777).toString(8) : octal(tightened);
  } else return undefined;
  return {
    title: `Use ${octal(tightened)} (review: the group and other users can no longer write to it)`,
    safety: 'review',
    edits: [{ range: [inner.range[0], inner.range[1]], text }],
  };
}

function report(at: Node, valueNode: Node, mode: number, applied: boolean, context: RuleContext, digitsAreOctal = false): void {
  const confidence: Confidence = applied ? 'high' : 'medium';
  const fix = tightenFix(valueNode, mode, digitsAreOctal);
  context.report({
    node: at,
    message: applied
      ? `Mode ${octal(mode)} makes this path writable by every user on the machine, so any local account or compromised service can alter or replace it.`
      : `Mode ${octal(mode)} asks for a path every user can write; unless the process umask strips it, any local account or compromised service can alter or replace it.`,
    confidence,
    fixes: fix ? [fix] : [],
  });
}

/** A mode given as a number argument or as `{ mode }` in an options object. */
function checkModeArgument(arg: Node | undefined, spec: { option: boolean; number: boolean }, context: RuleContext): void {
  if (!arg) return;
  const inner = unwrap(arg);
  const resolved = resolveInit(arg, context);
  if (spec.option && resolved?.type === 'ObjectExpression') {
    const property = optionProperty(resolved, 'mode', context);
    if (!property) return;
    const mode = modeValue(property.value, context);
    if (mode !== undefined && worldWritable(mode)) report(property, property.value, mode, false, context);
    return;
  }
  // writeFile(path, data, 'utf8'): a string third argument is the encoding, not a mode.
  if (!spec.number || inner.type === 'ObjectExpression' || (staticString(resolved) !== undefined && !/^\s*(?:0[oO]?)?[0-7]{3,4}\s*$/.test(staticString(resolved) ?? ''))) return;
  const mode = modeValue(arg, context);
  if (mode !== undefined && worldWritable(mode)) report(arg, arg, mode, false, context);
}

function checkShell(node: TSESTree.CallExpression, method: string, context: RuleContext): void {
  const args = node.arguments;
  if (method === 'spawn' || method === 'spawnSync' || method === 'execFile' || method === 'execFileSync') {
    if (staticString(resolveInit(args[0], context)) !== 'chmod') return;
    const list = resolveInit(args[1], context);
    if (list?.type !== 'ArrayExpression') return;
    for (const element of list.elements) {
      if (!element || element.type === 'SpreadElement') continue;
      const text = staticString(element);
      if (text === undefined || text.startsWith('-')) continue;
      const mode = modeValue(element, context);
      if ((mode !== undefined && worldWritable(mode)) || (mode === undefined && symbolicWorldWritable(text))) {
        reportShell(element, text, context);
      }
      return;
    }
    return;
  }
  const command = args[0] ? unwrap(args[0]) : undefined;
  if (!command) return;
  const text = command.type === 'TemplateLiteral' ? command.quasis.map((quasi) => quasi.value.cooked ?? '').join('\u0000') : staticString(command);
  if (text === undefined) return;
  const match = SHELL_COMMAND.exec(`${text} `);
  if (!match) return;
  const digits = /^[0-7]{3,4}$/.test(match[1]) ? parseInt(match[1], 8) : undefined;
  if ((digits !== undefined && worldWritable(digits)) || (digits === undefined && symbolicWorldWritable(match[1]))) {
    reportShell(node.arguments[0], match[1], context);
  }
}

function reportShell(at: Node, mode: string, context: RuleContext): void {
  context.report({
    node: at,
    message: `chmod ${mode} makes these files writable by every user on the machine, so any local account or compromised service can alter or replace them.`,
    confidence: 'high',
  });
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  if (isTestFile(context.filePath)) return;
  const name = context.qualifiedName(node.callee);
  if (name === undefined) return;
  const args = node.arguments;
  if (CHMOD.test(name)) {
    const arg = args[1];
    const mode = arg ? modeValue(arg, context) : undefined;
    if (arg && mode !== undefined && worldWritable(mode)) report(arg, arg, mode, true, context);
    return;
  }
  const create = CREATE_CALL.exec(name);
  if (create) {
    checkModeArgument(args[CREATE[create[1]].index], CREATE[create[1]], context);
    return;
  }
  if (MKDIRP.test(name)) {
    checkModeArgument(args[1], { option: true, number: true }, context);
    return;
  }
  if (SHELL_CHMOD.has(name)) {
    const arg = args[0] && staticString(args[0])?.startsWith('-') ? args[1] : args[0];
    if (!arg) return;
    const text = staticString(resolveInit(arg, context));
    const mode = modeValue(arg, context, true);
    if (mode !== undefined && worldWritable(mode)) report(arg, arg, mode, true, context, true);
    else if (mode === undefined && text !== undefined && symbolicWorldWritable(text)) reportShell(arg, text, context);
    return;
  }
  const exec = EXEC.exec(name);
  if (exec) {
    checkShell(node, exec[1], context);
    return;
  }
  if (name === 'process.umask' && args[0]) {
    const mask = modeValue(args[0], context);
    if (mask === undefined || (mask & OTHERS_WRITE) !== 0) return;
    const inner = unwrap(args[0]);
    context.report({
      node: node,
      message: `process.umask(${octal(mask)}) stops removing write access for other users, so every file and directory this process creates afterwards is world-writable by default.`,
      confidence: 'high',
      fixes: inner.type === 'Literal'
        ? [{ title: 'Use umask 0o022 (review: files created later are no longer writable by the group and other users)', safety: 'review', edits: [{ range: [inner.range[0], inner.range[1]], text: '0o022' }] }]
        : [],
    });
  }
}

export const insecureFilePermissions: Rule = {
  meta: {
    id: 'insecure-file-permissions',
    category: 'files',
    title: 'World-writable file permissions',
    description: 'chmod, mkdir, writeFile, open and shell chmod with modes such as 0o777 or 0o666, and process.umask(0), let every local user modify the files.',
    severity: 'warning',
    cwe: [732],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};
