// sql-injection: SQL text built by concatenation or interpolation with non-constant parts, passed to a query API.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { concatenation, memberPath, propertyName, unwrap } from '../ast';
import { isCheckedInput, isProgramValue, ProgramValues } from '../program-values';
import { resolveObject } from '../static-value';

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
const LOWER_SQL = /^\s*(?:\(\s*)?(?:select\s[\s\S]*\bfrom\b|insert\s+into\b|update\s+\S+\s+set\b|delete\s+from\b|(?:create|drop|alter)\s+table\b|with\s+\w+\s+as\s*\()/i;
/** `?`, `$1`, `:name`, `@name`: the author binds values separately. */
const PLACEHOLDER = /\?|\$\d|(?<![:\w]):[A-Za-z_]\w*|(?<![\w@])@[A-Za-z_]\w*/;

/** `ids.map(Number).join(',')`, `req.body.ids.map((id) => parseInt(id, 10))`: a list of numbers. */
function numericList(node: Node, context: RuleContext, depth = 0): boolean {
  const inner = unwrap(node);
  if (depth > 4) return false;
  if (inner.type === 'Identifier') {
    const declared = context.declaration(inner.name);
    return declared?.pieces.length === 1 && numericList(declared.pieces[0], context, depth + 1);
  }
  if (inner.type !== 'CallExpression') return false;
  const callee = unwrap(inner.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === 'join' || method === 'filter' || method === 'slice' || method === 'sort') return numericList(callee.object, context, depth + 1);
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
  if (BUILDER_METHODS.has(method) && callee.type === 'MemberExpression' && fromQueryBuilder(callee.object, context)) {
    return { sql: first, raw: true, parameterised: !BUILDER_ORDER_METHODS.has(method) && extra.length > 0, what };
  }
  if (!QUERY_METHODS.has(method) || callee.type !== 'MemberExpression') return undefined;
  // pg / mysql config form: query({ text, values }) or query({ sql, values }), in place or through a const.
  const config = first.type === 'ObjectExpression' ? first : first.type === 'Identifier' ? resolveObject(first, context) : undefined;
  if (config) {
    const text = config.properties.find((p): p is TSESTree.Property => p.type === 'Property' && ['text', 'sql'].includes(propertyName(p) ?? ''));
    if (!text) return undefined;
    const values = config.properties.some((p) => p.type === 'Property' && propertyName(p) === 'values');
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
function fromQueryBuilder(receiver: Node, context: RuleContext): boolean {
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
      const init = context.declaration(current.name)?.pieces[0];
      return init !== undefined && init !== receiver && depth < 5 && fromQueryBuilder(init, context);
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
  const { operands, built } = concatenation(node);
  into.built ||= built;
  for (const operand of operands) {
    if (typeof operand === 'string') {
      into.text += operand;
      continue;
    }
    const value = context.evaluate(operand);
    if (value.kind === 'constant' && value.text !== undefined) {
      into.text += value.text;
    } else {
      into.parts.push({ expr: operand, before: into.text });
      into.text += '\u0001';
    }
  }
  return into;
}

/** The SQL passed to the sink: built in place, or in the variable passed (`sql = ...; sql += ...`). */
function sqlText(argument: Node, context: RuleContext, related: RelatedNode[]): Built | undefined {
  const direct = flatten(argument, context);
  if (direct.built) return direct;
  if (argument.type !== 'Identifier') return undefined;
  const pieces = context.declaration(argument.name)?.pieces ?? [];
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

/** Names for SQL identifiers (`${table}`, `${this.tableName}`): chosen by the program, not a client. */
const IDENTIFIER_NAME = /^(?:table|tableName|schema|schemaName|[a-z]\w*Table)$/;

/** Parts that cannot carry SQL beyond constants and configuration: table names, placeholders, numbers, escaping. */
const SQL_VALUES: ProgramValues = {
  constantName: IDENTIFIER_NAME,
  call: (call, context) => placeholderList(call) || numericList(call, context) || safeCall(call, context),
};

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

function judge(built: Built, sink: Sink, context: RuleContext): Verdict | undefined {
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
      if (isProgramValue(expr, context, SQL_VALUES) || (parameterised && !quoted)) continue;
      unknownPart = true;
      continue;
    }
    if (isAllowlisted(expr, context)) continue;
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
function isAllowlisted(node: Node, context: RuleContext, depth = 0): boolean {
  return isCheckedInput(node, context, (inner, at) => {
    if (inner.type === 'CallExpression') return placeholderList(inner) || numericList(inner, context);
    return inner.type === 'LogicalExpression' && isAllowlisted(inner.left, context, at + 1);
  }, depth);
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const sink = findSink(node, context);
  if (!sink) return;
  const argument = unwrap(sink.sql);
  const value = context.evaluate(argument);
  if (value.kind === 'constant') return;
  const related: RelatedNode[] = [];
  let built = sqlText(argument, context, related);
  let judged = sink;
  const input = value.kind === 'tainted' || value.kind === 'source';
  if (input && (sink.raw || sink.wholeInput) && (!built || /^[\s;\u0001]*$/.test(built.text))) {
    // knex.raw(req.query.filter), pool.query(req.body.sql): the whole statement or fragment is user input.
    built = { text: '\u0001', parts: [{ expr: argument, before: '' }], built: true };
    judged = { ...sink, raw: true };
  }
  if (!built) return;
  const verdict = judge(built, judged, context);
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
    category: 'injection',
    title: 'SQL built from strings',
    description: 'SQL text assembled by concatenation or template literals with non-constant parts and run by a query API can be rewritten by whoever controls those parts.',
    severity: 'error',
    cwe: [89],
    fixable: false,
  },
  visitors: {
    CallExpression: check,
  },
};
