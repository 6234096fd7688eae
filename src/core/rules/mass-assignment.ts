// mass-assignment: the whole request body handed to an ORM create/update/save, so clients choose every field.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { sinkEvidence } from '../rule';
import type { Node } from '../types';
import { findProperty, isFunction, propertyName, unwrap } from '../ast';
import { BodyUse, enclosingFunction, isEmptyObject, labelDetail, methodName, wholeBody, requestLocals, withLocals } from '../request-values';

const ORM_MENTION = /mongoose|sequelize|typeorm|mongodb|@mikro-orm|objection/;

const locals = requestLocals;

/** Methods whose first argument is the new record's data (on a model, repository, collection or table). */
const CREATE = new Set(['create', 'insertMany', 'bulkCreate', 'build', 'insert', 'insertOne', 'upsert', 'save', 'insertAndFetch', 'insertGraph', 'patch']);
/** Mongoose / driver / TypeORM / Objection methods whose second argument is the update. */
const UPDATE_SECOND = new Set([
  'findByIdAndUpdate', 'findOneAndUpdate', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndReplace', 'findByIdAndReplace',
  'patchAndFetchById', 'updateAndFetchById',
]);
/** Prisma: the record data sits in these properties of the single options argument. */
const PRISMA_METHODS = new Set(['create', 'update', 'upsert', 'createMany', 'updateMany', 'createManyAndReturn']);
const PRISMA_DATA = ['data', 'create', 'update'];
/** Methods of a loaded document or entity that write fields from an object. */
const INSTANCE_WRITES = new Set(['update', 'set', 'updateAttributes', 'assign', 'setAttributes']);
/** Globals and framework classes whose create/constructor is not a database model. */
const NOT_MODELS = new Set([
  'Object', 'Reflect', 'Array', 'Promise', 'JSON', 'Math', 'Date', 'Buffer', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Intl',
  'Proxy', 'Number', 'String', 'Boolean', 'RegExp', 'URL', 'URLSearchParams', 'Response', 'Request', 'Headers', 'FormData', 'Blob',
  'File', 'React', 'ReactDOM', 'Vue', 'NextResponse', 'Handlebars', 'Axios', 'Joi', 'Yup', 'Ajv', 'Event', 'CustomEvent', 'Worker',
  'AbortController', 'TextEncoder', 'TextDecoder', 'ReadableStream', 'Uint8Array', 'DataView', 'Function', 'Error',
]);
/** Names that are never models: errors, DTOs, validators, builders, responses. */
const NOT_MODEL_NAME = /(?:Error|Exception|Dto|DTO|Validator|Schema|Builder|Response|Request|Event|Service|Controller|Client|Parser)$/;
const MODEL_NAME = /(?:Model|Repository|Repo|Collection|Entity|Table)$|^(?:repo|repository|collection|model)$/;
const MODEL_FACTORIES = /^(?:getRepository|getCustomRepository|getMongoRepository|getTreeRepository|collection|model|query|table|from|into|withGraphFetched)$/;
const ORM_MODULE = /^(?:mongoose|mongodb|sequelize|sequelize-typescript|typeorm|@prisma\/client|knex|objection|@mikro-orm\/\S+|drizzle-orm\S*)(?:\.|$)/;
/** A validation step that checks or strips the body: schema.validate(req.body), schema.parse(req.body), validate(req.body). */
const VALIDATION_CALL = /^(?:validate\w*|parse|parseAsync|safeParse|safeParseAsync|assert\w*|check\w*|isValid\w*|sanitize\w*|strip\w*)$/;
/** Route middleware that validates the body before the handler runs. */
const VALIDATION_MIDDLEWARE = /valid|sanitiz|celebrate|schema|joi|zod|yup|checkBody/i;

function isUpper(name: string): boolean {
  return /^[A-Z]/.test(name);
}

/** A model class name: capitalised, not a global or framework class, not imported from a package other than an ORM. */
function isModelClass(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  const name = inner.type === 'Identifier' ? inner.name : inner.type === 'MemberExpression' ? propertyName(inner) : undefined;
  if (name === undefined || !isUpper(name) || NOT_MODELS.has(name) || NOT_MODEL_NAME.test(name) || /^[A-Z0-9_]+$/.test(name)) return false;
  const qualified = context.qualifiedName(inner);
  if (qualified === undefined || qualified === name || qualified.startsWith('.') || qualified.startsWith('@/') || qualified.startsWith('~/')) return true;
  if (inner.type === 'MemberExpression') return !/^[a-z@][\w@/-]*\./.test(qualified) || ORM_MODULE.test(qualified);
  return ORM_MODULE.test(qualified);
}

/** The object a create/update method is called on is a model, repository, collection or table. */
function isModelReceiver(object: Node, context: RuleContext): boolean {
  const inner = unwrap(object);
  if (inner.type === 'Identifier') return MODEL_NAME.test(inner.name) || isModelClass(inner, context);
  if (inner.type === 'MemberExpression') {
    const name = propertyName(inner);
    return name !== undefined && (MODEL_NAME.test(name) || isModelClass(inner, context));
  }
  if (inner.type === 'CallExpression') return tableCall(inner) !== undefined;
  return false;
}

/** Query-builder steps that keep the table: knex('users').where({ id }), supabase.from('t').eq('id', id). */
const FILTER_STEPS = new Set(['where', 'andWhere', 'orWhere', 'whereIn', 'whereNot', 'eq', 'match', 'filter', 'select', 'returning']);

/**
 * The call naming a table or collection at the root of a builder chain: `knex('users')`, `db('users')`,
 * `supabase.from('users')`, `db.collection('users')`, `getRepository(User)`, `User.query()`.
 */
function tableCall(call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  let current: TSESTree.CallExpression = call;
  for (let depth = 0; depth < 8; depth++) {
    const callee = unwrap(current.callee);
    if (callee.type === 'Identifier') return /^(?:knex|db|trx|database)$/.test(callee.name) || MODEL_FACTORIES.test(callee.name) ? current : undefined;
    const method = methodName(callee);
    if (method !== undefined && MODEL_FACTORIES.test(method)) return current;
    if (callee.type !== 'MemberExpression' || method === undefined || !FILTER_STEPS.has(method)) return undefined;
    const next = unwrap(callee.object);
    if (next.type !== 'CallExpression') return undefined;
    current = next;
  }
  return undefined;
}

/** A name holding a loaded document or a new entity: `await User.findByPk(id)`, `new Product()`, `repo.findOneBy(...)`. */
function isLoadedRecord(object: Node, context: RuleContext, at: Node): boolean {
  const inner = unwrap(object);
  if (inner.type !== 'Identifier') return false;
  const local = locals.lookup(inner.name, at);
  if (!local?.init) return false;
  let init = unwrap(local.init);
  if (init.type === 'AwaitExpression') init = unwrap(init.argument);
  if (init.type === 'NewExpression') return isModelClass(init.callee, context);
  if (init.type !== 'CallExpression') return false;
  const callee = unwrap(init.callee);
  const method = methodName(callee);
  return callee.type === 'MemberExpression' && method !== undefined && /^(?:find\w*|get|getOne|load)$/.test(method) && isModelReceiver(callee.object, context);
}

/** Functions in which the body went through a validation or sanitising call before this point. */
const validatedIn = new WeakSet<Node>();

function isValidated(at: Node): boolean {
  for (let current: Node | undefined = at.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    if (validatedIn.has(current)) return true;
    // app.post('/users', validate(userSchema), async (req, res) => { ... })
    const route = current.parent;
    if (route?.type === 'CallExpression' && route.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      for (const arg of route.arguments) {
        if (arg === current) break;
        const inner = unwrap(arg);
        const middleware = inner.type === 'ArrayExpression' ? inner.elements : [inner];
        if (middleware.some((element) => element && isValidator(element))) return true;
      }
    }
  }
  return false;
}

/** `validate(schema)`, `celebrate({...})`, `validateBody`, `body('email').isEmail()`. */
function isValidator(node: Node): boolean {
  const inner = unwrap(node);
  const name = inner.type === 'CallExpression' ? calleeText(inner.callee) : inner.type === 'Identifier' ? inner.name : undefined;
  return name !== undefined && (VALIDATION_MIDDLEWARE.test(name) || /^(?:body|check)\./.test(name));
}

function calleeText(callee: Node): string | undefined {
  const inner = unwrap(callee);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'MemberExpression') {
    // body('email').isEmail(): the root call names the validator.
    let root: Node = inner;
    while (root.type === 'MemberExpression' || root.type === 'CallExpression') {
      root = root.type === 'MemberExpression' ? unwrap(root.object) : unwrap(root.callee);
    }
    const method = propertyName(inner);
    return root.type === 'Identifier' && root.name !== 'this' ? `${root.name}${method === undefined ? '' : `.${method}`}` : method;
  }
  return undefined;
}

function display(callee: Node, context: RuleContext): string {
  const text = context.source(unwrap(callee)).replace(/\s+/g, '');
  return text.length <= 40 ? text : methodName(callee) ?? 'the call';
}

function report(argument: Node, use: BodyUse, sink: string, context: RuleContext): void {
  const evidence = sinkEvidence(use.value, undefined);
  if (!evidence) return;
  context.report({
    node: argument,
    message: use.partial
      ? `${sink} receives an object taken from the request body (${labelDetail(use.value)}) without picking its fields; a client can set fields it must not control, such as role, isAdmin or ownerId.`
      : `${sink} receives the whole request body (${labelDetail(use.value)}); a client can set any field of the record, including ones it must not control such as role, isAdmin or ownerId.`,
    confidence: use.partial ? 'medium' : 'high',
    related: evidence.related,
  });
}

function checkArgument(argument: Node | undefined, sink: string, at: Node, context: RuleContext): void {
  if (!argument || argument.type === 'SpreadElement') return;
  const use = wholeBody(argument, context, locals, at);
  if (!use || isValidated(at)) return;
  report(argument, use, sink, context);
}

/** Sequelize `create(body, { fields: [...] })` writes only the listed fields. */
function limitsFields(options: Node | undefined): boolean {
  return findProperty(options, 'fields') !== undefined;
}

interface PendingAssign {
  call: TSESTree.CallExpression;
  target: string;
  source: Node;
  use: BodyUse;
  scope: Node;
}

interface State {
  pending: PendingAssign[];
  /** Names saved per function: `user.save()`, `repo.save(user)`. */
  saved: WeakMap<Node, Set<string>>;
}
const states = new FileState<State>(() => ({ pending: [], saved: new WeakMap() }));

function state(context: RuleContext): State {
  return states.get(context);
}

function scopeOf(node: Node): Node {
  let current = node;
  while (current.parent && !isFunction(current.parent)) current = current.parent;
  return current.parent ?? current;
}

function noteSave(node: TSESTree.CallExpression, method: string | undefined, object: Node, context: RuleContext): void {
  if (method !== 'save' && method !== 'persist' && method !== 'persistAndFlush' && method !== 'flush') return;
  const scope = scopeOf(node);
  const { saved } = state(context);
  const names = saved.get(scope) ?? new Set<string>();
  const receiver = unwrap(object);
  if (receiver.type === 'Identifier' && node.arguments.length === 0) names.add(receiver.name);
  for (const arg of node.arguments) {
    const inner = unwrap(arg);
    if (inner.type === 'Identifier') names.add(inner.name);
  }
  saved.set(scope, names);
}

/** `Object.assign(user, req.body)`: mass assignment when `user` is a loaded record or saved afterwards. */
function checkAssign(node: TSESTree.CallExpression, name: string, context: RuleContext): void {
  const [target, ...sources] = node.arguments;
  if (!target || isEmptyObject(target)) return;
  const inner = unwrap(target);
  if (inner.type !== 'Identifier' && inner.type !== 'NewExpression' && inner.type !== 'MemberExpression') return;
  for (const source of sources) {
    if (source.type === 'SpreadElement') continue;
    const use = wholeBody(source, context, locals, node);
    if (!use || isValidated(node)) continue;
    const sink = `${name.replace(/^lodash\./, '_.')}()`;
    if ((inner.type === 'NewExpression' && isModelClass(inner.callee, context)) || isLoadedRecord(inner, context, node)) {
      report(source, use, sink, context);
    } else if (inner.type === 'Identifier') {
      state(context).pending.push({ call: node, target: inner.name, source, use, scope: scopeOf(node) });
    }
    return;
  }
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  if (name === 'Object.assign' || name === 'lodash.assign' || name === 'lodash.extend' || name === '_.assign' || name === '_.extend') {
    checkAssign(node, name, context);
    return;
  }
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === undefined) return;
  noteSave(node, method, callee.object, context);
  const [first, second] = node.arguments;
  const sink = `${display(callee, context)}()`;
  // prisma.user.create({ data: req.body })
  const prismaData = PRISMA_METHODS.has(method) ? PRISMA_DATA.map((key) => findProperty(first, key)).filter((property) => property !== undefined) : [];
  if (prismaData.length > 0) {
    for (const property of prismaData) checkArgument(property.value as Node, sink, node, context);
    return;
  }
  if (UPDATE_SECOND.has(method)) {
    checkArgument(second, sink, node, context);
    return;
  }
  const model = isModelReceiver(callee.object, context);
  if (CREATE.has(method) && model) {
    if (!limitsFields(second)) checkArgument(first, sink, node, context);
    return;
  }
  if (method === 'update' && model) {
    // Sequelize Model.update(values, { where }) and TypeORM repo.update(id, values); knex and Supabase
    // builders take the values alone: knex('users').where({ id }).update(values).
    const receiver = unwrap(callee.object);
    if (node.arguments.length === 1 && receiver.type === 'CallExpression') checkArgument(first, sink, node, context);
    else if (node.arguments.length >= 2 && !limitsFields(second)) {
      checkArgument(first, sink, node, context);
      checkArgument(second, sink, node, context);
    }
    return;
  }
  if (method === 'merge' && model) {
    for (const arg of node.arguments.slice(1)) checkArgument(arg, sink, node, context);
    return;
  }
  // drizzle: db.insert(users).values(req.body), db.update(users).set(req.body)
  const receiver = unwrap(callee.object);
  if ((method === 'values' || method === 'set') && receiver.type === 'CallExpression') {
    const previous = methodName(receiver.callee);
    if ((method === 'values' && previous === 'insert') || (method === 'set' && previous === 'update')) checkArgument(first, sink, node, context);
    return;
  }
  if (INSTANCE_WRITES.has(method) && node.arguments.length <= 2 && isLoadedRecord(callee.object, context, node) && !limitsFields(second)) {
    checkArgument(first, sink, node, context);
  }
  // Validation of the body earlier in the function covers the sinks after it.
  if (VALIDATION_CALL.test(method) && name !== 'JSON.parse' && node.arguments.some((arg) => wholeBody(arg, context, locals, node))) {
    const scope = enclosingFunction(node);
    if (scope) validatedIn.add(scope);
  }
}

function checkIdentifierCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type === 'Identifier' && VALIDATION_CALL.test(callee.name) && node.arguments.some((arg) => wholeBody(arg, context, locals, node))) {
    const scope = enclosingFunction(node);
    if (scope) validatedIn.add(scope);
  }
}

function checkNew(node: TSESTree.NewExpression, context: RuleContext): void {
  // A document is built from one object; `new Money(req.body.amount, 'EUR')` takes scalars.
  if (node.arguments.length !== 1 || !isModelClass(node.callee, context)) return;
  const name = context.qualifiedName(node.callee);
  // Only where the file works with an ORM or loads the class from the app's own models.
  const local = name !== undefined && /(?:^|[./])(?:models?|entit(?:y|ies)|schemas?|db)(?:[./]|$)/i.test(name);
  if (!local && !context.mentions(ORM_MENTION)) return;
  checkArgument(node.arguments[0], `new ${context.source(node.callee)}()`, node, context);
}

/** `{ $set: req.body }` in a MongoDB update. */
function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  const key = propertyName(node);
  if (key !== '$set' && key !== '$setOnInsert') return;
  checkArgument(node.value as Node, `The ${key} update`, node, context);
}

export const massAssignment: Rule = {
  meta: {
    id: 'mass-assignment',
    category: 'data-handling',
    title: 'Mass assignment',
    description: 'The whole request body passed to an ORM create/update/save (Mongoose, Sequelize, Prisma, TypeORM) lets clients set fields such as role or isAdmin.',
    severity: 'error',
    cwe: [915],
    fixable: false,
  },
  visitors: withLocals({
    CallExpression: (node, context) => {
      checkIdentifierCall(node, context);
      checkCall(node, context);
    },
    NewExpression: checkNew,
    Property: checkProperty,
  }),
  finish(context) {
    const current = states.take(context);
    if (!current) return;
    for (const pending of current.pending) {
      const saved = current.saved.get(pending.scope);
      if (!saved?.has(pending.target)) continue;
      report(pending.source, pending.use, `${context.source(unwrap(pending.call.callee))}()`, context);
    }
  },
};
