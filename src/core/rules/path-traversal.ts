// path-traversal: request input reaching a file-system path (fs, fs/promises, fs-extra, res.sendFile, res.download).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import type { Value } from '../bindings';
import { findProperty, memberPath, propertyName, unwrap } from '../ast';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'graceful-fs']);
/** File-system calls and the indexes of their path arguments. */
const FS_CALLS = new Map<string, number[]>();
for (const name of [
  'readFile', 'writeFile', 'appendFile', 'unlink', 'rm', 'rmdir', 'readdir', 'stat', 'lstat', 'access', 'open', 'mkdir',
  'truncate', 'chmod', 'chown', 'opendir', 'readlink',
]) {
  FS_CALLS.set(name, [0]);
  FS_CALLS.set(`${name}Sync`, [0]);
}
for (const name of ['createReadStream', 'createWriteStream', 'readJson', 'readJsonSync', 'writeJson', 'writeJsonSync', 'outputFile', 'outputFileSync', 'outputJson', 'remove', 'removeSync', 'emptyDir']) {
  FS_CALLS.set(name, [0]);
}
for (const name of ['rename', 'copyFile', 'cp', 'link', 'symlink', 'copy', 'move']) {
  FS_CALLS.set(name, [0, 1]);
  FS_CALLS.set(`${name}Sync`, [0, 1]);
}
const RESPONSE_NAMES = /^(?:res|response|resp)$/;
/** Sources that are not an attacker: the person running a script, the app's own renderer process. */
const TRUSTED_LABELS = new Set(['process.argv', 'IPC message']);
/** Upload middleware objects: multer/formidable choose `path` and `filename`, and strip directories from `originalname`. */
const UPLOAD_PROPERTIES = new Set(['file', 'files']);

/**
 * Whether every way user input reaches this expression is neutralised: checked in an `if` (a constant for the
 * taint model then, variable and member path alike), or passed through
 * `path.normalize(p).replace(/^(\.\.…)+/, '')` and then appended to a base directory, after which it cannot
 * climb out (alone, or under path.resolve, it may still be absolute).
 */
function neutralised(node: Node, context: RuleContext, appended: boolean, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 4 || context.evaluate(inner).kind !== 'tainted') return true;
  switch (inner.type) {
    case 'CallExpression': {
      const callee = unwrap(inner.callee);
      if (callee.type === 'MemberExpression' && propertyName(callee) === 'replace' && removesLeadingParents(inner.arguments[0])) {
        const object = unwrap(callee.object);
        return appended && object.type === 'CallExpression' && /(?:^|\.)normalize$/.test(context.qualifiedName(object.callee) ?? '');
      }
      const name = context.qualifiedName(inner.callee) ?? '';
      if (/^path\.(?:posix\.|win32\.)?join$/.test(name)) {
        return inner.arguments.every((arg, index) => neutralised(arg, context, appended || index > 0, depth + 1));
      }
      if (/^path\.(?:posix\.|win32\.)?(?:resolve|normalize)$/.test(name)) {
        return inner.arguments.every((arg) => neutralised(arg, context, false, depth + 1));
      }
      return false;
    }
    case 'Identifier': {
      // `const safe = path.normalize(name).replace(...)`: seen through the variable.
      const pieces = context.declaration(inner.name)?.pieces ?? [];
      return pieces.length === 1 && neutralised(pieces[0], context, appended, depth + 1);
    }
    case 'TemplateLiteral':
      return inner.expressions.every((expr, index) =>
        neutralised(expr, context, appended || index > 0 || (inner.quasis[0].value.cooked ?? '') !== '', depth + 1),
      );
    case 'BinaryExpression':
      return neutralised(inner.left as Node, context, appended, depth + 1) && neutralised(inner.right, context, true, depth + 1);
    case 'LogicalExpression':
      return neutralised(inner.left, context, appended, depth + 1) && neutralised(inner.right, context, appended, depth + 1);
    default:
      return false;
  }
}

/** A regular expression anchored at the start that matches `..` segments: /^(\.\.(\/|\\|$))+/. */
function removesLeadingParents(arg: Node | undefined): boolean {
  const inner = arg && unwrap(arg);
  if (!inner || inner.type !== 'Literal' || !('regex' in inner) || !inner.regex) return false;
  return inner.regex.pattern.startsWith('^') && inner.regex.pattern.includes('\\.\\.');
}

// ---- the sinks ----

function fromUpload(value: Extract<Value, { kind: 'tainted' }>): boolean {
  const source = value.source;
  if (source.type === 'MemberExpression' || source.type === 'Property') return UPLOAD_PROPERTIES.has(propertyName(source) ?? '');
  return false;
}

function hasRootOption(args: readonly Node[]): boolean {
  return args.some((arg) => findProperty(arg, 'root') !== undefined);
}

/** The path arguments of a call, and how to name it; undefined when it is not a file-system sink. */
function pathArguments(node: TSESTree.CallExpression, context: RuleContext): { what: string; paths: Node[] } | undefined {
  const args = node.arguments as readonly Node[];
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  if (name !== undefined) {
    const dot = name.lastIndexOf('.');
    const module = name.slice(0, dot);
    const method = name.slice(dot + 1);
    const indexes = FS_CALLS.get(method);
    if (indexes && FS_MODULES.has(module)) {
      return { what: `${module}.${method}()`, paths: indexes.map((index) => args[index]).filter(Boolean) };
    }
  }
  if (callee.type !== 'MemberExpression' || args.length === 0) return undefined;
  const method = propertyName(callee);
  const receiver = memberPath(callee.object) ?? '';
  const receiverName = receiver.slice(receiver.lastIndexOf('.') + 1);
  // Express; Fastify's reply.sendFile serves from the configured root and is not matched.
  if (method === 'sendFile' && RESPONSE_NAMES.test(receiverName) && !hasRootOption(args.slice(1)) && !hasOptionsVariable(args.slice(1))) {
    return { what: `${receiver}.sendFile()`, paths: [args[0]] };
  }
  if (method === 'download' && RESPONSE_NAMES.test(receiverName) && !hasRootOption(args.slice(1)) && !hasOptionsVariable(args.slice(2))) {
    return { what: `${receiver}.download()`, paths: [args[0]] };
  }
  return undefined;
}

/** `res.sendFile(name, options)`: an options object we cannot see may well set `root`. */
function hasOptionsVariable(args: readonly Node[]): boolean {
  return args.some((arg) => {
    const inner = unwrap(arg);
    return (inner.type === 'Identifier' && !/^(?:cb|callback|done|next|fn|onError)$/.test(inner.name)) || inner.type === 'MemberExpression';
  });
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const sink = pathArguments(node, context);
  if (!sink) return;
  for (const path of sink.paths) {
    const value = context.evaluate(path);
    if (value.kind !== 'tainted' || TRUSTED_LABELS.has(value.label) || fromUpload(value)) continue;
    if (neutralised(path, context, false)) continue;
    context.report({
      node: path,
      message: `${sink.what} uses a path built from user input; a value such as ../../etc/passwd reaches files outside the intended directory.`,
      confidence: 'high',
      related: [{ node: value.source, message: `User input enters here: ${value.label}.` }],
    });
    return;
  }
}

export const pathTraversal: Rule = {
  meta: {
    id: 'path-traversal',
    category: 'files',
    title: 'File path from user input',
    description: 'Request input used in a file-system path lets a client read, overwrite or delete files outside the intended directory with ../ segments or absolute paths.',
    severity: 'error',
    cwe: [22],
    fixable: false,
  },
  visitors: {
    CallExpression: check,
  },
};
