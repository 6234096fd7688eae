// framework-xss-bypass: framework escape hatches fed with non-constant markup (Angular bypassSecurityTrust*, $sce, Vue innerHTML/v-html, jQuery HTML methods, javascript: links in JSX).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RelatedNode, Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Confidence, Node } from '../types';
import { findProperty, isBooleanLiteral, isFunction, memberPath, propertyName, staticString, unwrap } from '../ast';
import { flatten, labelOf, urlFlow, withFlow } from '../url-flow';

const tracker = urlFlow;

const ANGULAR_BYPASS = /^bypassSecurityTrust(?:Html|Script|Style|Url|ResourceUrl)$/;
const SCE_TRUST = /^trustAs(?:Html|Js|Url|ResourceUrl|Css)?$/;
const JQUERY_HTML_METHODS = new Set(['html', 'append', 'prepend', 'after', 'before', 'replaceWith']);
/** Names that say a value was already made safe, or holds no text. */
const SAFE_NAME = /saniti[sz]|clean|safe|purif|escap|trusted|encod/i;
const NUMERIC_NAME = /^(?:i|j|k|n|idx|index|count|total|id|page|size|width|height|length|amount|price|qty|year)$|(?:Count|Total|Index|Id|Width|Height|Size|Length|Price|Amount)$/;
/** Calls that return numbers or formatted dates. */
const NUMERIC_CALL = /(?:^|\.)(?:toFixed|toPrecision|toLocaleString|toLocaleDateString|toLocaleTimeString|toISOString|getTime|getFullYear|round|floor|ceil|abs|min|max|now|Number|parseInt|parseFloat)$|^Math\./;
/** Markup in the fixed text of a template or concatenation. */
const TAG = /<[a-z!/]/i;
/** `javascript:` links that do nothing (the placeholder idiom before onClick handlers). */
const NO_OP_SCRIPT_URL = /^javascript:\s*(?:void\s*\(?\s*0\s*\)?\s*;?|;|\/\/.*)?\s*$/i;
const SCRIPT_URL = /^\s*(?:javascript|vbscript|data):/i;
const URL_ATTRIBUTES: Record<string, RegExp> = {
  href: /^(?:a|area|Link|NavLink)$/,
  src: /^iframe$/,
  action: /^form$/,
  formAction: /^(?:button|input)$/,
};
const URL_CHECK = /startsWith|protocol|\.test\(|match|includes|\b(?:is|validate|check|sanitize)\w*\(/i;

interface Verdict {
  confidence: Confidence;
  related: RelatedNode[];
  label?: string;
}

/** Tainted input somewhere in the value (template pieces included), unless guarded or from a checked message. */
function taintedPiece(node: Node, context: RuleContext, at: Node): Verdict | undefined {
  const pieces = flatten(node).filter((part): part is { node: Node } => 'node' in part);
  for (const piece of pieces.length > 0 ? pieces : [{ node }]) {
    const value = tracker.evaluate(piece.node, context, at);
    if (value.kind !== 'tainted' && value.kind !== 'source') continue;
    if (tracker.trustedMessage(value, at) || tracker.isGuarded(piece.node, at)) continue;
    const evidence = sinkEvidence(value, undefined);
    if (evidence) return { ...evidence, label: labelOf(value) };
  }
  return undefined;
}

/** A dynamic piece that cannot carry someone's markup: a constant, a number-like name, a sanitised value. */
function harmless(node: Node, context: RuleContext, at: Node): boolean {
  if (tracker.evaluate(node, context, at).kind === 'constant') return true;
  const inner = unwrap(node);
  // Imported and SCREAMING_CASE values are markup that ships with the code (`ICONS.close`, `import { logo }`).
  let root: Node = inner;
  while (root.type === 'MemberExpression') root = unwrap(root.object);
  if (root.type === 'Identifier' && (/^[A-Z][A-Z0-9_]*$/.test(root.name) || context.qualifiedName(root) !== root.name)) return true;
  if (inner.type === 'CallExpression' && NUMERIC_CALL.test(memberPath(inner.callee) ?? (inner.callee.type === 'MemberExpression' ? propertyName(inner.callee) ?? '' : ''))) return true;
  const name = inner.type === 'Identifier' ? inner.name : inner.type === 'MemberExpression' ? propertyName(inner) : inner.type === 'CallExpression' ? memberPath(inner.callee) : undefined;
  if (name === undefined) return false;
  const last = name.slice(name.lastIndexOf('.') + 1);
  return SAFE_NAME.test(last) || NUMERIC_NAME.test(last) || /^[A-Z][A-Z0-9_]*$/.test(last);
}

/** Markup assembled from fixed tags and inserted values that may hold text from someone. */
function builtMarkup(node: Node, context: RuleContext, at: Node): boolean {
  const parts = flatten(node);
  if (parts.length < 2 && unwrap(node).type !== 'TemplateLiteral') return false;
  const fixed = parts.map((part) => ('text' in part ? part.text : '')).join('');
  if (!TAG.test(fixed)) return false;
  return parts.some((part) => 'node' in part && !harmless(part.node, context, at));
}

/**
 * Confidence for a value handed to an escape hatch: high for user input, `unknown` for other non-constant
 * values (undefined = do not report), medium for markup built around values of unknown origin.
 */
function assess(node: Node, context: RuleContext, at: Node, unknown: Confidence | undefined): Verdict | undefined {
  if (tracker.evaluate(node, context, at).kind === 'constant') return undefined;
  const tainted = taintedPiece(node, context, at);
  if (tainted) return tainted;
  if (builtMarkup(node, context, at)) return { confidence: 'medium', related: [] };
  if (!unknown || harmless(node, context, at)) return undefined;
  return { confidence: unknown, related: [] };
}

function origin(verdict: Verdict): string {
  return verdict.label ? verdict.label : 'a value of unknown origin';
}

// ---------- Angular and AngularJS ----------

function checkAngular(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression, method: string, context: RuleContext): boolean {
  if (ANGULAR_BYPASS.test(method)) {
    const value = node.arguments[0];
    if (!value) return true;
    // A fixed https origin (an embed URL with an id) cannot become a javascript: URL.
    const first = flatten(value)[0];
    if (/Url$/.test(method) && first && 'text' in first && /^https:\/\/[^/]+\//i.test(first.text)) return true;
    const verdict = assess(value, context, node, 'medium');
    if (!verdict) return true;
    context.report({
      node,
      message: `${method}() marks ${origin(verdict)} as trusted, switching off Angular's sanitiser for it; markup or a javascript: URL in it runs script in the page.`,
      confidence: verdict.confidence,
      related: verdict.related,
    });
    return true;
  }
  const object = memberPath(callee.object);
  if (object === undefined) return false;
  if (/(?:^|\.)\$sce$/.test(object) && SCE_TRUST.test(method)) {
    const value = method === 'trustAs' ? node.arguments[1] : node.arguments[0];
    if (!value) return true;
    const verdict = assess(value, context, node, 'medium');
    if (!verdict) return true;
    context.report({
      node,
      message: `$sce.${method}() marks ${origin(verdict)} as trusted, so ng-bind-html renders it without sanitising; injected markup runs script in the page.`,
      confidence: verdict.confidence,
      related: verdict.related,
    });
    return true;
  }
  if (/(?:^|\.)\$sceProvider$/.test(object) && method === 'enabled' && isBooleanLiteral(node.arguments[0], false)) {
    context.report({
      node,
      message: "$sceProvider.enabled(false) turns off AngularJS's strict contextual escaping for the whole app, so every binding of user data can inject script.",
      confidence: 'high',
    });
    return true;
  }
  return false;
}

// ---------- jQuery ----------

function isJQueryCall(node: Node): boolean {
  const inner = unwrap(node);
  return inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && (inner.callee.name === '$' || inner.callee.name === 'jQuery');
}

/** `$(sel)...`, `$list`, `this.$el` (for .html()). */
function isJQueryObject(node: Node, method: string): boolean {
  let current = unwrap(node);
  for (;;) {
    if (isJQueryCall(current)) return true;
    if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression') current = unwrap(current.callee.object);
    else if (current.type === 'Identifier') return /^\$[A-Za-z_]/.test(current.name);
    else if (current.type === 'MemberExpression') {
      const name = propertyName(current);
      if (name !== undefined && /^\$[A-Za-z_]/.test(name)) return method === 'html' && name !== '$refs';
      current = unwrap(current.object);
    } else return false;
  }
}

function checkJQuery(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (isJQueryCall(node)) {
    const value = node.arguments[0];
    if (!value || node.arguments.length > 2) return;
    const first = flatten(value)[0];
    // `$('#' + id)`: a selector, not markup.
    if (first && 'text' in first && !first.text.trimStart().startsWith('<')) return;
    // `$(location.hash)`: jQuery 1.9+ only parses strings that start with '<' as markup.
    const path = memberPath(value);
    if (path !== undefined && /(?:^|\.)location\.hash$/.test(path)) return;
    const verdict = assess(value, context, node, undefined);
    if (!verdict) return;
    report(node, `${(callee as TSESTree.Identifier).name}()`, verdict, context);
    return;
  }
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  if (method === undefined || !JQUERY_HTML_METHODS.has(method) || node.arguments.length === 0) return;
  if (!isJQueryObject(callee.object, method)) return;
  let verdict: Verdict | undefined;
  for (const arg of node.arguments) {
    const inner = unwrap(arg);
    if (isFunction(inner) || isJQueryCall(inner)) continue;
    verdict = assess(arg, context, node, undefined);
    if (verdict) break;
  }
  if (verdict) report(node, `jQuery .${method}()`, verdict, context);
}

function report(node: Node, what: string, verdict: Verdict, context: RuleContext): void {
  context.report({
    node: context.source(node).includes('\n') && node.type === 'CallExpression' ? node.callee : node,
    message: verdict.label
      ? `${what} parses ${verdict.label} as HTML; an attacker can inject markup that runs script in the page.`
      : `${what} parses HTML built from values of unknown origin; if any holds user text, it can inject markup that runs script.`,
    confidence: verdict.confidence,
    related: verdict.related,
  });
}

// ---------- Vue ----------

/** `h('div', { innerHTML: html })`, `createElement('div', { domProps: { innerHTML: html } })`. */
function checkObject(node: TSESTree.ObjectExpression, context: RuleContext): void {
  checkVueTemplate(node, context);
  const inner = findProperty(node, 'innerHTML');
  if (!inner) return;
  const holder = node.parent;
  let render = holder?.type === 'Property' && holder.value === node && propertyName(holder) === 'domProps';
  if (!render && holder?.type === 'CallExpression' && holder.arguments[1] === node) {
    const name = context.qualifiedName(holder.callee);
    render = name === 'h' || name === 'vue.h' || name === 'createElement' || name === '@vue/runtime-core.h';
  }
  if (!render) return;
  // A property (`this.comment.body`) usually holds stored content; a local name may be anything.
  const verdict = assess(inner.value, context, node, unwrap(inner.value).type === 'MemberExpression' ? 'medium' : 'low');
  if (!verdict) return;
  context.report({
    node: inner,
    message: `innerHTML in a Vue render function inserts ${origin(verdict)} as raw HTML; markup in it runs script in the page.`,
    confidence: verdict.confidence,
    related: verdict.related,
  });
}

const VUE_OPTIONS = new Set(['data', 'props', 'methods', 'computed', 'setup', 'components', 'emits', 'watch', 'mounted', 'created']);
const VUE_FACTORIES = /(?:^|\.)(?:defineComponent|component|createApp|extend)$|^Vue$/;

function isVueComponent(node: TSESTree.ObjectExpression, context: RuleContext): boolean {
  const holder = node.parent;
  if ((holder?.type === 'CallExpression' || holder?.type === 'NewExpression') && holder.arguments.includes(node)) {
    const name = context.qualifiedName(holder.callee) ?? '';
    if (VUE_FACTORIES.test(name) || name.startsWith('vue')) return true;
  }
  return node.properties.some((property) => property.type === 'Property' && VUE_OPTIONS.has(propertyName(property) ?? ''));
}

function checkVueTemplate(node: TSESTree.ObjectExpression, context: RuleContext): void {
  const template = findProperty(node, 'template');
  if (!template) return;
  const value = unwrap(template.value);
  if (value.type !== 'Literal' && value.type !== 'TemplateLiteral') return;
  const raw = context.source(value);
  if (!raw.includes('v-html') || !isVueComponent(node, context)) return;
  const attribute = /v-html\s*=\s*(?:\\?"([^"\\]*)\\?"|\\?'([^'\\]*)\\?')/g;
  for (let match = attribute.exec(raw); match; match = attribute.exec(raw)) {
    const bound = (match[1] ?? match[2] ?? '').trim();
    if (bound === '' || SAFE_NAME.test(bound) || /^(['"`]).*\1$/.test(bound)) continue;
    const start = value.range[0] + match.index;
    context.report({
      node: [start, start + match[0].length],
      message: `v-html="${bound}" inserts the bound value as raw HTML without sanitising; if it holds user text, injected markup runs script.`,
      confidence: 'medium',
    });
  }
}

// ---------- JSX URLs ----------

function elementName(attribute: TSESTree.JSXAttribute): string | undefined {
  const opening = attribute.parent;
  if (opening?.type !== 'JSXOpeningElement') return undefined;
  return opening.name.type === 'JSXIdentifier' ? opening.name.name : undefined;
}

/** The branches a URL value may take, minus the branch a ternary only picks after checking it. */
function urlBranches(node: Node, context: RuleContext): Node[] {
  const inner = unwrap(node);
  if (inner.type === 'ConditionalExpression') {
    const checked = URL_CHECK.test(context.source(inner.test));
    return [...(checked ? [] : urlBranches(inner.consequent, context)), ...urlBranches(inner.alternate, context)];
  }
  if (inner.type === 'LogicalExpression' && inner.operator !== '&&') return [...urlBranches(inner.left, context), ...urlBranches(inner.right, context)];
  return [inner];
}

function checkJsxAttribute(node: TSESTree.JSXAttribute, context: RuleContext): void {
  if (node.name.type !== 'JSXIdentifier') return;
  const pattern = URL_ATTRIBUTES[node.name.name];
  const element = elementName(node);
  if (!pattern || element === undefined || !pattern.test(element) || !node.value) return;
  const attribute = node.name.name;
  const literal = node.value.type === 'Literal' ? staticString(node.value) : node.value.type === 'JSXExpressionContainer' && node.value.expression.type !== 'JSXEmptyExpression' ? staticString(node.value.expression) : undefined;
  if (literal !== undefined) {
    if (!SCRIPT_URL.test(literal) || !/^\s*javascript:/i.test(literal) || NO_OP_SCRIPT_URL.test(literal.trim())) return;
    context.report({
      node,
      message: `A javascript: URL in ${attribute} runs code when followed; React warns about these and will block them, and they bypass a Content Security Policy without 'unsafe-inline'.`,
      confidence: 'medium',
    });
    return;
  }
  if (node.value.type !== 'JSXExpressionContainer' || node.value.expression.type === 'JSXEmptyExpression') return;
  for (const branch of urlBranches(node.value.expression, context)) {
    const parts = flatten(branch);
    const first = parts[0];
    let verdict: Verdict | undefined;
    if (first && 'text' in first) {
      // A fixed start decides the scheme: only a fixed `javascript:` start leaves script possible.
      if (!SCRIPT_URL.test(first.text)) continue;
      verdict = assess(branch, context, node, 'medium');
    } else if (first) {
      verdict = taintedPiece(first.node, context, node);
    }
    if (!verdict) continue;
    context.report({
      node,
      message: `<${element} ${attribute}> takes its URL from ${origin(verdict)}; a javascript: URL there runs script when the user follows it.`,
      confidence: verdict.confidence,
      related: verdict.related,
    });
    return;
  }
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee);
    if (method !== undefined && checkAngular(node, callee, method, context)) return;
  }
  checkJQuery(node, context);
}

export const frameworkXssBypass: Rule = {
  meta: {
    id: 'framework-xss-bypass',
    category: 'xss',
    title: 'Framework XSS protection bypassed',
    description: "Framework escape hatches (Angular bypassSecurityTrust*, AngularJS $sce, Vue innerHTML and v-html, jQuery HTML methods, javascript: URLs in JSX) fed with non-constant markup run injected script.",
    severity: 'error',
    cwe: [79],
    fixable: false,
  },
  visitors: withFlow({
    CallExpression: checkCall,
    ObjectExpression: checkObject,
    JSXAttribute: checkJsxAttribute,
  }),
};
