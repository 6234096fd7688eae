// xxe: libxmljs parsing with external entity expansion or external DTD loading switched on.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { isBooleanLiteral, memberPath, propertyName, unwrap } from '../ast';
import { sinkEvidence } from '../rule';
import { resolveInit, resolveObject } from '../static-value';

/**
 * libxmljs / libxmljs2 document parsers. xml2js, fast-xml-parser, sax, @xmldom/xmldom and xml-js never load
 * external entities, so they have nothing to switch on and are not listed.
 */
const PARSE = /^libxmljs2?\.(?:parseXml|parseXmlString|parseXmlAsync|parseXmlStringAsync|(?:XML)?Document\.fromXml)$/;
/** Options that substitute entities, external ones included (libxml2's XML_PARSE_NOENT). */
const ENTITY_OPTIONS = new Set(['noent', 'replaceEntities']);
/** Options that load the document's external DTD (XML_PARSE_DTDLOAD, implied by DTDVALID and DTDATTR). */
const DTD_OPTIONS = new Set(['dtdload', 'dtdvalid', 'dtdattr', 'validateEntities', 'validateAttributes']);
const ENTITY_FLAGS = new Set(['XML_PARSE_NOENT']);
const DTD_FLAGS = new Set(['XML_PARSE_DTDLOAD', 'XML_PARSE_DTDVALID', 'XML_PARSE_DTDATTR']);

type Kind = 'entities' | 'dtd';

interface Unsafe {
  kind: Kind;
  /** The option or flag that switches it on. */
  node: Node;
  /** `true` literals that a fix can turn to `false`, with what each switches on. */
  literals: { node: Node; kind: Kind }[];
}

/** What the parse options switch on, the worse first. */
function unsafeOptions(options: Node | undefined, context: RuleContext): Unsafe | undefined {
  const object = resolveObject(options, context);
  if (!object) return undefined;
  const found: Unsafe[] = [];
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const name = propertyName(property);
    if (name === undefined) continue;
    if ((ENTITY_OPTIONS.has(name) || DTD_OPTIONS.has(name)) && isBooleanLiteral(resolveInit(property.value, context), true)) {
      const literal = unwrap(property.value);
      const kind: Kind = ENTITY_OPTIONS.has(name) ? 'entities' : 'dtd';
      found.push({ kind, node: property, literals: literal.type === 'Literal' ? [{ node: literal, kind }] : [] });
    } else if (name === 'flags') {
      const flags = resolveInit(property.value, context);
      if (flags?.type !== 'ArrayExpression') continue;
      for (const element of flags.elements) {
        const flag = element && element.type !== 'SpreadElement' ? memberPath(element)?.split('.').pop() : undefined;
        if (flag && (ENTITY_FLAGS.has(flag) || DTD_FLAGS.has(flag))) found.push({ kind: ENTITY_FLAGS.has(flag) ? 'entities' : 'dtd', node: element as Node, literals: [] });
      }
    }
  }
  if (found.length === 0) return undefined;
  const worst = found.find((entry) => entry.kind === 'entities') ?? found[0];
  return { ...worst, literals: found.flatMap((entry) => entry.literals) };
}

const CONFIDENCE: Record<Kind, { unknown: Confidence; tainted: Confidence }> = {
  entities: { tainted: 'high', unknown: 'medium' },
  dtd: { tainted: 'medium', unknown: 'low' },
};

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined || !PARSE.test(name)) return;
  const unsafe = unsafeOptions(node.arguments[1], context);
  if (!unsafe) return;
  const input = context.evaluate(node.arguments[0]);
  const levels = CONFIDENCE[unsafe.kind];
  const evidence = sinkEvidence(input, levels.unknown);
  if (!evidence) return;
  const confidence = input.kind === 'tainted' || input.kind === 'source' ? levels.tainted : evidence.confidence;
  const what = context.source(unsafe.node);
  const message = unsafe.kind === 'entities'
    ? `Parsing XML with ${what} expands external entities, so a crafted document can read local files (file:///etc/passwd) into the result or make the server request internal URLs (XXE).`
    : `Parsing XML with ${what} loads the external DTD a document names, so a crafted document can make the server fetch internal URLs or local files (XXE).`;
  const kinds = new Set(unsafe.literals.map((literal) => literal.kind));
  const switched = kinds.has('entities') && kinds.has('dtd') ? 'entity expansion and DTD loading' : kinds.has('entities') ? 'entity expansion' : 'DTD loading';
  const fix: Fix | undefined = unsafe.literals.length > 0
    ? {
      title: `Turn off ${switched} (review: documents that rely on ${kinds.has('entities') ? 'entities' : 'their DTD'} parse differently)`,
      safety: 'review',
      edits: unsafe.literals.map(({ node: literal }) => ({ range: [literal.range[0], literal.range[1]] as [number, number], text: 'false' })),
    }
    : undefined;
  context.report({ node: unsafe.node, message, confidence, related: evidence.related, fixes: fix ? [fix] : [] });
}

export const xxe: Rule = {
  meta: {
    id: 'xxe',
    category: 'data-handling',
    title: 'XML external entity (XXE) processing',
    description: 'libxmljs parsing with noent / replaceEntities or DTD loading lets crafted XML read local files and reach internal URLs.',
    severity: 'error',
    cwe: [611],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};
