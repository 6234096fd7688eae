// reflected-xss: request input written into an HTML response (Express res.send/write/end, Koa ctx.body) without escaping.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { memberPath, propertyName, staticString, unwrap } from '../ast';
import { flatten } from '../url-flow';
import { enclosingScopes, errorHandlerInput, inputLabel, isInput, loopInput, requestLocals, withLocals } from '../request-values';
import type { Value } from '../bindings';

const locals = requestLocals;

const RESPONSE_NAMES = new Set(['res', 'response', 'resp']);
const KOA_NAMES = new Set(['ctx', 'context']);
const WRITERS = new Set(['send', 'write', 'end']);
/** Response methods that return the response, so a chain still ends at it: `res.status(400).send(...)`. */
const CHAINABLE = new Set(['status', 'set', 'type', 'header', 'append', 'cookie', 'clearCookie', 'vary', 'location', 'links', 'contentType', 'setHeader']);
const TYPE_SETTERS = new Set(['type', 'contentType']);
const HEADER_SETTERS = new Set(['set', 'header', 'setHeader', 'append']);
/** A tag, comment or doctype in fixed text: the response is HTML. */
const MARKUP = /<[a-zA-Z!/]/;
/** Input a victim's browser cannot be made to send through a link or a form: headers, cookies, argv, messages. */
const NOT_REFLECTED = /headers\)|\.(?:get|header)\(\)\)$|cookies|^process\.argv|^IPC|message data/;

type ContentType = 'html' | 'other';

/** Content types set per function, in the order the walk met them. */
const contentTypes = new WeakMap<Node, ContentType>();

function classify(type: Node | undefined, context: RuleContext): ContentType {
  if (!type) return 'other';
  const value = context.evaluate(type);
  const text = staticString(type) ?? (value.kind === 'constant' ? value.text : undefined);
  // A type chosen at run time: not enough to call the response HTML or to flag it.
  if (text === undefined) return 'other';
  return /html|xml|svg/i.test(text) ? 'html' : 'other';
}

function headerType(args: readonly Node[], context: RuleContext): ContentType | undefined {
  const [name, value] = args;
  if (!name) return undefined;
  const inner = unwrap(name);
  if (inner.type === 'ObjectExpression') {
    for (const property of inner.properties) {
      if (property.type === 'Property' && /^content-type$/i.test(propertyName(property) ?? '')) return classify(property.value as Node, context);
    }
    return undefined;
  }
  return /^content-type$/i.test(staticString(name) ?? '') ? classify(value, context) : undefined;
}

/** The content type a response call sets, if it sets one: res.type(), res.set('Content-Type'), res.writeHead(200, {...}). */
function typeSetBy(call: TSESTree.CallExpression, context: RuleContext): ContentType | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee);
  if (method === undefined) return undefined;
  if (TYPE_SETTERS.has(method)) return classify(call.arguments[0], context);
  if (HEADER_SETTERS.has(method)) return headerType(call.arguments, context);
  if (method === 'writeHead') {
    const headers = call.arguments.find((arg, index) => index > 0 && unwrap(arg).type === 'ObjectExpression');
    return headers ? headerType([headers], context) : undefined;
  }
  return undefined;
}

/** The response object at the root of `res.status(400).type('html').send`, and the calls in between. */
function responseRoot(node: Node): { root: TSESTree.Identifier; chain: TSESTree.CallExpression[] } | undefined {
  const chain: TSESTree.CallExpression[] = [];
  let current = unwrap(node);
  for (;;) {
    if (current.type === 'Identifier') return { root: current, chain };
    if (current.type !== 'CallExpression') return undefined;
    const callee = unwrap(current.callee);
    if (callee.type !== 'MemberExpression' || !CHAINABLE.has(propertyName(callee) ?? '')) return undefined;
    chain.push(current);
    current = unwrap(callee.object);
  }
}

function recordType(node: Node, type: ContentType): void {
  const scope = enclosingScopes(node).next().value;
  if (scope) contentTypes.set(scope, type);
}

/** What the function (or one around it) set as content type before this point. */
function typeInScope(at: Node): ContentType | undefined {
  for (const scope of enclosingScopes(at)) {
    const type = contentTypes.get(scope);
    if (type) return type;
  }
  return undefined;
}

interface Piece {
  node: Node;
}

/** The pieces of the written value, looking through local names built up with `=` and `+=`. */
function pieces(node: Node, at: Node, depth = 0): { texts: string[]; nodes: Piece[] } {
  const texts: string[] = [];
  const nodes: Piece[] = [];
  for (const part of flatten(node)) {
    if ('text' in part) {
      texts.push(part.text);
      continue;
    }
    const inner = unwrap(part.node);
    const local = inner.type === 'Identifier' && depth < 3 ? locals.lookup(inner.name, at) : undefined;
    if (local && !local.param && !local.container && !local.loop && local.pieces.length > 0) {
      for (const piece of local.pieces) {
        const nested = pieces(piece, at, depth + 1);
        texts.push(...nested.texts);
        nodes.push(...nested.nodes);
      }
      continue;
    }
    nodes.push({ node: part.node });
  }
  return { texts, nodes };
}

/** Values the framework serialises as JSON: object and array literals, and whole parsed request parts. */
function isJsonValue(node: Node, context: RuleContext, at: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression' || inner.type === 'ArrayExpression') return true;
  if (inner.type === 'MemberExpression') {
    const property = propertyName(inner);
    return property !== undefined && ['body', 'query', 'params', 'headers', 'cookies', 'signedCookies'].includes(property) &&
      context.evaluate(inner.object).kind === 'source';
  }
  if (inner.type === 'Identifier') {
    const local = locals.lookup(inner.name, at);
    if (!local || local.param || local.container || local.loop || local.pieces.length !== 1 || !local.init) return false;
    return isJsonValue(local.init, context, at);
  }
  return false;
}

function reflected(value: Value): boolean {
  return isInput(value) && !NOT_REFLECTED.test(inputLabel(value));
}

/** Template engines and Markdown renderers: their output is HTML, and input in their first argument ends up in it. */
const HTML_RENDERERS = /^(?:ejs\.render|pug\.render|jade\.render|nunjucks\.renderString|mustache\.render|Mustache\.render|marked(?:\.marked)?(?:\.parse(?:Inline)?)?|markdown-it\.render|md\.render|showdown\.Converter\.makeHtml|converter\.makeHtml|snarkdown)$/;

interface PieceInput {
  value: Value;
  /** The piece is HTML by itself (rendered markup). */
  html?: boolean;
  /** Only dangerous inside markup (JSON text in a page is not HTML when sent alone). */
  inMarkupOnly?: boolean;
}

/** Input a piece of the response carries: directly, as JSON text, or through a renderer fed with it. */
function pieceInput(node: Node, at: Node, context: RuleContext): PieceInput | undefined {
  const value = context.evaluate(node);
  const inner = unwrap(node);
  // items.map((item) => `<li>${item}</li>`).join(''): input only if the callback writes the element as it is.
  const mapped = mappedInput(inner, context);
  if (mapped !== undefined) return mapped || undefined;
  if (reflected(value)) return { value };
  const fromLoop = loopInput(inner, context, locals, at) ?? errorHandlerInput(inner, at);
  if (fromLoop && reflected(fromLoop)) return { value: fromLoop };
  if (inner.type !== 'CallExpression' || !inner.arguments[0]) return undefined;
  const name = context.qualifiedName(inner.callee);
  if (name === undefined) return undefined;
  const argument = context.evaluate(inner.arguments[0]);
  if (!reflected(argument)) return undefined;
  // JSON.stringify leaves < > / alone, so "</script><script>..." in it closes the script block.
  if (name === 'JSON.stringify') return { value: argument, inMarkupOnly: true };
  if (HTML_RENDERERS.test(name) || /\.renderString$/.test(name)) return { value: argument, html: true };
  return undefined;
}

/**
 * For `list.map(fn)` and `list.map(fn).join(...)` over input: the input when `fn` returns the element (or a
 * member of it) unescaped, false when it does not, undefined when the node is not such a call.
 */
function mappedInput(node: Node, context: RuleContext): PieceInput | false | undefined {
  let call = node;
  if (call.type === 'CallExpression' && methodOf(call) === 'join') call = unwrap((unwrap(call.callee) as TSESTree.MemberExpression).object);
  if (call.type !== 'CallExpression' || methodOf(call) !== 'map') return undefined;
  const list = context.evaluate((unwrap(call.callee) as TSESTree.MemberExpression).object);
  if (!reflected(list)) return false;
  const mapper = call.arguments[0] && unwrap(call.arguments[0]);
  if (!mapper || (mapper.type !== 'ArrowFunctionExpression' && mapper.type !== 'FunctionExpression')) return false;
  const param = mapper.params[0];
  if (param?.type !== 'Identifier') return false;
  const body = mapper.body.type === 'BlockStatement' ? returned(mapper.body) : mapper.body;
  if (!body) return false;
  const raw = flatten(body).some((part) => 'node' in part && rootOf(part.node) === param.name);
  return raw ? { value: list } : false;
}

function methodOf(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
}

function returned(body: TSESTree.BlockStatement): Node | undefined {
  const last = body.body[body.body.length - 1];
  return last?.type === 'ReturnStatement' && last.argument ? last.argument : undefined;
}

/** `item` for `item`, `item.name`, `item['title']`; undefined for calls (an escaping function) and the rest. */
function rootOf(node: Node): string | undefined {
  let current = unwrap(node);
  while (current.type === 'MemberExpression') current = unwrap(current.object);
  return current.type === 'Identifier' ? current.name : undefined;
}

function check(sink: Node, written: Node | undefined, what: string, declared: ContentType | undefined, at: Node, context: RuleContext): void {
  if (!written || written.type === 'SpreadElement') return;
  if (declared === 'other') return;
  if (isJsonValue(written, context, at)) return;
  const { texts, nodes } = pieces(written, at);
  const markup = texts.some((text) => MARKUP.test(text));
  let input: PieceInput | undefined;
  for (const piece of nodes) {
    const found = pieceInput(piece.node, at, context);
    if (found && (!found.inMarkupOnly || markup || declared === 'html')) {
      input = found;
      break;
    }
  }
  if (!input) return;
  const evidence = sinkEvidence(input.value, undefined);
  if (!evidence) return;
  const fix = scriptJsonFix(written, declared, markup, at, context);
  const html = markup || input.html === true;
  const confidence: Confidence = html || declared === 'html' ? 'high' : 'medium';
  context.report({
    node: sink,
    message: html
      ? `${what} writes ${inputLabel(input.value)} into HTML without escaping; a crafted link can inject script that runs in the victim's session.`
      : `${what} writes ${inputLabel(input.value)} into a response the browser may render as HTML; a crafted link can inject script that runs in the victim's session.`,
    confidence,
    related: evidence.related,
    fixes: fix ? [fix] : [],
  });
}

/** Script types whose content is JavaScript or JSON, where `\u003c` in a string reads as `<`. */
const SCRIPT_DATA_TYPE = /^(?:|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript|module|application\/json|application\/ld\+json|importmap)$/i;
/** In the written text with expressions as placeholders: the last opening script tag, and what follows it. */
const LAST_SCRIPT_OPEN = /<script(?=[\s>\/])([^>]*)>((?:(?!<\/script)[^])*)$/i;
const TYPE_ATTRIBUTE = /(?:^|[\s/])type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
/** Stands for an expression in the written text: a JSON.stringify call, or anything else. */
const JSON_PLACEHOLDER = '\u0001';
const OTHER_PLACEHOLDER = '\u0000';
const PLACEHOLDERS = /[\u0000\u0001]/;
const QUOTED_VALUES = /=\s*(?:"[^"]*"|'[^']*')/g;

/** `JSON.stringify(x)` with at most a replacer and a numeric or `<`-free indent: its text has `<` only in strings. */
function isJsonText(node: Node, context: RuleContext): node is TSESTree.CallExpression {
  if (node.type !== 'CallExpression' || context.qualifiedName(node.callee) !== 'JSON.stringify' || context.declaration('JSON')) return false;
  const [value, , indent] = node.arguments;
  if (!value || node.arguments.length > 3 || node.arguments.some((arg) => arg.type === 'SpreadElement')) return false;
  if (!indent) return true;
  const inner = unwrap(indent);
  if (inner.type === 'Literal' && typeof inner.value === 'number') return true;
  const text = staticString(inner);
  return text !== undefined && !text.includes('<');
}

/** Object and array literals, and the parsed query and path parameters (objects even when empty, in Express 4 and 5). */
function isObject(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression' || inner.type === 'ArrayExpression') return true;
  if (inner.type !== 'MemberExpression') return false;
  const property = propertyName(inner);
  return (property === 'query' || property === 'params') && context.evaluate(inner.object).kind === 'source';
}

/** Whether the text so far leaves a JavaScript or JSON script element open, with only JSON text written into it. */
function inScript(written: string): boolean {
  const open = LAST_SCRIPT_OPEN.exec(written);
  if (!open || open[2].includes(OTHER_PLACEHOLDER)) return false;
  // Expressions may fill quoted attribute values (a nonce), not add attributes or choose the type.
  if (PLACEHOLDERS.test(open[1].replace(QUOTED_VALUES, ''))) return false;
  const typeMatch = TYPE_ATTRIBUTE.exec(open[1]);
  const type = typeMatch?.[1] ?? typeMatch?.[2] ?? typeMatch?.[3] ?? '';
  return !PLACEHOLDERS.test(type) && SCRIPT_DATA_TYPE.test(type.trim());
}

/**
 * When input reaches the markup only as `JSON.stringify(...)` inside a script element: escape `<` in the JSON.
 * JSON text has `<` only inside strings, where `\u003c` is the same character to JavaScript and to JSON.parse, so
 * the page reads the same data; what goes is `</script>` and `<!--`, which end or confuse the element.
 */
function scriptJsonFix(written: Node, declared: ContentType | undefined, markup: boolean, at: Node, context: RuleContext): Fix | undefined {
  let text = '';
  const edits: Fix['edits'] = [];
  for (const part of flatten(written)) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const node = unwrap(part.node);
    const json = isJsonText(node, context);
    const found = pieceInput(node, at, context);
    if (found && (!found.inMarkupOnly || markup || declared === 'html')) {
      if (!json || !inScript(text)) return undefined;
      // JSON.stringify(undefined) is undefined, written as "undefined": String() keeps that instead of throwing.
      const source = context.source(node);
      edits.push({ range: [node.range[0], node.range[1]], text: `${isObject(node.arguments[0], context) ? source : `String(${source})`}.replace(/</g, '\\\\u003c')` });
    }
    text += json ? JSON_PLACEHOLDER : OTHER_PLACEHOLDER;
  }
  if (edits.length === 0) return undefined;
  return {
    title: "Escape < in the JSON with .replace(/</g, '\\\\u003c') (safe: inside JSON text < occurs only in strings, where \\u003c reads as the same character, so the script gets the same data; only the </script> breakout goes)",
    safety: 'safe',
    edits,
  };
}

function onCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === undefined) return;
  // Hono: return c.html(`<p>${q}</p>`)
  if (method === 'html' && unwrap(callee.object).type === 'Identifier' && context.evaluate(callee.object).kind === 'source') {
    check(node, node.arguments[0], `${context.source(callee)}()`, 'html', node, context);
    return;
  }
  const found = responseRoot(callee.object);
  if (!found) return;
  const { root, chain } = found;
  const koa = KOA_NAMES.has(root.name);
  if (!RESPONSE_NAMES.has(root.name) && !koa) return;
  // A local `res` (a fetch result, a stream) is not the response of a handler.
  const local = locals.lookup(root.name, node);
  if (local && !local.param) return;
  const set = typeSetBy(node, context);
  if (set) {
    recordType(node, set);
    return;
  }
  if (koa || !WRITERS.has(method)) return;
  let declared: ContentType | undefined;
  for (const call of chain) declared = typeSetBy(call, context) ?? declared;
  check(node, node.arguments[0], `${root.name}.${method}()`, declared ?? typeInScope(node), node, context);
}

function onAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (node.operator !== '=') return;
  const target = memberPath(node.left);
  const match = target === undefined ? null : /^(ctx|context)\.(?:response\.)?(body|type)$/.exec(target);
  if (!match) return;
  const local = locals.lookup(match[1], node);
  if (local && !local.param) return;
  if (match[2] === 'type') {
    recordType(node, classify(node.right, context));
    return;
  }
  check(node, node.right, `Setting ${match[1]}.body`, typeInScope(node), node, context);
}

export const reflectedXss: Rule = {
  meta: {
    id: 'reflected-xss',
    category: 'xss',
    title: 'Reflected cross-site scripting',
    description: 'Request input written into an HTML response (res.send, res.write, res.end, ctx.body) without escaping lets a crafted link run script on the site.',
    severity: 'error',
    cwe: [79],
    fixable: true,
  },
  visitors: withLocals({
    CallExpression: onCall,
    AssignmentExpression: onAssignment,
  }),
};
