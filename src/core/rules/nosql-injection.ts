// nosql-injection: MongoDB $where code built from input, and request objects used as query filters (operator injection).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { propertyName, unwrap } from '../ast';
import { asParsed, enclosingFunction, inputLabel, isStructuredInput, receiverName, requestLocals, withLocals } from '../request-values';
import type { Value } from '../bindings';

const locals = requestLocals;

/** Methods whose first argument is a MongoDB / Mongoose query filter. findById casts its argument, so it is not here. */
const FILTER_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne',
  'updateMany', 'deleteOne', 'deleteMany', 'countDocuments', 'count', 'exists', 'replaceOne', 'remove',
]);
/** Logical operators whose array elements are filters themselves. */
const LOGICAL = new Set(['$or', '$and', '$nor']);
/** The file protects filters: express-mongo-sanitize, mongo-sanitize, Mongoose's sanitizeFilter. */
const SANITIZED = /mongo-sanitize|mongoSanitize|sanitizeFilter|express-validator|celebrate/;
/** SQL ORMs whose find/findOne take their own filter syntax, where a JSON object cannot add an operator. */
const SQL_ORM = /(?:from\s+|require\(\s*)['"](?:typeorm|sequelize|sequelize-typescript|@prisma\/client|knex|objection|drizzle-orm[^'"]*|@mikro-orm\/[^'"]+)['"]/;
const MONGO = /['"](?:mongoose|mongodb)['"]/;
const SQL_RECEIVER = /(?:repo|repository|Repository|Repo)$/;
/** Receivers whose find/findOne are not database queries. */
const NOT_DATABASE = new Set(['_', 'lodash', 'Array', 'R', 'cy', 'wrapper', '$', 'jQuery', 'document', 'screen', 'container']);

const skipCache = new WeakMap<RuleContext, boolean>();

function skipOperators(context: RuleContext): boolean {
  let skip = skipCache.get(context);
  if (skip === undefined) {
    skip = context.mentions(SANITIZED) || (context.mentions(SQL_ORM) && !context.mentions(MONGO));
    skipCache.set(context, skip);
  }
  return skip;
}

/** `typeof x === 'string'` (or `!==`) anywhere in the function: the value was checked to be text. */
const typeChecked = new WeakMap<Node, Set<string>>();

function onBinary(node: TSESTree.BinaryExpression, context: RuleContext): void {
  if (!['===', '!==', '==', '!='].includes(node.operator)) return;
  for (const [side, other] of [[node.left, node.right], [node.right, node.left]] as const) {
    const inner = unwrap(side as Node);
    const literal = unwrap(other as Node);
    if (inner.type !== 'UnaryExpression' || inner.operator !== 'typeof') continue;
    if (literal.type !== 'Literal' || typeof literal.value !== 'string') continue;
    const scope = enclosingFunction(node);
    if (!scope) continue;
    const checked = typeChecked.get(scope) ?? new Set<string>();
    checked.add(context.source(unwrap(inner.argument)));
    typeChecked.set(scope, checked);
  }
}

/** `at` is the visited node around `node` (whose own parent may not be set yet). */
function isTypeChecked(node: Node, at: Node, context: RuleContext): boolean {
  const text = context.source(unwrap(node));
  for (let current: Node | undefined = at; current; current = current.parent) {
    if (typeChecked.get(current)?.has(text)) return true;
  }
  return false;
}

/** High for an Express-style JSON body or extended query string; medium for Koa's query (flat by default) and NestJS. */
function confidenceOf(value: Value, context: RuleContext): Confidence | undefined {
  if (!isStructuredInput(value)) return undefined;
  const label = inputLabel(value);
  if (/\((?:ctx|context)\.query\)$|@(?:Body|Query)\(\)/.test(label)) return 'medium';
  // Next.js API routes parse the query string flat: values are strings or arrays of strings.
  if (/\b(?:req|request)\.query\)$/.test(label) && /(?:^|[\\/])pages[\\/]api[\\/]/.test(context.filePath)) return undefined;
  return 'high';
}

function stringFix(node: Node, property: TSESTree.Property | undefined): Fix[] {
  const inner = unwrap(node);
  if (inner.type !== 'Identifier' && inner.type !== 'MemberExpression') return [];
  const title = 'Coerce the value with String() (review: numbers, booleans and arrays sent for this field will no longer match)';
  if (property?.shorthand && inner.type === 'Identifier') {
    return [{ title, safety: 'review', edits: [{ range: [property.range[0], property.range[1]], text: `${inner.name}: String(${inner.name})` }] }];
  }
  return [{
    title,
    safety: 'review',
    edits: [{ range: [node.range[0], node.range[0]], text: 'String(' }, { range: [node.range[1], node.range[1]], text: ')' }],
  }];
}

function reportValue(node: Node, field: string | undefined, at: Node, context: RuleContext, property?: TSESTree.Property): void {
  if (isTypeChecked(node, at, context)) return;
  const value = asParsed(node, context, locals, at);
  if (!value) return;
  const confidence = confidenceOf(value, context);
  const evidence = sinkEvidence(value, undefined);
  if (!confidence || !evidence) return;
  context.report({
    node,
    message: field === undefined
      ? `The whole query filter is ${inputLabel(value)}, so a client chooses its fields and operators (such as {"$ne": null} or $where) and can match any document.`
      : `The query filter field '${field}' takes ${inputLabel(value)} as parsed, so a JSON object such as {"$ne": null} becomes a MongoDB operator that matches any document (for example bypassing a password check).`,
    confidence,
    related: evidence.related,
    fixes: field === undefined ? [] : stringFix(node, property),
  });
}

function reportSpread(node: TSESTree.SpreadElement, at: Node, context: RuleContext): void {
  const value = asParsed(node.argument, context, locals, at);
  if (!value) return;
  const confidence = confidenceOf(value, context);
  const evidence = sinkEvidence(value, undefined);
  if (!confidence || !evidence) return;
  context.report({
    node,
    message: `The query filter spreads ${inputLabel(value)} into itself, so a client chooses field names and MongoDB operators such as {"$ne": null} or {"$gt": ""} that match any document.`,
    confidence,
    related: evidence.related,
  });
}

/** Checks the fields of a filter object: top-level values, spreads, and the filters inside $or/$and/$nor. */
function checkFilterObject(filter: TSESTree.ObjectExpression, at: Node, context: RuleContext, depth = 0): void {
  for (const property of filter.properties) {
    if (property.type === 'SpreadElement') {
      reportSpread(property, at, context);
      continue;
    }
    const key = propertyName(property);
    if (key === '$where') continue;
    const value = unwrap(property.value);
    if (key !== undefined && LOGICAL.has(key) && value.type === 'ArrayExpression') {
      if (depth > 3) continue;
      for (const element of value.elements) {
        const inner = element && unwrap(element);
        if (inner?.type === 'ObjectExpression') checkFilterObject(inner, at, context, depth + 1);
      }
      continue;
    }
    // Operator objects (`{ $eq: x }`, `{ $in: [...] }`) and embedded documents compare their contents literally.
    if (key === undefined || key.startsWith('$') || value.type === 'ObjectExpression') continue;
    reportValue(property.value as Node, key, at, context, property);
  }
}

function checkFilter(filter: Node, at: Node, context: RuleContext): void {
  const inner = unwrap(filter);
  if (inner.type === 'ObjectExpression') {
    checkFilterObject(inner, at, context);
    return;
  }
  if (inner.type === 'Identifier') {
    const local = locals.lookup(inner.name, at);
    const init = local && !local.param && local.pieces.length === 1 && local.init ? unwrap(local.init) : undefined;
    if (init?.type === 'ObjectExpression') {
      checkFilterObject(init, at, context);
      // `filter.status = req.query.status` before the query.
      for (const write of local?.writes ?? []) {
        const left = unwrap(write.left);
        if (write.operator !== '=' || left.type !== 'MemberExpression') continue;
        const key = propertyName(left);
        if (key === undefined || key.startsWith('$') || unwrap(write.right).type === 'ObjectExpression') continue;
        reportValue(write.right, key, at, context);
      }
      return;
    }
  }
  reportValue(filter, undefined, at, context);
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === '$where') {
    checkWhere(node.arguments[0], node, context);
    return;
  }
  if (method === undefined || !FILTER_METHODS.has(method) || node.arguments.length === 0) return;
  const receiver = receiverName(callee);
  if (receiver !== undefined && (NOT_DATABASE.has(receiver) || SQL_RECEIVER.test(receiver))) return;
  const name = context.qualifiedName(callee);
  if (name !== undefined && /^(?:lodash|underscore|ramda)\./.test(name)) return;
  if (skipOperators(context)) return;
  const filter = node.arguments[0];
  const inner = unwrap(filter);
  // Array#find and friends take a callback.
  if (inner.type === 'ArrowFunctionExpression' || inner.type === 'FunctionExpression') return;
  checkFilter(filter, node, context);
}

/** `$where` runs JavaScript on the database server for every document. */
function checkWhere(code: Node | undefined, at: Node, context: RuleContext): void {
  if (!code) return;
  const evidence = sinkEvidence(context.evaluate(code), 'medium');
  if (!evidence) return;
  const origin = evidence.confidence === 'high' ? 'user input' : 'a string built at run time';
  context.report({
    node: at,
    message: `$where runs ${origin} as JavaScript inside MongoDB; an attacker who controls it can read every document or exhaust the server.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  const key = propertyName(node);
  if (key === '$where') {
    if (node.parent?.type !== 'ObjectExpression') return;
    checkWhere(node.value as Node, node, context);
    return;
  }
  // aggregate([{ $match: { owner: req.body.owner } }])
  if (key === '$match' && node.parent?.type === 'ObjectExpression' && !skipOperators(context)) {
    const value = unwrap(node.value as Node);
    if (value.type === 'ObjectExpression') checkFilterObject(value, node, context);
    else reportValue(node.value as Node, undefined, node, context);
  }
}

export const nosqlInjection: Rule = {
  meta: {
    id: 'nosql-injection',
    category: 'injection',
    title: 'NoSQL injection',
    description: 'MongoDB $where code built from input, and request values used as query filters without coercion, let clients inject operators or code.',
    severity: 'error',
    cwe: [943],
    fixable: true,
  },
  visitors: withLocals({
    CallExpression: checkCall,
    Property: checkProperty,
    BinaryExpression: onBinary,
  }),
};
