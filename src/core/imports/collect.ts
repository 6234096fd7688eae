// Import records from AST nodes: the engine asks on every node of its one pass; baselines reuse it on old text.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { ImportRecord, Node, Range } from '../types';
import { isFunction, staticString, unwrap } from '../ast';
import { LineIndex } from '../lines';
import { parseSource } from '../parse';
import { fileKind } from '../file-kinds';
import { scriptView } from '../sfc';

/** Node types that can import a module; the engine only asks about these. */
export const IMPORTING_NODE_TYPES: ReadonlySet<string> = new Set([
  'ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'TSImportEqualsDeclaration', 'CallExpression', 'ImportExpression',
]);

export interface CollectHelpers {
  /** Whether a local binding that is not a real require (createRequire) shadows `require` here. */
  requireIsLocal(): boolean;
  /** The text of a constant expression (`const name = 'x'; require(name)`), as far as the walk knows. */
  constantText(node: Node): string | undefined;
}

const NO_HELP: CollectHelpers = { requireIsLocal: () => false, constantText: () => undefined };

/** The import a node makes, if any. */
export function importRecordOf(node: Node, helpers: CollectHelpers = NO_HELP): ImportRecord | undefined {
  switch (node.type) {
    case 'ImportDeclaration':
      return fromSource('import', node.source, node.importKind === 'type' || allTypeSpecifiers(node), node.range);
    case 'ExportNamedDeclaration':
      return node.source ? fromSource('export', node.source, node.exportKind === 'type', node.range) : undefined;
    case 'ExportAllDeclaration':
      return fromSource('export', node.source, node.exportKind === 'type', node.range);
    case 'TSImportEqualsDeclaration':
      if (node.moduleReference.type !== 'TSExternalModuleReference') return undefined;
      return fromSource('import-equals', node.moduleReference.expression, node.importKind === 'type', node.range);
    case 'ImportExpression':
      return fromArgument('dynamic-import', node, node.source, helpers);
    case 'CallExpression':
      return requireCall(node, helpers);
    default:
      return undefined;
  }
}

function allTypeSpecifiers(node: TSESTree.ImportDeclaration): boolean {
  return node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.type === 'ImportSpecifier' && specifier.importKind === 'type');
}

function fromSource(kind: ImportRecord['kind'], source: Node, typeOnly: boolean, statement: Range): ImportRecord {
  return { kind, specifier: staticString(source), typeOnly, range: [source.range[0], source.range[1]], statement: [statement[0], statement[1]] };
}

function requireCall(node: TSESTree.CallExpression, helpers: CollectHelpers): ImportRecord | undefined {
  const callee = unwrap(node.callee);
  const isRequire = callee.type === 'Identifier' && callee.name === 'require';
  const isResolve = callee.type === 'MemberExpression' && !callee.computed && callee.object.type === 'Identifier' &&
    callee.object.name === 'require' && callee.property.type === 'Identifier' && callee.property.name === 'resolve';
  if (!isRequire && !isResolve) return undefined;
  if (node.arguments.length === 0 || helpers.requireIsLocal()) return undefined;
  return fromArgument(isRequire ? 'require' : 'require-resolve', node, node.arguments[0], helpers);
}

function fromArgument(kind: ImportRecord['kind'], call: Node, argument: Node, helpers: CollectHelpers): ImportRecord | undefined {
  if (argument.type === 'SpreadElement') return undefined;
  const parent = (call as { parent?: Node }).parent;
  // `require('x');` or `import('x');` alone on its line can be removed whole; inside an expression it cannot.
  const statement: Range | undefined = parent?.type === 'ExpressionStatement' && parent.expression === call ? [parent.range[0], parent.range[1]]
    : declarationStatement(call);
  const specifier = staticString(argument) ?? helpers.constantText(argument);
  const record: ImportRecord = { kind, specifier, typeOnly: false, range: [argument.range[0], argument.range[1]], statement };
  if (insideTryBlock(call)) record.guarded = true;
  if (specifier === undefined) {
    const namedFile = literalFileTail(argument);
    if (namedFile !== undefined) record.namedFile = namedFile;
  }
  return record;
}

const MODULE_FILE = /\.(?:[cm]?[jt]sx?|json|node)$/;
const PATH_JOINERS = new Set(['join', 'resolve']);
const FOLDER_NAME = /(?:dir|directory|folder|root|base|path)$/i;

/**
 * The literal file path that ends a specifier whose only computed part is the folder it starts with:
 * `path.join(ROOT, '..', 'x.json')`, `` `${__dirname}/x.js` ``, `bindingDir + '/x.node'`. A reviewer can see which
 * file loads. `` `${pkg}/package.json` `` is not one: its first part may be a package name.
 */
function literalFileTail(argument: Node): string | undefined {
  const inner = unwrap(argument);
  let folder: Node | undefined;
  let tail: string | undefined;
  if (inner.type === 'CallExpression' && inner.arguments.length >= 2 && isPathJoiner(unwrap(inner.callee))) {
    const rest = inner.arguments.slice(1).map((piece) => (piece.type === 'SpreadElement' ? undefined : staticString(piece)));
    if (rest.every((piece) => piece !== undefined)) tail = rest.join('/');
    folder = inner.arguments[0];
  } else if (inner.type === 'TemplateLiteral' && inner.expressions.length === 1 && inner.quasis[0].value.cooked === '') {
    tail = inner.quasis[1].value.cooked ?? undefined;
    folder = inner.expressions[0];
  } else if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    tail = staticString(inner.right);
    folder = inner.left as Node;
  }
  if (tail === undefined || folder === undefined || folder.type === 'SpreadElement' || !MODULE_FILE.test(tail) || !isFolder(folder)) return undefined;
  return tail;
}

/** `__dirname`, `process.cwd()`, `path.dirname(x)`, `path.join(...)`, or a name that says it is a folder (`ROOT`, `bindingDir`). */
function isFolder(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name === '__dirname' || FOLDER_NAME.test(inner.name);
  if (inner.type === 'MemberExpression') {
    const name = inner.property.type === 'Identifier' ? inner.property.name : undefined;
    return name !== undefined && !inner.computed && FOLDER_NAME.test(name);
  }
  if (inner.type !== 'CallExpression') return false;
  const callee = unwrap(inner.callee);
  if (isPathJoiner(callee)) return true;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' &&
    ((callee.property.name === 'cwd' && callee.object.type === 'Identifier' && callee.object.name === 'process') || callee.property.name === 'dirname');
}

function isPathJoiner(callee: Node): boolean {
  if (callee.type === 'Identifier') return PATH_JOINERS.has(callee.name);
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && PATH_JOINERS.has(callee.property.name) &&
    callee.object.type === 'Identifier' && /^(?:path|posix|win32)$/.test(callee.object.name);
}

/** Within the `try { }` block of a try statement, in the same function. */
function insideTryBlock(node: Node): boolean {
  let child = node;
  for (let parent = (node as { parent?: Node }).parent; parent; child = parent, parent = (parent as { parent?: Node }).parent) {
    if (parent.type === 'TryStatement' && parent.block === child) return true;
    if (isFunction(parent)) return false;
  }
  return false;
}

/** `const x = require('y');` with a single declarator: the whole declaration can go. */
function declarationStatement(call: Node): Range | undefined {
  const declarator = (call as { parent?: Node }).parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== call) return undefined;
  const declaration = (declarator as { parent?: Node }).parent;
  if (declaration?.type !== 'VariableDeclaration' || declaration.declarations.length !== 1) return undefined;
  return [declaration.range[0], declaration.range[1]];
}

/**
 * Every import of a text, by a walk of its own: for baselines (the file as it was), not for the analysed text,
 * whose imports the engine collects in its single pass. Unparsable text imports nothing we can know.
 */
export function collectImports(text: string, filePath: string): ImportRecord[] | undefined {
  const kind = fileKind(filePath);
  if (kind === undefined || kind === 'config') return [];
  const view = kind === 'component' ? scriptView(text, filePath) : { text, virtualPath: filePath };
  const parsed = parseSource(view.text, view.virtualPath, new LineIndex(view.text), false);
  if (!parsed.ok) return undefined;
  const records: ImportRecord[] = [];
  const visit = (node: Node, parent: Node | undefined): void => {
    (node as { parent?: Node }).parent = parent;
    if (IMPORTING_NODE_TYPES.has(node.type)) {
      const record = importRecordOf(node);
      if (record) records.push(record);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as Node, node);
      } else if (child && typeof child === 'object' && 'type' in child) {
        visit(child as Node, node);
      }
    }
  };
  try {
    visit(parsed.program, undefined);
  } catch {
    return undefined;
  }
  return records;
}
