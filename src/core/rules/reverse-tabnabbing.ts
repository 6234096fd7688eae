// reverse-tabnabbing: JSX links and forms that open another site with target="_blank" and no rel="noopener".
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { staticString, unwrap } from '../ast';
import { flatten } from '../url-flow';

/** Elements whose target opens a new browsing context, and the attribute that says where it goes. */
const DESTINATION: Record<string, string> = { a: 'href', area: 'href', form: 'action' };
/** Link types that take the opener away (noreferrer implies noopener), or ask for it on purpose. */
const OPENER_TOKENS = new Set(['noopener', 'noreferrer', 'opener']);
/** The URL parser drops tabs and newlines anywhere and leading C0 controls and spaces. */
const IGNORED_BY_URL_PARSER = /[\t\n\r]/g;
const LEADING_CONTROLS = /^[\u0000-\u0020]+/;
/** Another host: an http(s) URL, or scheme-relative (`//host`, and `/\host` or `\\host`, which browsers read the same). */
const OTHER_SITE = /^(?:https?:|[/\\]{2})/i;
/** A scheme of its own (mailto:, tel:, javascript:): no page that could use an opener. */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** A start that keeps the URL on this site: a path, `./`, `../`, a query or a fragment. */
const SAME_SITE_START = /^(?:\/(?![/\\])|\.{1,2}\/|[?#])/;
const BLANK = /_blank/i;

type Destination = { kind: 'same-site' } | { kind: 'other-site'; confidence: Confidence; what: string };

interface Attributes {
  byName: Map<string, TSESTree.JSXAttribute>;
  spread: boolean;
}

function attributesOf(node: TSESTree.JSXOpeningElement): Attributes {
  const byName = new Map<string, TSESTree.JSXAttribute>();
  let spread = false;
  for (const attribute of node.attributes) {
    if (attribute.type === 'JSXSpreadAttribute') spread = true;
    else if (attribute.name.type === 'JSXIdentifier') byName.set(attribute.name.name, attribute);
  }
  return { byName, spread };
}

/** The attribute's expression or literal; null for a bare attribute (`<a download>`). */
function valueOf(attribute: TSESTree.JSXAttribute): Node | null {
  const value = attribute.value;
  if (value?.type === 'JSXExpressionContainer') return value.expression.type === 'JSXEmptyExpression' ? null : value.expression;
  return value;
}

/** The attribute's text when it is a constant (a literal, or an expression that evaluates to one). */
function constantText(value: Node, context: RuleContext): string | undefined {
  const text = staticString(value);
  if (text !== undefined) return text;
  const evaluated = context.evaluate(value);
  return evaluated.kind === 'constant' ? evaluated.text : undefined;
}

function classifyText(raw: string): 'same-site' | 'other-site' | 'other-scheme' {
  const text = raw.replace(IGNORED_BY_URL_PARSER, '').replace(LEADING_CONTROLS, '');
  if (OTHER_SITE.test(text)) return 'other-site';
  if (OTHER_SCHEME.test(text)) return 'other-scheme';
  return 'same-site';
}

/** Where the link goes: this site, another site written out, or a URL chosen at run time. */
function destinationOf(value: Node, context: RuleContext): Destination | undefined {
  const text = constantText(value, context);
  if (text !== undefined) {
    const kind = classifyText(text);
    if (kind === 'other-scheme') return undefined;
    return kind === 'same-site' ? { kind } : { kind: 'other-site', confidence: 'low', what: 'another site' };
  }
  const [first] = flatten(unwrap(value));
  if (first && 'text' in first) {
    const start = first.text.replace(IGNORED_BY_URL_PARSER, '').replace(LEADING_CONTROLS, '');
    if (SAME_SITE_START.test(start)) return { kind: 'same-site' };
    // `https://twitter.com/intent/tweet?text=${...}`: the host is written out, only the rest varies.
    if (/^(?:https?:)?\/\/[^/?#\\]+[/?#]/i.test(start)) return { kind: 'other-site', confidence: 'low', what: 'another site' };
  }
  return { kind: 'other-site', confidence: 'medium', what: 'a URL chosen at run time' };
}

/** rel="..." written as a string: its link types; undefined when rel is computed. */
function relTokens(attribute: TSESTree.JSXAttribute, context: RuleContext): string[] | undefined {
  const value = valueOf(attribute);
  if (value === null) return [];
  const text = constantText(value, context);
  return text?.toLowerCase().split(/[\t\n\f\r ]+/).filter(Boolean);
}

/** Adds noopener: a new rel attribute after target, or the token appended inside a written rel string. */
function fixFor(element: string, target: TSESTree.JSXAttribute, rel: TSESTree.JSXAttribute | undefined, context: RuleContext): Fix | undefined {
  let edit: Fix['edits'][number];
  if (!rel) edit = { range: [target.range[1], target.range[1]], text: ' rel="noopener"' };
  else {
    const value = valueOf(rel);
    const literal = value && unwrap(value);
    if (literal?.type !== 'Literal' || typeof literal.value !== 'string') return undefined;
    const source = context.source(literal);
    // Only a plain quoted string, so the inserted text lands inside the quotes.
    if (source.length < 2 || source[0] !== source[source.length - 1] || !/["']/.test(source[0])) return undefined;
    const end = literal.range[1] - 1;
    edit = { range: [end, end], text: literal.value.trim() === '' || /\s$/.test(literal.value) ? 'noopener' : ' noopener' };
  }
  if (element === 'form') {
    return {
      title: 'Add noopener to rel (review: whether browsers already imply noopener for form targets is not in MDN\'s compatibility data; checked in Chromium only)',
      safety: 'review',
      edits: [edit],
    };
  }
  return {
    title: 'Add noopener to rel (safe: current browsers already open target="_blank" links without an opener, so pages behave the same there; the Referer header is kept)',
    safety: 'safe',
    edits: [edit],
  };
}

function check(node: TSESTree.JSXOpeningElement, context: RuleContext): void {
  if (node.name.type !== 'JSXIdentifier' || !context.mentions(BLANK)) return;
  const element = node.name.name;
  const destinationName = DESTINATION[element];
  if (destinationName === undefined) return;
  const { byName, spread } = attributesOf(node);
  // Spread props may carry rel (or another target): nothing certain to say.
  if (spread) return;
  const target = byName.get('target');
  const targetValue = target && valueOf(target);
  if (!target || !targetValue || constantText(targetValue, context)?.toLowerCase() !== '_blank') return;
  const rel = byName.get('rel');
  const tokens = rel ? relTokens(rel, context) : [];
  if (tokens === undefined || tokens.some((token) => OPENER_TOKENS.has(token))) return;
  const destinationAttribute = byName.get(destinationName);
  const destinationValue = destinationAttribute && valueOf(destinationAttribute);
  // No href: nothing opens; no action: the form posts to this page.
  if (!destinationValue) return;
  const destination = destinationOf(destinationValue, context);
  if (!destination || destination.kind === 'same-site') return;
  const fix = fixFor(element, target, rel, context);
  context.report({
    node,
    message: `<${element} target="_blank"> opens ${destination.what} without rel="noopener": browsers released before 2021 (Chrome 87, Firefox 78, Safari 12.0 and older) and webviews built on them give the opened page window.opener, which it can use to send this tab to a look-alike phishing page. Current browsers already imply noopener.`,
    confidence: destination.confidence,
    fixes: fix ? [fix] : [],
  });
}

export const reverseTabnabbing: Rule = {
  meta: {
    id: 'reverse-tabnabbing',
    category: 'web-config',
    title: 'target="_blank" without rel="noopener"',
    description: 'Links and forms that open another site in a new tab without rel="noopener" let that page redirect this tab in browsers older than 2021.',
    severity: 'info',
    cwe: [1022],
    fixable: true,
  },
  visitors: {
    JSXOpeningElement: check,
  },
};
