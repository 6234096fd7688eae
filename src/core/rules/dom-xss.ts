// dom-xss: non-constant HTML written into the page (innerHTML, insertAdjacentHTML, document.write, dangerouslySetInnerHTML).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Confidence, Fix, Node } from '../types';
import { findProperty, memberPath, propertyName, unwrap } from '../ast';
import { flatten, labelOf, urlFlow, withFlow } from '../url-flow';

const tracker = urlFlow;

const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML', 'srcdoc']);
/** A sandbox that lets the frame's scripts run with the page's origin is no sandbox for srcdoc markup. */
const SANDBOX_ESCAPE = /\ballow-scripts\b[^]*\ballow-same-origin\b|\ballow-same-origin\b[^]*\ballow-scripts\b/;
const WRITERS = new Set(['document.write', 'document.writeln', 'window.document.write', 'window.document.writeln']);
/** Names that say a value holds a number (or an id), which cannot carry markup. */
const NUMERIC_NAME =
  /^(?:i|j|k|n|idx|index|count|total|sum|num|amount|price|qty|quantity|age|year|month|day|hours?|minutes?|seconds?|percent(?:age)?|progress|score|width|height|size|length|page|limit|offset|step|level|rank|rating|id|elapsed|duration|remaining)$|(?:Count|Total|Index|Idx|Num|Amount|Price|Qty|Quantity|Percent|Percentage|Progress|Score|Width|Height|Size|Length|Id|Ms|Seconds|Minutes|Hours|Year|Page)$/;
/** Methods and functions that return numbers or formatted dates. */
const NUMERIC_CALL =
  /(?:^|\.)(?:toFixed|toPrecision|toLocaleString|toLocaleDateString|toLocaleTimeString|toISOString|toDateString|toTimeString|toUTCString|getTime|getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getSeconds|round|floor|ceil|abs|min|max|trunc|random|now|format(?:Number|Currency|Price|Bytes|Duration|Percent)\w*)$/;
/** Names that say the value was already made safe. */
const SAFE_NAME = /sanitiz|clean|safe|purif|escap|trusted/i;
/** Markdown renderers that return raw HTML without sanitising it. */
const RENDERERS = /^(?:(?:marked\.)?marked(?:\.parse|\.parseInline)?|snarkdown|micromark)$|(?:^|\.)(?:makeHtml|renderMarkdown|markdownToHtml)$|^(?:md|markdown\w*|mdParser)\.render(?:Inline)?$/i;

/** HTML entity encoders the shared sanitiser list does not name. */
const ENCODERS = /^(?:he\.encode|entities\.encode\w*|html-entities\.encode|encode(?:Html|HTML|Entities)|htmlEncode)$/;

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

interface Verdict {
  confidence: Confidence;
  related: RelatedNode[];
  label?: string;
  /** Markup assembled from pieces (template, concatenation, map/join) rather than one value. */
  built?: boolean;
}

function max(a: Confidence | undefined, b: Confidence | undefined): Confidence | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return CONFIDENCE_RANK[a] >= CONFIDENCE_RANK[b] ? a : b;
}

function lastName(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'MemberExpression') return propertyName(inner);
  return undefined;
}

function calleeName(call: TSESTree.CallExpression, context: RuleContext): string | undefined {
  return context.qualifiedName(call.callee) ?? lastName(call.callee);
}

/** A value that cannot hold markup: a number, a date, a count, an id. */
function notHtml(node: Node, context: RuleContext, at: Node): boolean {
  const value = tracker.evaluate(node, context, at);
  if (value.kind === 'constant') return true;
  if (value.kind !== 'unknown') return false;
  const inner = unwrap(node);
  switch (inner.type) {
    case 'Identifier':
      return NUMERIC_NAME.test(inner.name);
    case 'MemberExpression':
      return NUMERIC_NAME.test(propertyName(inner) ?? '');
    case 'CallExpression': {
      const name = calleeName(inner, context);
      // `String(items.length)`: text of something that cannot hold markup.
      if (name === 'String' && inner.arguments.length === 1) return notHtml(inner.arguments[0] as Node, context, at);
      return name !== undefined && (NUMERIC_CALL.test(name) || ENCODERS.test(name) || name.startsWith('Math.'));
    }
    case 'BinaryExpression':
      return notHtml(inner.left as Node, context, at) && notHtml(inner.right, context, at);
    case 'LogicalExpression':
      return notHtml(inner.left, context, at) && notHtml(inner.right, context, at);
    case 'ConditionalExpression':
      return notHtml(inner.consequent, context, at) && notHtml(inner.alternate, context, at);
    case 'TemplateLiteral':
      return inner.expressions.every((expression) => notHtml(expression, context, at));
    default:
      return false;
  }
}

/** Imported, SCREAMING_CASE or "safe"-named values are fixed markup or already sanitised. */
function looksFixed(node: Node, context: RuleContext): boolean {
  const inner = unwrap(node);
  const name = lastName(inner);
  if (name !== undefined && (SAFE_NAME.test(name) || /^[A-Z][A-Z0-9_]*$/.test(name))) return true;
  let root: Node = inner;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type !== 'Identifier') return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(root.name)) return true;
  // An imported binding resolves to its module: `icons` from './icons' gives "./icons".
  return context.qualifiedName(root) !== root.name;
}

/** How likely a non-constant value of unknown origin is to carry someone's text into the page. */
function unknownShape(node: Node, context: RuleContext, at: Node): Confidence | undefined {
  const inner = unwrap(node);
  if (notHtml(inner, context, at)) return undefined;
  switch (inner.type) {
    case 'Identifier':
      return looksFixed(inner, context) ? undefined : 'low';
    case 'MemberExpression': {
      const property = propertyName(inner);
      // Copying markup that is already in the page adds nothing an attacker chose.
      if (property !== undefined && HTML_PROPERTIES.has(property)) return undefined;
      return looksFixed(inner, context) ? undefined : 'medium';
    }
    case 'CallExpression':
      return callShape(inner, context, at);
    case 'AwaitExpression':
      return unknownShape(inner.argument, context, at);
    case 'ConditionalExpression':
      return max(shapeOf(inner.consequent, context, at), shapeOf(inner.alternate, context, at));
    case 'LogicalExpression':
      return max(shapeOf(inner.left, context, at), shapeOf(inner.right, context, at));
    case 'TemplateLiteral':
    case 'BinaryExpression':
      return 'medium';
    default:
      return 'low';
  }
}

function shapeOf(node: Node, context: RuleContext, at: Node): Confidence | undefined {
  const value = tracker.evaluate(node, context, at);
  if (value.kind === 'constant') return undefined;
  return flatten(node).length > 1 || unwrap(node).type === 'TemplateLiteral' ? templateShape(node, context, at) : unknownShape(node, context, at);
}

/** Built HTML: risky when some inserted piece may be text from someone. */
function templateShape(node: Node, context: RuleContext, at: Node): Confidence | undefined {
  for (const part of flatten(node)) {
    if ('text' in part) continue;
    if (!notHtml(part.node, context, at) && !looksFixed(part.node, context)) return 'medium';
  }
  return undefined;
}

function callShape(call: TSESTree.CallExpression, context: RuleContext, at: Node): Confidence | undefined {
  const name = calleeName(call, context);
  if (name !== undefined && RENDERERS.test(name)) return 'medium';
  const callee = unwrap(call.callee);
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  // items.map((item) => `<li>${item.name}</li>`).join('')
  if (method === 'join' && callee.type === 'MemberExpression') {
    const receiver = unwrap(callee.object);
    if (receiver.type === 'CallExpression' && receiver.callee.type === 'MemberExpression' && propertyName(receiver.callee) === 'map') {
      const mapper = receiver.arguments[0] && unwrap(receiver.arguments[0]);
      if (mapper && (mapper.type === 'ArrowFunctionExpression' || mapper.type === 'FunctionExpression')) {
        const body = mapper.body.type === 'BlockStatement' ? returnedExpression(mapper.body) : mapper.body;
        return body ? shapeOf(body, context, at) : 'low';
      }
      return 'low';
    }
    return shapeOf(callee.object, context, at);
  }
  // text.replace(/\n/g, '<br>'): as risky as the text it starts from.
  if (method !== undefined && ['replace', 'replaceAll', 'trim', 'concat', 'toString', 'slice', 'substring'].includes(method) && callee.type === 'MemberExpression') {
    return shapeOf(callee.object, context, at);
  }
  if (name !== undefined && ENCODERS.test(name)) return undefined;
  // t('welcome'), getIcon('close'): fixed inputs give fixed markup.
  if (call.arguments.length > 0 && call.arguments.every((arg) => tracker.evaluate(arg, context, at).kind === 'constant')) return undefined;
  return 'low';
}

function returnedExpression(body: TSESTree.BlockStatement): Node | undefined {
  const last = body.body[body.body.length - 1];
  return last?.type === 'ReturnStatement' && last.argument ? last.argument : undefined;
}

/** Confidence and evidence for HTML written by a sink, or undefined when it is fixed or clearly not markup. */
function assess(html: Node, context: RuleContext, at: Node): Verdict | undefined {
  const value = tracker.evaluate(html, context, at);
  if (value.kind === 'constant') return undefined;
  const pieces = flatten(html).filter((part): part is { node: Node } => 'node' in part);
  for (const piece of pieces.length > 0 ? pieces : [{ node: html }]) {
    const pieceValue = tracker.evaluate(piece.node, context, at);
    if ((pieceValue.kind === 'tainted' || pieceValue.kind === 'source') && !tracker.trustedMessage(pieceValue, at)) {
      const evidence = sinkEvidence(pieceValue, undefined);
      if (evidence) return { ...evidence, label: labelOf(pieceValue) };
    }
  }
  const confidence = shapeOf(html, context, at);
  if (!confidence) return undefined;
  const inner = unwrap(html);
  const built = pieces.length > 1 || inner.type === 'TemplateLiteral' || (inner.type === 'CallExpression' && calleeName(inner, context)?.endsWith('join') === true);
  return { confidence, related: [], built };
}

function report(sink: Node, what: string, verdict: Verdict, context: RuleContext, fixes?: Fix[]): void {
  const message = verdict.label
    ? `${what} receives ${verdict.label}; an attacker can inject markup that runs script in the page.`
    : verdict.built
      ? `${what} receives HTML built from values of unknown origin; if any holds user text, it can inject markup that runs script.`
      : `${what} receives a value of unknown origin; if it holds user text, it can inject markup that runs script.`;
  context.report({ node: sink, message, confidence: verdict.confidence, related: verdict.related, fixes });
}

function checkAssignment(node: TSESTree.AssignmentExpression, context: RuleContext): void {
  if (node.operator !== '=' && node.operator !== '+=') return;
  if (node.left.type !== 'MemberExpression') return;
  const property = propertyName(node.left);
  if (property === undefined || !HTML_PROPERTIES.has(property)) return;
  const verdict = assess(node.right, context, node);
  if (!verdict) return;
  const fixes: Fix[] = [];
  if (property === 'innerHTML' && node.operator === '=' && !node.left.computed) {
    fixes.push({
      title: 'Use textContent instead of innerHTML (review: markup in the value will be shown as plain text)',
      safety: 'review',
      edits: [{ range: [node.left.property.range[0], node.left.property.range[1]], text: 'textContent' }],
    });
  }
  report(node, `Assigning to ${property}`, verdict, context, fixes);
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type === 'MemberExpression' && propertyName(callee) === 'insertAdjacentHTML') {
    const html = node.arguments[1];
    const verdict = html && assess(html, context, node);
    if (verdict) report(node, 'insertAdjacentHTML()', verdict, context);
    return;
  }
  const name = context.qualifiedName(callee) ?? memberPath(callee);
  if (name === undefined || !WRITERS.has(name) || node.arguments.length === 0) return;
  let verdict: Verdict | undefined;
  for (const arg of node.arguments) {
    const next = assess(arg, context, node);
    if (next && (!verdict || CONFIDENCE_RANK[next.confidence] > CONFIDENCE_RANK[verdict.confidence])) verdict = next;
  }
  if (verdict) report(node, `${name.replace(/^window\./, '')}()`, verdict, context);
}

/** `<iframe srcDoc={html}>`: the markup becomes a document of the page's own origin unless the frame is sandboxed. */
function checkSrcDoc(node: TSESTree.JSXAttribute, context: RuleContext): void {
  const element = node.parent;
  if (element?.type !== 'JSXOpeningElement' || element.name.type !== 'JSXIdentifier' || element.name.name !== 'iframe') return;
  if (node.value?.type !== 'JSXExpressionContainer' || node.value.expression.type === 'JSXEmptyExpression') return;
  for (const attribute of element.attributes) {
    // Spread props may carry a sandbox: the frame may not run script at all.
    if (attribute.type === 'JSXSpreadAttribute') return;
    if (attribute.name.type !== 'JSXIdentifier' || attribute.name.name !== 'sandbox') continue;
    const value = attribute.value;
    if (value === null || value.type !== 'Literal' || typeof value.value !== 'string' || !SANDBOX_ESCAPE.test(value.value)) return;
  }
  const verdict = assess(node.value.expression, context, node);
  if (verdict) report(node, 'srcDoc', verdict, context);
}

function checkJsxAttribute(node: TSESTree.JSXAttribute, context: RuleContext): void {
  if (node.name.type === 'JSXIdentifier' && node.name.name === 'srcDoc') {
    checkSrcDoc(node, context);
    return;
  }
  if (node.name.type !== 'JSXIdentifier' || node.name.name !== 'dangerouslySetInnerHTML') return;
  if (node.value?.type !== 'JSXExpressionContainer' || node.value.expression.type === 'JSXEmptyExpression') return;
  const expression = unwrap(node.value.expression);
  const html = expression.type === 'ObjectExpression' ? findProperty(expression, '__html')?.value : expression;
  if (!html) return;
  const element = node.parent?.type === 'JSXOpeningElement' && node.parent.name.type === 'JSXIdentifier' ? node.parent.name.name : undefined;
  const verdict = assess(html, context, node);
  if (!verdict) return;
  // JSON-LD and inline styles: not markup, and rarely fed from user text.
  if (verdict.label === undefined && (element === 'script' || element === 'style')) return;
  report(node, 'dangerouslySetInnerHTML', verdict, context);
}

export const domXss: Rule = {
  meta: {
    id: 'dom-xss',
    category: 'xss',
    title: 'DOM-based cross-site scripting',
    description: 'HTML sinks (innerHTML, insertAdjacentHTML, document.write, dangerouslySetInnerHTML) fed with non-constant markup let injected script run in the page.',
    severity: 'error',
    cwe: [79],
    fixable: true,
  },
  visitors: withFlow({
    AssignmentExpression: checkAssignment,
    CallExpression: checkCall,
    JSXAttribute: checkJsxAttribute,
  }),
};
