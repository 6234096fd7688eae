// zip-slip: archive entry names joined into output paths and written without a check that they stay in the target folder.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { enclosingScopes, isFunction, propertyName, staticString, unwrap } from '../ast';

/** Libraries whose entry names reach user code unchecked (adm-zip, unzipper.Parse, tar-stream, node-tar, JSZip, node-stream-zip). */
const ARCHIVE_LIBRARY = /['"](?:adm-zip|unzipper|unzip-stream|tar-stream|tar|jszip|node-stream-zip)['"]/;
/** fs writes, with the index of the path they write to. */
const WRITE_SINK = /^(?:fs|fs\/promises|fs\.promises|fs-extra|graceful-fs)\.(?:promises\.)?(writeFile|writeFileSync|createWriteStream|appendFile|appendFileSync|outputFile|outputFileSync|copyFile|copyFileSync|rename|renameSync|move|moveSync|copy|copySync)$/;
const DESTINATION_SECOND = new Set(['copyFile', 'copyFileSync', 'rename', 'renameSync', 'move', 'moveSync', 'copy', 'copySync']);
const JOINS = /^path(?:\.posix|\.win32)?\.(?:join|resolve)$/;
const KEEPING_METHODS = /^(?:trim|trimStart|toString|toLowerCase|slice|substring|normalize)$/;
/** Helpers whose name says they keep a path inside a folder. */
const CONTAINMENT_HELPER = /^(?:is|assert|ensure|check)?(?:Safe|Inside|Within|Contained|SubPath|PathInside|Sanitiz)/i;

type Library = 'adm-zip' | 'unzipper' | 'tar-stream' | 'tar' | 'jszip' | 'node-stream-zip';

interface EntryName {
  library: Library;
  node: Node;
}

/** What a loop variable or callback parameter holds: an entry's name, or an entry whose listed properties are names. */
interface Binding {
  library: Library;
  kind: 'name' | 'entry';
  properties?: string[];
}

interface Pending {
  sink: TSESTree.CallExpression;
  entry: EntryName;
  scopes: Node[];
  fix?: Fix;
}

interface State {
  /** The file uses an archive library; nothing else is looked at otherwise. */
  archives: boolean;
  pending: Pending[];
  guarded: Set<Node>;
}
const states = new FileState<State>((context) => ({ archives: context.mentions(ARCHIVE_LIBRARY), pending: [], guarded: new Set() }));

function state(context: RuleContext): State {
  return states.get(context);
}


function mentions(context: RuleContext, library: string): boolean {
  return context.mentions(`'${library}'`) || context.mentions(`"${library}"`);
}

// ---------- where entry names come from ----------

function initOf(node: Node, context: RuleContext): Node | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier') return undefined;
  const declared = context.declaration?.(inner.name);
  return declared?.init ?? (declared?.pieces.length === 1 ? declared.pieces[0] : undefined);
}

/** `Object.keys(zip.files)` -> 'keys'; the object whose `.files` are JSZip entries. */
function jszipFiles(node: Node): 'keys' | 'entries' | 'values' | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'CallExpression') return undefined;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression' || unwrap(callee.object).type !== 'Identifier' || (unwrap(callee.object) as TSESTree.Identifier).name !== 'Object') return undefined;
  const method = propertyName(callee);
  const argument = inner.arguments[0] && unwrap(inner.arguments[0]);
  if (argument?.type !== 'MemberExpression' || propertyName(argument) !== 'files') return undefined;
  return method === 'keys' || method === 'entries' || method === 'values' ? method : undefined;
}

/** `Object.values(await zip.entries())` of node-stream-zip. */
function streamZipEntries(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type !== 'CallExpression') return false;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'values') return false;
  let argument = inner.arguments[0] && unwrap(inner.arguments[0]);
  if (argument?.type === 'AwaitExpression') argument = unwrap(argument.argument);
  return argument?.type === 'CallExpression' && unwrap(argument.callee).type === 'MemberExpression' && propertyName(unwrap(argument.callee) as TSESTree.MemberExpression) === 'entries';
}

/** What iterating `iterable` (with for-of or forEach) yields, position by position for `[name, file]` pairs. */
function iterated(iterable: Node, context: RuleContext): Binding[] | undefined {
  const files = jszipFiles(iterable);
  if (files && mentions(context, 'jszip')) {
    if (files === 'keys') return [{ library: 'jszip', kind: 'name' }];
    if (files === 'values') return [{ library: 'jszip', kind: 'entry', properties: ['name'] }];
    return [{ library: 'jszip', kind: 'name' }, { library: 'jszip', kind: 'entry', properties: ['name'] }];
  }
  if (streamZipEntries(iterable) && mentions(context, 'node-stream-zip')) return [{ library: 'node-stream-zip', kind: 'entry', properties: ['name'] }];
  // for await (const entry of stream.pipe(unzipper.Parse({ forceStream: true })))
  const source = unwrap(iterable).type === 'Identifier' ? initOf(iterable, context) : iterable;
  if (source && /\bParse\s*\(/.test(context.source(source)) && mentions(context, 'unzipper')) return [{ library: 'unzipper', kind: 'entry', properties: ['path'] }];
  return undefined;
}

/** What a callback's parameters hold, given the call it is passed to. */
function callbackBindings(fn: Node, context: RuleContext): Binding[] | undefined {
  const parent = fn.parent;
  if (parent?.type === 'Property' && parent.value === fn && propertyName(parent) === 'onentry' && mentions(context, 'tar')) {
    return [{ library: 'tar', kind: 'entry', properties: ['path'] }];
  }
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  const callee = unwrap(parent.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee);
  if ((method === 'on' || method === 'once') && staticString(parent.arguments[0]) === 'entry') {
    const params = (fn as TSESTree.FunctionLike).params.length;
    if (params >= 2 && mentions(context, 'tar-stream')) return [{ library: 'tar-stream', kind: 'entry', properties: ['name'] }];
    if (mentions(context, 'unzipper') || mentions(context, 'unzip-stream')) return [{ library: 'unzipper', kind: 'entry', properties: ['path'] }];
    if (mentions(context, 'tar')) return [{ library: 'tar', kind: 'entry', properties: ['path'] }];
    return undefined;
  }
  if (method !== 'forEach' && method !== 'map') return undefined;
  const fromIterable = iterated(callee.object, context);
  if (fromIterable) return fromIterable;
  // JSZip's own zip.forEach((relativePath, file) => ...)
  const object = unwrap(callee.object);
  const init = initOf(object, context);
  const isZip = (init !== undefined && /loadAsync|JSZip/.test(context.source(init))) || (object.type === 'Identifier' && /zip/i.test(object.name));
  if (method === 'forEach' && isZip && (fn as TSESTree.FunctionLike).params.length >= 2 && mentions(context, 'jszip')) {
    return [{ library: 'jszip', kind: 'name' }, { library: 'jszip', kind: 'entry', properties: ['name'] }];
  }
  return undefined;
}

/** The binding of a name at the sink: a loop variable or callback parameter over archive entries; null when shadowed. */
function bindingOf(name: string, from: Node, context: RuleContext): Binding | undefined {
  for (let node: Node | undefined = from.parent; node; node = node.parent) {
    if (isFunction(node)) {
      const bindings = callbackBindings(node, context);
      for (const [index, param] of node.params.entries()) {
        const target = param.type === 'AssignmentPattern' ? param.left : param;
        if (target.type === 'Identifier' && target.name === name) return bindings?.[index];
        if (target.type === 'ArrayPattern' && index === 0 && bindings && bindings.length === 2) {
          const position = target.elements.findIndex((element) => element?.type === 'Identifier' && element.name === name);
          if (position >= 0) return bindings[position];
        }
        if (target.type === 'ObjectPattern' || target.type === 'ArrayPattern') {
          const names: string[] = context.source(target).match(/[A-Za-z_$][\w$]*/g) ?? [];
          if (names.includes(name)) return undefined;
        }
      }
      continue;
    }
    if (node.type === 'ForOfStatement' && node.left.type === 'VariableDeclaration') {
      const id = node.left.declarations[0]?.id;
      if (!id) continue;
      if (id.type === 'Identifier' && id.name === name) return iterated(node.right, context)?.[0];
      if (id.type === 'ArrayPattern') {
        const position = id.elements.findIndex((element) => element?.type === 'Identifier' && element.name === name);
        if (position >= 0) {
          const bindings = iterated(node.right, context);
          return bindings && bindings.length === 2 ? bindings[position] : undefined;
        }
      }
    }
  }
  return undefined;
}

/** The archive entry name a path expression is built from, if any (and nothing on the way removed `..`). */
function entryNameIn(node: Node, sink: Node, context: RuleContext, depth = 0): EntryName | undefined {
  if (depth > 5) return undefined;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'MemberExpression': {
      const property = propertyName(inner);
      if (property === 'entryName' && (mentions(context, 'adm-zip') || context.mentions('getEntries'))) return { library: 'adm-zip', node: inner };
      if (property === 'unsafeOriginalName') return { library: 'jszip', node: inner };
      const object = unwrap(inner.object);
      if (property === undefined || object.type !== 'Identifier') return undefined;
      const binding = bindingOf(object.name, sink, context);
      return binding?.kind === 'entry' && binding.properties?.includes(property) ? { library: binding.library, node: inner } : undefined;
    }
    case 'Identifier': {
      const binding = bindingOf(inner.name, sink, context);
      if (binding) return binding.kind === 'name' ? { library: binding.library, node: inner } : undefined;
      const init = initOf(inner, context);
      return init !== undefined && init !== inner ? entryNameIn(init, sink, context, depth + 1) : undefined;
    }
    case 'CallExpression': {
      const name = context.qualifiedName(inner.callee);
      if (name !== undefined && (JOINS.test(name) || /^path(?:\.posix|\.win32)?\.normalize$/.test(name))) {
        for (const argument of inner.arguments) {
          const found = entryNameIn(argument, sink, context, depth + 1);
          if (found) return found;
        }
        return undefined;
      }
      const callee = unwrap(inner.callee);
      if (callee.type !== 'MemberExpression') return undefined;
      const method = propertyName(callee) ?? '';
      if (/^replace(?:All)?$/.test(method)) {
        const search = inner.arguments[0] && unwrap(inner.arguments[0]);
        const pattern = search?.type === 'Literal' && 'regex' in search && search.regex ? search.regex.pattern : staticString(search) ?? '';
        if (pattern.includes('\\.\\.') || pattern.includes('..')) return undefined;
        return entryNameIn(callee.object, sink, context, depth + 1);
      }
      return KEEPING_METHODS.test(method) ? entryNameIn(callee.object, sink, context, depth + 1) : undefined;
    }
    case 'TemplateLiteral':
      for (const expression of inner.expressions) {
        const found = entryNameIn(expression, sink, context, depth + 1);
        if (found) return found;
      }
      return undefined;
    case 'BinaryExpression':
      if (inner.operator !== '+') return undefined;
      return entryNameIn(inner.left as Node, sink, context, depth + 1) ?? entryNameIn(inner.right, sink, context, depth + 1);
    default:
      return undefined;
  }
}

// ---------- containment checks ----------

/** Calls that show the code keeps output inside the folder, or rejects `..` in names. */
function isGuard(node: TSESTree.CallExpression, context: RuleContext): boolean {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(node.callee);
  if (name !== undefined && /^path(?:\.posix|\.win32)?\.(?:relative|isAbsolute)$/.test(name)) return true;
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : callee.type === 'Identifier' ? callee.name : undefined;
  if (method === undefined) return false;
  const argument = node.arguments[0];
  const text = staticString(argument);
  if ((method === 'startsWith' || method === 'indexOf') && argument && text === undefined) return true;
  if ((method === 'includes' || method === 'indexOf' || method === 'startsWith' || method === 'split') && text !== undefined && text.includes('..')) return true;
  if (method === 'test' && callee.type === 'MemberExpression') {
    const pattern = unwrap(callee.object);
    if (pattern.type === 'Literal' && 'regex' in pattern && pattern.regex && pattern.regex.pattern.includes('\\.\\.')) return true;
  }
  return CONTAINMENT_HELPER.test(method);
}

// ---------- the fix ----------

const PURE = new Set(['Identifier', 'MemberExpression', 'Literal', 'TemplateLiteral']);

function isPure(node: Node): boolean {
  const inner = unwrap(node);
  if (!PURE.has(inner.type)) return false;
  if (inner.type === 'MemberExpression') return (!inner.computed || unwrap(inner.property).type === 'Literal') && isPure(inner.object);
  if (inner.type === 'TemplateLiteral') return inner.expressions.every(isPure);
  return true;
}

function statementOf(node: Node): Node | undefined {
  for (let current: Node | undefined = node; current; current = current.parent) {
    if (current.type.endsWith('Statement') || current.type === 'VariableDeclaration') return current;
    if (isFunction(current)) return undefined;
  }
  return undefined;
}

/** How to skip the current entry at a statement: `continue` in a loop, `return` in a forEach/map callback. */
function skipFrom(statement: Node): string | undefined {
  for (let current = statement.parent; current; current = current.parent) {
    if (current.type === 'ForOfStatement' || current.type === 'ForStatement' || current.type === 'ForInStatement' || current.type === 'WhileStatement' || current.type === 'DoWhileStatement') {
      return 'continue';
    }
    if (isFunction(current)) {
      const call = current.parent;
      const callee = call?.type === 'CallExpression' ? unwrap(call.callee) : undefined;
      return callee?.type === 'MemberExpression' && /^(?:forEach|map)$/.test(propertyName(callee) ?? '') ? 'return' : undefined;
    }
  }
  return undefined;
}

function indentOf(offset: number, text: string): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  return /^\s*$/.test(before) ? before : '';
}

/**
 * A check inserted before the write (or right after the variable holding the path is set) that skips entries
 * resolving outside the folder: `if (!path.resolve(out).startsWith(path.resolve(dir) + path.sep)) continue;`.
 */
function containmentFix(sink: TSESTree.CallExpression, target: Node, entry: EntryName, context: RuleContext): Fix | undefined {
  // Stream entries must be drained or the extraction stalls; skipping them is not a drop-in change.
  if (entry.library === 'unzipper' || entry.library === 'tar-stream' || entry.library === 'tar') return undefined;
  const inner = unwrap(target);
  const join = inner.type === 'Identifier' ? initOf(inner, context) : inner;
  const joinCall = join && unwrap(join);
  if (joinCall?.type !== 'CallExpression' || !JOINS.test(context.qualifiedName(joinCall.callee) ?? '')) return undefined;
  const joinCallee = unwrap(joinCall.callee);
  if (joinCallee.type !== 'MemberExpression' || unwrap(joinCallee.object).type !== 'Identifier') return undefined;
  const pathName = context.source(joinCallee.object);
  const firstEntry = joinCall.arguments.findIndex((argument) => entryNameIn(argument, sink, context) !== undefined);
  const base = joinCall.arguments.slice(0, firstEntry);
  if (firstEntry <= 0 || !base.every(isPure) || (inner.type !== 'Identifier' && !joinCall.arguments.every(isPure))) return undefined;
  const sinkStatement = statementOf(sink);
  if (!sinkStatement || sinkStatement.parent?.type !== 'BlockStatement') return undefined;
  const skip = skipFrom(sinkStatement);
  if (!skip) return undefined;
  // Right after `const out = path.join(dir, name)` when that statement is in the same block, so no directory is made first.
  const declaration = inner.type === 'Identifier' ? join?.parent?.parent : undefined;
  const after = declaration?.type === 'VariableDeclaration' && declaration.parent === sinkStatement.parent && skipFrom(declaration) === skip ? declaration : undefined;
  const anchor = after ?? sinkStatement;
  const indent = indentOf(anchor.range[0], context.text);
  const check = `if (!${pathName}.resolve(${context.source(target)}).startsWith(${pathName}.resolve(${base.map((node) => context.source(node)).join(', ')}) + ${pathName}.sep)) ${skip};`;
  return {
    title: 'Skip entries whose path resolves outside the target folder',
    safety: 'safe',
    edits: [after ? { range: [after.range[1], after.range[1]], text: `\n${indent}${check}` } : { range: [sinkStatement.range[0], sinkStatement.range[0]], text: `${check}\n${indent}` }],
  };
}

// ---------- visitors ----------

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const current = state(context);
  if (!current.archives) return;
  if (isGuard(node, context)) {
    const scope = enclosingScopes(node)[0];
    if (scope) current.guarded.add(scope);
    return;
  }
  const name = context.qualifiedName(node.callee);
  const sink = name === undefined ? undefined : WRITE_SINK.exec(name);
  if (!sink) return;
  const target = node.arguments[DESTINATION_SECOND.has(sink[1]) ? 1 : 0];
  if (!target || target.type === 'SpreadElement') return;
  const entry = entryNameIn(target, node, context);
  if (!entry) return;
  const fix = containmentFix(node, target, entry, context);
  current.pending.push({ sink: node, entry, scopes: enclosingScopes(node), fix });
}

const LIBRARY_NAMES: Record<Library, string> = {
  'adm-zip': 'adm-zip',
  unzipper: 'unzipper',
  'tar-stream': 'tar-stream',
  tar: 'tar',
  jszip: 'JSZip',
  'node-stream-zip': 'node-stream-zip',
};

export const zipSlip: Rule = {
  meta: {
    id: 'zip-slip',
    category: 'files',
    title: 'Archive extraction outside the target folder (zip slip)',
    description: 'Entry names from a zip or tar archive joined into an output path and written without checking that the path stays inside the extraction folder.',
    severity: 'error',
    cwe: [22],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
  finish(context) {
    const current = states.take(context);
    if (!current) return;
    for (const { sink, entry, scopes, fix } of current.pending) {
      if (scopes.some((scope) => current.guarded.has(scope))) continue;
      // JSZip 3.8+ drops `../` segments when loading; absolute and backslash names still get through.
      const confidence: Confidence = entry.library === 'jszip' && entry.node.type !== 'MemberExpression' ? 'medium'
        : entry.library === 'jszip' && propertyName(entry.node as TSESTree.MemberExpression) !== 'unsafeOriginalName' ? 'medium'
          : 'high';
      context.report({
        node: sink,
        message: `This write uses the ${LIBRARY_NAMES[entry.library]} entry name \`${context.source(entry.node)}\` without checking where it resolves; an archive entry named like \`../../.ssh/authorized_keys\` or an absolute path overwrites files outside the extraction folder.`,
        confidence,
        related: [{ node: entry.node, message: 'The archive chooses this name.' }],
        fixes: fix ? [fix] : [],
      });
    }
  },
};
