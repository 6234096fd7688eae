// sql-injection: SQL text built by concatenation or interpolation with non-constant parts, passed to a query API.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { isFunction, memberPath, propertyName, unwrap } from '../ast';

/** Methods that run the SQL they are given (pg, mysql, sqlite, sequelize, typeorm, pg-promise), on any receiver. */
const QUERY_METHODS = new Set([
  'query', 'execute', 'exec', 'prepare', 'run', 'all', 'get', 'each',
  'any', 'one', 'oneOrNone', 'many', 'manyOrNone', 'none', 'result', 'multi',
]);
/** Methods whose name says "raw SQL": flagged even when the fragment has no SQL keyword. */
const RAW_METHODS = new Set([
  'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'whereNotRaw',
  'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw', 'selectRaw',
]);
/** TypeORM query-builder methods that take an SQL condition or expression. */
const BUILDER_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy']);
const BUILDER_ORDER_METHODS = new Set(['orderBy', 'addOrderBy']);
/** Methods that only ever take a statement, on receivers named like a database handle (not key-value `db.get`). */
const WHOLE_STATEMENT_METHODS = new Set(['query', 'execute', 'exec', 'prepare']);
const DATABASE_RECEIVER = /(?:^|\.)(?:pool|client|db|database|conn|connection|knex|sequelize|trx|tx|pg|mysql|sqlite|queryRunner|manager|dataSource)$/i;
/** Calls that run a command, not SQL, whatever their method name. */
const NOT_SQL = /^(?:child_process|shelljs|execa|zx|String\.raw$|RegExp)/;
/** Statement follow-ups that bind values to a prepared statement (better-sqlite3, sqlite). */
const STATEMENT_BINDERS = new Set(['get', 'all', 'run', 'iterate', 'bind', 'each']);
const CALLBACK_NAME = /^(?:cb|callback|done|next|fn|handler|resolve|reject)$/;
const PARAMETER_KEYS = new Set(['replacements', 'bind', 'values', 'params', 'parameters', 'bindings']);
/** Calls whose result is safe to splice into SQL: escaping helpers from pg-format, sqlstring and friends. */
const SQL_FORMATTERS = /^(?:pg-format|sqlstring\.format|sqlstring|mysql\.format|mysql2\.format|format\.(?:ident|literal)|[\w.]*\.(?:escapeId|escapeIdentifier|escapeLiteral|ref))$/;

const UPPER_SQL = /\b(?:SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM|WHERE|FROM|ORDER\s+BY|GROUP\s+BY|VALUES|(?:CREATE|DROP|ALTER)\s+TABLE|TRUNCATE|PRAGMA)\b/;
const LOWER_SQL = /^\s*\(?\s*(?:select\s[\s\S]*\bfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b|(?:create|drop|alter)\s+table\b|with\s+\w+\s+as\s*\()/i;
/** `?`, `$1`, `:name`, `@name`: the author binds values separately. */
const PLACEHOLDER = /\?|\$\d|(?<![:\w]):[A-Za-z_]\w*|(?<![\w@])@[A-Za-z_]\w*/;

// ---- what names hold, as far as building SQL goes (declarations per function) ----

interface Declared {
  /** Expressions whose concatenation is the value: the initialiser and every `+=` after it. */
  pieces: Node[];
  /** Declared with a type that cannot carry SQL: number, boolean, a union of literals. */
  safeType: boolean;
  /** Destructured from, or iterated over, this value (`const { id } = req.user`, `for (const t of TABLES)`). */
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

function lookup(name: string, from: Node): Declared | undefined {
  // Children of the node being visited have no parent yet: callers pass the visited node as `from`.
  let owner = scopeOwner(from);
  while (owner) {
    const found = declarations.get(owner)?.get(name);
    if (found) return found;
    owner = owner.type === 'Program' ? undefined : scopeOwner(owner);
  }
  return undefined;
}

function safeType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const check = (type: TSESTree.TypeNode): boolean => {
    switch (type.type) {
      case 'TSNumberKeyword':
      case 'TSBooleanKeyword':
      case 'TSBigIntKeyword':
      case 'TSLiteralType':
        return true;
      case 'TSUnionType':
        return type.types.every(check);
      default:
        return false;
    }
  };
  return annotation ? check(annotation.typeAnnotation) : false;
}

function declarePattern(owner: Node | undefined, pattern: Node, init: Node | null | undefined, container?: Node): void {
  switch (pattern.type) {
    case 'Identifier':
      declare(owner, pattern.name, { pieces: init ? [init] : [], safeType: safeType(pattern.typeAnnotation), container });
      return;
    case 'AssignmentPattern':
      declarePattern(owner, pattern.left, undefined, container);
      return;
    case 'RestElement':
      declarePattern(owner, pattern.argument, undefined);
      return;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) declarePattern(owner, element, undefined, init ?? container);
      return;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        declarePattern(owner, property.type === 'Property' ? property.value : property, undefined, property.type === 'Property' ? (init ?? container) : undefined);
      }
      return;
    case 'TSParameterProperty':
      declarePattern(owner, pattern.parameter, undefined);
      return;
    default:
      return;
  }
}

function trackFunction(node: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): void {
  for (const param of node.params) declarePattern(node, param, undefined);
}

function trackDeclarator(node: TSESTree.VariableDeclarator): void {
  const loop = node.parent?.parent;
  const iterated = (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === node.parent ? loop.right : undefined;
  declarePattern(scopeOwner(node), node.id, node.init, iterated);
}

/** Member paths checked in an `if` (`if (!ALLOWED.includes(req.query.sort)) return`), per function. */
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

/** `ids.map(Number).join(',')`, `req.body.ids.map((id) => parseInt(id, 10))`: a list of numbers. */
function numericList(node: Node, site: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 4) return false;
  if (inner.type === 'Identifier') {
    const declared = lookup(inner.name, site);
    return declared?.pieces.length === 1 && numericList(declared.pieces[0], site, depth + 1);
  }
  if (inner.type !== 'CallExpression') return false;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === 'join' || method === 'filter' || method === 'slice' || method === 'sort') return numericList(callee.object, site, depth + 1);
  if (method !== 'map' || !inner.arguments[0]) return false;
  const mapper = unwrap(inner.arguments[0]);
  const numeric = (expr: Node): boolean => {
    const e = unwrap(expr);
    if (e.type === 'Identifier') return /^(?:Number|parseInt|parseFloat)$/.test(e.name);
    if (e.type === 'CallExpression') return numeric(e.callee);
    if (e.type === 'MemberExpression') return /^Number\.(?:parseInt|parseFloat)$/.test(memberPath(e) ?? '');
    return e.type === 'UnaryExpression' && e.operator === '+';
  };
  if (mapper.type === 'ArrowFunctionExpression' && mapper.body.type !== 'BlockStatement') return numeric(mapper.body);
  return numeric(mapper) && mapper.type !== 'CallExpression';
}

function trackAssignment(node: TSESTree.AssignmentExpression): void {
  if (node.left.type !== 'Identifier') return;
  let declared = lookup(node.left.name, node);
  if (!declared) {
    declared = { pieces: [], safeType: false };
    declare(scopeOwner(node), node.left.name, declared);
  }
  if (node.operator === '=') declared.pieces = [node.right];
  else if (node.operator === '+=') declared.pieces.push(node.right);
  else declared.pieces = [];
}

// ---- the sink ----

interface Sink {
  sql: Node;
  /** The method name alone says raw SQL, so the text need not look like SQL. */
  raw: boolean;
  /** A statement that is user input as a whole is flagged too (`pool.query(req.body.sql)`). */
  wholeInput?: boolean;
  /** Values are bound separately (a values array, replacements, extra arguments, bound statement). */
  parameterised: boolean;
  what: string;
}

function findSink(node: TSESTree.CallExpression, context: RuleContext): Sink | undefined {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  if (name !== undefined && NOT_SQL.test(name)) return undefined;
  let method: string | undefined;
  if (callee.type === 'MemberExpression') method = propertyName(callee);
  else if (callee.type === 'Identifier' && name !== undefined && name !== callee.name) method = name.slice(name.lastIndexOf('.') + 1);
  if (method === undefined || node.arguments.length === 0) return undefined;
  const what = `${(callee.type === 'MemberExpression' ? memberPath(callee) : callee.type === 'Identifier' ? callee.name : undefined) ?? `.${method}`}()`;
  const first = unwrap(node.arguments[0]);
  const extra = node.arguments.slice(1);

  if (method === 'literal' && name !== undefined && /(?:^|\.)sequelize\.literal$/i.test(name)) {
    return { sql: first, raw: true, parameterised: false, what };
  }
  if (RAW_METHODS.has(method)) {
    const prismaLike = method.startsWith('$');
    return { sql: first, raw: true, parameterised: prismaLike ? extra.length > 0 : extra.some(isParameters), what };
  }
  if (BUILDER_METHODS.has(method) && callee.type === 'MemberExpression' && fromQueryBuilder(callee.object, node)) {
    return { sql: first, raw: true, parameterised: !BUILDER_ORDER_METHODS.has(method) && extra.length > 0, what };
  }
  if (!QUERY_METHODS.has(method) || callee.type !== 'MemberExpression') return undefined;
  if (first.type === 'ObjectExpression') {
    // pg / mysql config form: query({ text, values }) or query({ sql, values }).
    const text = first.properties.find((p): p is TSESTree.Property => p.type === 'Property' && ['text', 'sql'].includes(propertyName(p) ?? ''));
    if (!text) return undefined;
    const values = first.properties.some((p) => p.type === 'Property' && propertyName(p) === 'values');
    return { sql: text.value, raw: false, parameterised: values || extra.some(isParameters), what };
  }
  const receiver = memberPath(callee.object) ?? '';
  const wholeInput = WHOLE_STATEMENT_METHODS.has(method) && DATABASE_RECEIVER.test(receiver);
  return { sql: first, raw: false, wholeInput, parameterised: extra.some(isParameters) || boundLater(node), what };
}

/** An argument that carries bound values rather than a callback or plain options. */
function isParameters(arg: Node): boolean {
  const inner = unwrap(arg);
  switch (inner.type) {
    case 'ArrayExpression':
      return inner.elements.length > 0;
    case 'ObjectExpression':
      return inner.properties.some((p) => p.type === 'Property' && PARAMETER_KEYS.has(propertyName(p) ?? ''));
    case 'Identifier':
      return !CALLBACK_NAME.test(inner.name);
    case 'MemberExpression':
    case 'SpreadElement':
      return true;
    default:
      return false;
  }
}

/** `db.prepare(sql).get(id)`: values are bound on the statement. */
function boundLater(node: TSESTree.CallExpression): boolean {
  const parent = node.parent;
  if (parent?.type !== 'MemberExpression' || parent.object !== node) return false;
  const method = propertyName(parent);
  const call = parent.parent;
  return method !== undefined && STATEMENT_BINDERS.has(method) && call?.type === 'CallExpression' && call.callee === parent && call.arguments.length > 0;
}

/** The receiver is a TypeORM query builder: `repo.createQueryBuilder('u')...` or a variable holding one. */
function fromQueryBuilder(receiver: Node, site: Node): boolean {
  let current: Node | undefined = unwrap(receiver);
  for (let depth = 0; current && depth < 30; depth++) {
    if (current.type === 'CallExpression') {
      const callee = unwrap(current.callee);
      if (callee.type === 'MemberExpression' && propertyName(callee) === 'createQueryBuilder') return true;
      current = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    } else if (current.type === 'MemberExpression') {
      current = unwrap(current.object);
    } else if (current.type === 'AwaitExpression') {
      current = unwrap(current.argument);
    } else if (current.type === 'Identifier') {
      const init = lookup(current.name, site)?.pieces[0];
      return init !== undefined && init !== receiver && depth < 5 && fromQueryBuilder(init, site);
    } else {
      return false;
    }
  }
  return false;
}

// ---- the SQL text ----

interface Part {
  expr: Node;
  /** The constant text before this expression, from the start of the SQL. */
  before: string;
}

interface Built {
  /** The constant text, with \u0001 where an expression goes. */
  text: string;
  parts: Part[];
  /** Assembled by `+` or a template literal with substitutions (not just a single value). */
  built: boolean;
}

/** Flattens `a + b` and template literals into constant text and the expressions spliced into it. */
function flatten(node: Node, context: RuleContext, into: Built = { text: '', parts: [], built: false }): Built {
  const inner = unwrap(node);
  if (inner.type === 'TemplateLiteral') {
    into.built ||= inner.expressions.length > 0;
    inner.quasis.forEach((quasi, index) => {
      into.text += quasi.value.cooked ?? quasi.value.raw;
      if (index < inner.expressions.length) flatten(inner.expressions[index], context, into);
    });
    return into;
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    into.built = true;
    flatten(inner.left as Node, context, into);
    flatten(inner.right, context, into);
    return into;
  }
  const value = context.evaluate(inner);
  if (value.kind === 'constant' && value.text !== undefined) {
    into.text += value.text;
  } else {
    into.parts.push({ expr: inner, before: into.text });
    into.text += '\u0001';
  }
  return into;
}

/** The SQL passed to the sink: built in place, or in the variable passed (`sql = ...; sql += ...`). */
function sqlText(argument: Node, site: Node, context: RuleContext, related: RelatedNode[]): Built | undefined {
  const direct = flatten(argument, context);
  if (direct.built) return direct;
  if (argument.type !== 'Identifier') return undefined;
  const pieces = lookup(argument.name, site)?.pieces ?? [];
  if (pieces.length === 0) return undefined;
  const joined: Built = { text: '', parts: [], built: pieces.length > 1 };
  for (const piece of pieces) flatten(piece, context, joined);
  joined.built ||= flatten(pieces[0], context).built;
  if (!joined.built || joined.parts.length === 0) return undefined;
  related.push({ node: pieces[0], message: 'The SQL text is assembled here.' });
  return joined;
}

function looksLikeSql(text: string): boolean {
  const spaced = text.replace(/\u0001/g, ' x ');
  return UPPER_SQL.test(spaced) || LOWER_SQL.test(spaced);
}

function insideQuotes(before: string): boolean {
  return ((before.match(/'/g) ?? []).length & 1) === 1;
}

const SCREAMING = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** Names for SQL identifiers (`${table}`, `${this.tableName}`): chosen by the program, not a client. */
const IDENTIFIER_NAME = /^(?:table|tableName|schema|schemaName|[a-z]\w*Table)$/;

/** A part whose value cannot carry SQL, or comes from the program rather than a user. */
function safePart(node: Node, context: RuleContext, site: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 3) return false;
  switch (inner.type) {
    case 'Identifier': {
      if (inner.name.length > 1 && SCREAMING.test(inner.name)) return true;
      if (IDENTIFIER_NAME.test(inner.name)) return true;
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
      if (path.startsWith('process.env.') || SERVER_SIDE.test(path)) return true;
      if (property === 'length' || property === 'size') return true;
      const object = context.evaluate(inner.object);
      if (object.kind === 'tainted' || object.kind === 'source') return false;
      // ALLOWED_COLUMNS[req.query.sort]: a lookup in a table the program controls.
      if (inner.computed && unwrap(inner.property).type !== 'Literal') return true;
      if (property !== undefined && (SCREAMING.test(property) || IDENTIFIER_NAME.test(property))) return true;
      const root = unwrap(rootOf(inner));
      if (root.type === 'Identifier') {
        const qualified = context.qualifiedName(root);
        if (qualified !== undefined && qualified !== root.name) return true;
        // SortOrder.Desc, User.tableName: a static member of an enum or class.
        if (/^[A-Z][a-z]\w*$/.test(root.name) && !lookup(root.name, site)?.pieces.length) return true;
      }
      return false;
    }
    case 'ConditionalExpression':
      if (isAllowlistTest(inner.test)) return true;
      return safePart(inner.consequent, context, site, depth + 1) && safePart(inner.alternate, context, site, depth + 1);
    case 'LogicalExpression':
      return safePart(inner.left, context, site, depth + 1) && safePart(inner.right, context, site, depth + 1);
    case 'CallExpression':
      return placeholderList(inner) || numericList(inner, site) || safeCall(inner, context);
    case 'TemplateLiteral':
      return inner.expressions.every((expr) => safePart(expr, context, site, depth + 1));
    default:
      return context.evaluate(inner).kind === 'constant';
  }
}

function rootOf(node: TSESTree.MemberExpression): Node {
  let current: Node = node;
  while (current.type === 'MemberExpression') current = unwrap(current.object);
  return current;
}

/** `ALLOWED.includes(x) ? x : 'id'`, `dir === 'desc' ? ... : ...`: the value was checked against a fixed set. */
function isAllowlistTest(test: Node): boolean {
  const inner = unwrap(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') return isAllowlistTest(inner.argument);
  if (inner.type === 'BinaryExpression') return ['===', '==', '!==', '!='].includes(inner.operator);
  if (inner.type === 'CallExpression') {
    const callee = unwrap(inner.callee);
    const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
    return method === 'includes' || method === 'has' || method === 'test' || method === 'hasOwnProperty';
  }
  return false;
}

/** `ids.map(() => '?').join(', ')`, `ids.map((_, i) => `$${i + 1}`).join()`, `Array(n).fill('?').join()`, `'?, '.repeat(n)`. */
function placeholderList(node: TSESTree.CallExpression): boolean {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  const object = unwrap(callee.object);
  if (method === 'repeat') return object.type === 'Literal' && typeof object.value === 'string' && /^[\s?,$]*$/.test(object.value);
  if (method !== 'join' || object.type !== 'CallExpression') return false;
  const inner = unwrap(object.callee);
  if (inner.type !== 'MemberExpression') return false;
  const producer = propertyName(inner);
  const arg = object.arguments[0] ? unwrap(object.arguments[0]) : undefined;
  if (producer === 'fill') return arg?.type === 'Literal' && typeof arg.value === 'string' && /^[\s?,]*$/.test(arg.value);
  if (producer !== 'map' || !arg || (arg.type !== 'ArrowFunctionExpression' && arg.type !== 'FunctionExpression')) return false;
  const element = arg.params[0]?.type === 'Identifier' ? arg.params[0].name : undefined;
  let body: Node = arg.body;
  if (body.type === 'BlockStatement') {
    const last = body.body[body.body.length - 1];
    if (body.body.length !== 1 || last?.type !== 'ReturnStatement' || !last.argument) return false;
    body = last.argument;
  }
  body = unwrap(body);
  if (body.type === 'Literal') return typeof body.value === 'string' && /^[\s?,]*$/.test(body.value);
  if (body.type !== 'TemplateLiteral') return false;
  // `$${i + 1}` or `@p${i}`: only the index may vary, never the element itself.
  const quasiText = body.quasis.map((quasi) => quasi.value.cooked ?? '').join('');
  return /^[\s?,$@:p]*$/.test(quasiText) && body.expressions.every((expr) => !mentions(expr, element));
}

/** Whether a small index expression (`i`, `i + 1`, `offset + i`) reads the given name. */
function mentions(node: Node, name: string | undefined): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name === name;
  if (inner.type === 'Literal') return false;
  if (inner.type === 'BinaryExpression') return mentions(inner.left as Node, name) || mentions(inner.right, name);
  if (inner.type === 'MemberExpression') return inner.property.type === 'Identifier' && !inner.computed ? mentions(inner.object, name) : true;
  return true;
}

function safeCall(node: TSESTree.CallExpression, context: RuleContext): boolean {
  const name = context.qualifiedName(node.callee);
  if (name !== undefined && SQL_FORMATTERS.test(name)) return true;
  const callee = unwrap(node.callee);
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return method === 'toFixed' || method === 'toISOString' || method === 'getTime';
}

// ---- the check ----

interface Verdict {
  confidence: 'high' | 'medium';
  origin: 'input' | 'argv' | 'unknown';
  related: RelatedNode[];
}

function judge(built: Built, sink: Sink, site: Node, context: RuleContext): Verdict | undefined {
  if (!sink.raw && !looksLikeSql(built.text)) return undefined;
  const withoutStrings = built.text.replace(/'[^']*'/g, "''").replace(/\u0001/g, ' ');
  const parameterised = sink.parameterised || PLACEHOLDER.test(withoutStrings);
  let unknownPart = false;
  let argv: Node | undefined;
  for (const { expr, before } of built.parts) {
    const quoted = insideQuotes(before);
    // `$${index}` and `:${name}` outside quotes build a placeholder, not a value.
    if (!quoted && /[$:@]$/.test(before)) continue;
    const value = context.evaluate(expr);
    if (value.kind === 'constant') continue;
    if (value.kind === 'unknown') {
      if (safePart(expr, context, site) || (parameterised && !quoted)) continue;
      unknownPart = true;
      continue;
    }
    if (isAllowlisted(expr, site)) continue;
    if (value.kind === 'source') return { confidence: 'high', origin: 'input', related: [{ node: value.node, message: `User input enters here: ${value.source.label}.` }] };
    if (value.label !== 'process.argv') {
      return { confidence: 'high', origin: 'input', related: [{ node: value.source, message: `User input enters here: ${value.label}.` }] };
    }
    argv ??= value.source;
  }
  if (argv) return { confidence: 'medium', origin: 'argv', related: [{ node: argv, message: 'Command-line input enters here: process.argv.' }] };
  return unknownPart ? { confidence: 'medium', origin: 'unknown', related: [] } : undefined;
}

/**
 * A tainted value only counts as checked when the check is in the expression itself or in how the variable was
 * declared (`ALLOWED.includes(x) ? x : 'id'`, `COLUMNS[x]`); names in capitals or imports are not enough then.
 */
function isAllowlisted(node: Node, site: Node, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 3) return false;
  if (isValidatedPath(inner, site)) return true;
  if (inner.type === 'ConditionalExpression') return isAllowlistTest(inner.test);
  if (inner.type === 'MemberExpression') return inner.computed && unwrap(inner.property).type !== 'Literal';
  if (inner.type === 'CallExpression') return placeholderList(inner) || numericList(inner, site);
  if (inner.type === 'Identifier') {
    const declared = lookup(inner.name, site);
    if (declared?.safeType) return true;
    return declared?.pieces.length === 1 && isAllowlisted(declared.pieces[0], site, depth + 1);
  }
  if (inner.type === 'LogicalExpression') return isAllowlisted(inner.left, site, depth + 1);
  return false;
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const sink = findSink(node, context);
  if (!sink) return;
  const argument = unwrap(sink.sql);
  const value = context.evaluate(argument);
  if (value.kind === 'constant') return;
  const related: RelatedNode[] = [];
  let built = sqlText(argument, node, context, related);
  let judged = sink;
  const input = value.kind === 'tainted' || value.kind === 'source';
  if (input && (sink.raw || sink.wholeInput) && (!built || /^[\s;\u0001]*$/.test(built.text))) {
    // knex.raw(req.query.filter), pool.query(req.body.sql): the whole statement or fragment is user input.
    built = { text: '\u0001', parts: [{ expr: argument, before: '' }], built: true };
    judged = { ...sink, raw: true };
  }
  if (!built) return;
  const verdict = judge(built, judged, node, context);
  if (!verdict) return;
  const origin = { input: 'user input', argv: 'command-line arguments', unknown: 'values that are not constants' }[verdict.origin];
  const risk =
    verdict.origin === 'input'
      ? 'an attacker can rewrite the query to read, change or delete any data.'
      : 'if any of them can come from a user, the query can be rewritten; pass them as bound parameters.';
  context.report({
    node: sink.sql,
    message: `SQL built from ${origin} is passed to ${sink.what}; ${risk}`,
    confidence: verdict.confidence,
    related: [...verdict.related, ...related],
  });
}

export const sqlInjection: Rule = {
  meta: {
    id: 'sql-injection',
    title: 'SQL built from strings',
    description: 'SQL text assembled by concatenation or template literals with non-constant parts and run by a query API can be rewritten by whoever controls those parts.',
    severity: 'error',
    cwe: [89],
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
