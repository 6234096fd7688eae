// security-headers-disabled: helmet protections switched off, CSP script sources that allow inline script or eval, protective headers removed.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { propertyName, removalRange, staticString, unwrap } from '../ast';

const FRAME_ANCESTORS = /frame-ancestors|frameAncestors/;

const HELMET_MODULES = new Set(['helmet', 'koa-helmet', '@fastify/helmet', 'fastify-helmet']);

interface Protection {
  header: string;
  risk: string;
  consequence: string;
}

const CSP: Protection = {
  header: 'Content-Security-Policy',
  risk: 'an injected script runs unhindered, so any XSS bug becomes full account takeover',
  consequence: "inline scripts and resources not allowed by helmet's default policy will be blocked",
};
const FRAMING: Protection = {
  header: 'X-Frame-Options',
  risk: 'other sites can frame these pages and trick users into clicking hidden buttons (clickjacking)',
  consequence: 'other sites can no longer embed these pages in a frame',
};
const HSTS: Protection = {
  header: 'Strict-Transport-Security',
  risk: 'browsers keep accepting plain HTTP, so a network attacker can strip TLS and read or alter traffic',
  consequence: 'browsers will refuse plain HTTP for this host for the max-age period',
};
const NO_SNIFF: Protection = {
  header: 'X-Content-Type-Options',
  risk: 'browsers may sniff uploaded or user-supplied files as HTML or script and run them',
  consequence: 'resources served with a wrong Content-Type stop loading as scripts or styles',
};

/** helmet options (old and new names) whose `false` switches a protection off. */
const HELMET_OPTIONS: Record<string, Protection> = {
  contentSecurityPolicy: CSP,
  frameguard: FRAMING,
  xFrameOptions: FRAMING,
  hsts: HSTS,
  strictTransportSecurity: HSTS,
  noSniff: NO_SNIFF,
  xContentTypeOptions: NO_SNIFF,
};
const REMOVABLE: Record<string, Protection> = {
  'content-security-policy': CSP,
  'x-frame-options': FRAMING,
  'strict-transport-security': HSTS,
  'x-content-type-options': NO_SNIFF,
};
const SCRIPT_DIRECTIVES = new Set(['scriptSrc', 'script-src', 'scriptSrcElem', 'script-src-elem']);
const HEADER_SETTERS = new Set(['setHeader', 'set', 'header', 'append', 'appendHeader']);
/** Sources that make browsers ignore 'unsafe-inline' (CSP level 2 and later). */
const NEUTRALISING = /'nonce-|'sha(?:256|384|512)-|'strict-dynamic'/i;
/** Stands for a value computed at run time inside policy text (a nonce, a development-only source). */
const HOLE = '\u0000';

/** Whether an options object belongs to helmet: `helmet({...})`, `fastify.register(helmet, {...})`. */
function isHelmetOptions(object: TSESTree.ObjectExpression, context: RuleContext): boolean {
  const call = object.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(object)) return false;
  const name = context.qualifiedName(call.callee);
  if (name !== undefined && HELMET_MODULES.has(name)) return true;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'register') return false;
  const plugin = call.arguments[0];
  const pluginName = plugin && plugin.type !== 'SpreadElement' ? context.qualifiedName(plugin) : undefined;
  return pluginName !== undefined && HELMET_MODULES.has(pluginName);
}

function checkHelmetOption(node: TSESTree.Property, name: string, context: RuleContext): void {
  const protection = HELMET_OPTIONS[name];
  const value = unwrap(node.value);
  if (!protection || value.type !== 'Literal' || value.value !== false) return;
  const object = node.parent as TSESTree.ObjectExpression;
  if (!isHelmetOptions(object, context)) return;
  context.report({
    node,
    message: `'${name}: false' turns off helmet's ${protection.header} header; ${protection.risk}.`,
    confidence: 'medium',
    fixes: [
      {
        title: `Remove '${name}: false' to keep helmet's default (review: ${protection.consequence})`,
        safety: 'review',
        edits: [{ range: removalRange(node, object.properties, context.text), text: '' }],
      },
    ],
  });
}

/** Text of a policy, with run-time pieces replaced by HOLE: strings, templates, `[...].join('; ')`, variables. */
function policyText(node: Node | undefined, context: RuleContext, depth = 0): string | undefined {
  if (!node || depth > 4) return undefined;
  const inner = unwrap(node);
  const text = staticString(inner);
  if (text !== undefined) return text;
  if (inner.type === 'TemplateLiteral') {
    return inner.quasis.map((quasi, index) => (index > 0 ? HOLE : '') + (quasi.value.cooked ?? '')).join('');
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    return (policyText(inner.left as Node, context, depth + 1) ?? HOLE) + (policyText(inner.right, context, depth + 1) ?? HOLE);
  }
  if (inner.type === 'Identifier') {
    const declaration = context.declaration(inner.name);
    if (!declaration || declaration.pieces.length === 0) return undefined;
    return declaration.pieces.map((piece) => policyText(piece, context, depth + 1) ?? HOLE).join('');
  }
  if (inner.type === 'CallExpression') {
    const callee = unwrap(inner.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const method = propertyName(callee);
    if (method === 'join') {
      const array = unwrap(callee.object);
      if (array.type !== 'ArrayExpression') return undefined;
      const separator = inner.arguments.length === 0 ? ',' : staticString(inner.arguments[0]) ?? HOLE;
      return array.elements.map((element) => (element && element.type !== 'SpreadElement' ? policyText(element, context, depth + 1) ?? HOLE : HOLE)).join(separator);
    }
    if (method === 'replace' || method === 'replaceAll' || method === 'trim') return policyText(callee.object, context, depth + 1);
  }
  return undefined;
}

/** The unsafe keywords the script directive of a policy allows, if any. */
function unsafeScriptSources(policy: string): string[] {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    if (tokens.length > 0 && !directives.has(tokens[0].toLowerCase())) directives.set(tokens[0].toLowerCase(), tokens.slice(1));
  }
  const sources = directives.get('script-src') ?? directives.get('script-src-elem') ?? directives.get('default-src');
  if (!sources) return [];
  return unsafeKeywords(sources.join(' '), sources.map((source) => source.toLowerCase()));
}

/** `holes`: whether a run-time piece of the text might itself be a nonce (it might in a template, not as an array element). */
function unsafeKeywords(joined: string, sources: string[], holes = true): string[] {
  const found: string[] = [];
  if (sources.includes("'unsafe-inline'") && !NEUTRALISING.test(joined) && !(holes && joined.includes(HOLE))) found.push("'unsafe-inline'");
  if (sources.includes("'unsafe-eval'")) found.push("'unsafe-eval'");
  return found;
}

function keywordRisk(keywords: string[]): string {
  return keywords.includes("'unsafe-inline'")
    ? 'so injected inline scripts and event handlers run and the policy no longer stops XSS'
    : 'so strings reaching eval() or new Function() run as code and the policy no longer limits XSS';
}

/** Edits deleting some elements of a list, one per run of neighbours so that no two edits overlap. */
function removeElements(removed: Node[], elements: readonly Node[], context: RuleContext): { range: [number, number]; text: string }[] {
  const edits: { range: [number, number]; text: string }[] = [];
  for (let i = 0; i < elements.length; i++) {
    if (!removed.includes(elements[i])) continue;
    let j = i;
    while (j + 1 < elements.length && removed.includes(elements[j + 1])) j++;
    const next = elements[j + 1];
    const previous = elements[i - 1];
    let range: [number, number] = [elements[i].range[0], elements[j].range[1]];
    if (next) range = [elements[i].range[0], next.range[0]];
    else if (previous) range = [previous.range[1] + context.text.slice(previous.range[1], elements[i].range[0]).indexOf(','), elements[j].range[1]];
    edits.push({ range, text: '' });
    i = j;
  }
  return edits;
}

/** helmet `directives: { scriptSrc: ["'self'", "'unsafe-inline'"] }`. */
function checkDirective(node: TSESTree.Property, name: string, context: RuleContext): void {
  const object = node.parent as TSESTree.ObjectExpression;
  const holder = object.parent;
  if (holder?.type !== 'Property' || holder.value !== object || propertyName(holder) !== 'directives') return;
  const value = unwrap(node.value);
  if (value.type === 'ArrayExpression') {
    const elements = value.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== 'SpreadElement');
    const texts = elements.map((element) => staticString(element));
    const joined = elements.map((element, index) => texts[index] ?? (/nonce|sha(?:256|384|512)/i.test(context.source(element)) ? "'nonce-'" : HOLE)).join(' ');
    const keywords = unsafeKeywords(joined, texts.map((text) => (text ?? '').toLowerCase()), false);
    if (keywords.length === 0) return;
    const unsafe = elements.filter((_, index) => keywords.includes((texts[index] ?? '').toLowerCase()));
    context.report({
      node: unsafe[0],
      message: `The CSP ${name} directive allows ${keywords.join(' and ')}, ${keywordRisk(keywords)}.`,
      confidence: 'medium',
      fixes: [
        {
          title: `Remove ${keywords.join(' and ')} (review: inline scripts${keywords.includes("'unsafe-eval'") ? ' and eval()' : ''} stop running until they move to files or get a nonce)`,
          safety: 'review',
          edits: removeElements(unsafe, elements, context),
        },
      ],
    });
    return;
  }
  const text = policyText(value, context);
  if (text === undefined) return;
  const sources = text.trim().split(/\s+/);
  const keywords = unsafeKeywords(text, sources.map((source) => source.toLowerCase()));
  if (keywords.length > 0) reportPolicy(node.value, `The CSP ${name} directive`, keywords, context);
}

function reportPolicy(node: Node, what: string, keywords: string[], context: RuleContext): void {
  context.report({
    node,
    message: `${what} allows ${keywords.join(' and ')} for scripts, ${keywordRisk(keywords)}.`,
    confidence: 'medium',
  });
}

function checkHeaderValue(value: Node | undefined, context: RuleContext): void {
  if (!value) return;
  const text = policyText(value, context);
  if (text === undefined) return;
  const keywords = unsafeScriptSources(text);
  if (keywords.length > 0) reportPolicy(value, 'The Content-Security-Policy header', keywords, context);
}

function checkProperty(node: TSESTree.Property, context: RuleContext): void {
  if (node.parent?.type !== 'ObjectExpression' || node.kind !== 'init') return;
  const name = propertyName(node);
  if (name === undefined) return;
  if (HELMET_OPTIONS[name]) {
    checkHelmetOption(node, name, context);
    return;
  }
  // helmet merges its defaults (script-src 'self') into the directives, so default-src alone does not open scripts.
  if (SCRIPT_DIRECTIVES.has(name)) {
    checkDirective(node, name, context);
    return;
  }
  if (/^content-security-policy$/i.test(name)) {
    checkHeaderValue(node.value, context);
    return;
  }
  // Next.js headers(): { key: 'Content-Security-Policy', value: cspHeader }
  if (name === 'value') {
    const key = node.parent.properties.find((property) => property.type === 'Property' && propertyName(property) === 'key');
    if (key?.type === 'Property' && /^content-security-policy$/i.test(staticString(key.value) ?? '')) checkHeaderValue(node.value, context);
  }
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return;
  const method = propertyName(callee);
  const header = staticString(node.arguments[0])?.toLowerCase();
  if (header === undefined) return;
  if (method !== undefined && HEADER_SETTERS.has(method) && header === 'content-security-policy') {
    checkHeaderValue(node.arguments[1], context);
    return;
  }
  if (method !== 'removeHeader') return;
  const protection = REMOVABLE[header];
  if (!protection) return;
  // Framing allowed on purpose through CSP frame-ancestors is a replacement, not a removal.
  if (protection === FRAMING && context.mentions(FRAME_ANCESTORS)) return;
  context.report({
    node,
    message: `Removing the ${protection.header} header set by security middleware means ${protection.risk}.`,
    confidence: 'medium',
  });
}

export const securityHeadersDisabled: Rule = {
  meta: {
    id: 'security-headers-disabled',
    category: 'web-config',
    title: 'Security headers disabled',
    description: "helmet's CSP, frame, HSTS or no-sniff protections switched off, CSP script sources with 'unsafe-inline' or 'unsafe-eval', or protective headers removed.",
    severity: 'warning',
    cwe: [693],
    fixable: true,
  },
  visitors: {
    Property: checkProperty,
    CallExpression: checkCall,
  },
};
