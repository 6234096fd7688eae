// global-regex-test: a shared regex with the g flag used by .test()/.exec(), which resume from the last match.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { FileState } from '../rule';
import { isFunction, propertyName, unwrap } from '../ast';

const REGEXP_CONSTRUCTORS = new Set(['RegExp', 'globalThis.RegExp', 'window.RegExp']);
/** Files without these calls have nothing to report. */
const CALLS = /\.(?:test|exec)\s*\(/;
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

interface Candidate {
  id: TSESTree.Identifier;
  declarator: TSESTree.VariableDeclarator;
  /** The regex literal, or the flags argument of `new RegExp(source, 'g')`. */
  flagsNode: TSESTree.Literal;
  flags: string;
}

interface Site {
  call: TSESTree.CallExpression;
  method: 'test' | 'exec';
}

interface State {
  candidates: Map<string, Candidate>;
  sites: Map<string, Site[]>;
  /** Names used in any other way (passed, exported, lastIndex read, declared twice, called in a loop's condition). */
  otherUse: Set<string>;
}

const state = new FileState<State>(() => ({ candidates: new Map(), sites: new Map(), otherUse: new Set() }));

/** `/re/g`, or `new RegExp(source, 'g')` with constant flags: the flags and where they are written. */
function globalRegex(init: Node): Pick<Candidate, 'flagsNode' | 'flags'> | undefined {
  const inner = unwrap(init);
  if (inner.type === 'Literal' && 'regex' in inner && inner.regex) return { flagsNode: inner, flags: inner.regex.flags };
  if (inner.type !== 'NewExpression' && inner.type !== 'CallExpression') return undefined;
  const flagsNode = inner.arguments[1];
  if (!flagsNode || flagsNode.type !== 'Literal' || typeof flagsNode.value !== 'string') return undefined;
  if (inner.callee.type !== 'Identifier' && inner.callee.type !== 'MemberExpression') return undefined;
  return { flagsNode, flags: flagsNode.value };
}

function declarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
  if (node.id.type !== 'Identifier' || !node.init || !context.mentions(CALLS)) return;
  const found = globalRegex(node.init);
  if (!found || !found.flags.includes('g') || found.flags.includes('y')) return;
  const inner = unwrap(node.init);
  if (inner.type !== 'Literal') {
    const name = context.qualifiedName((inner as TSESTree.NewExpression).callee);
    if (name === undefined || !REGEXP_CONSTRUCTORS.has(name)) return;
  }
  const files = state.get(context);
  const declaration = node.parent;
  const exported = declaration?.parent?.type === 'ExportNamedDeclaration';
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const' || exported || files.candidates.has(node.id.name)) {
    files.otherUse.add(node.id.name);
    return;
  }
  files.candidates.set(node.id.name, { id: node.id, declarator: node, ...found });
}

/** Identifiers that name a property or a label rather than read a variable. */
function isNotAReference(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return parent.property === node && !parent.computed;
    case 'Property':
      return parent.key === node && !parent.computed && !parent.shorthand;
    case 'MethodDefinition':
    case 'PropertyDefinition':
    case 'TSPropertySignature':
    case 'TSAbstractPropertyDefinition':
    case 'TSAbstractMethodDefinition':
      return parent.key === node && !parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
      return true;
    default:
      return false;
  }
}

/** Whether the call sits in the condition of a loop, or anywhere in a while/do-while loop: stepping on purpose. */
function stepsThroughMatches(call: Node): boolean {
  let child: Node = call;
  for (let current = call.parent; current && !isFunction(current); child = current, current = current.parent) {
    if (current.type === 'WhileStatement' || current.type === 'DoWhileStatement') return true;
    if (current.type === 'ForStatement' && (current.test === child || current.update === child)) return true;
  }
  return false;
}

function identifier(node: TSESTree.Identifier, context: RuleContext): void {
  if (isNotAReference(node) || !context.mentions(CALLS)) return;
  const files = state.get(context);
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id === node && files.candidates.get(node.name)?.id === node) return;
  const call = parent?.parent;
  const method = parent?.type === 'MemberExpression' && parent.object === node ? propertyName(parent) : undefined;
  if ((method === 'test' || method === 'exec') && call?.type === 'CallExpression' && call.callee === parent && !stepsThroughMatches(call)) {
    const sites = files.sites.get(node.name) ?? [];
    sites.push({ call, method });
    files.sites.set(node.name, sites);
    return;
  }
  files.otherUse.add(node.name);
}

/** Where a fresh regex object is made: the enclosing function, loop or program of the declaration. */
function container(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) || LOOPS.has(current.type) || current.type === 'Program') return current;
  }
  return undefined;
}

/** Whether a call can run more than once on the same regex object: inside a callback, function or loop below its declaration. */
function repeats(call: Node, scope: Node): boolean {
  for (let current = call.parent; current && current !== scope; current = current.parent) {
    if (isFunction(current) || LOOPS.has(current.type)) return true;
  }
  return false;
}

function removeG(candidate: Candidate, context: RuleContext): Fix {
  const flags = candidate.flags.replace('g', '');
  const node = candidate.flagsNode;
  const source = node.parent?.type === 'NewExpression' || node.parent?.type === 'CallExpression' ? node.parent.arguments[0] : undefined;
  const edit = 'regex' in node && node.regex
    ? { range: [node.range[1] - node.regex.flags.length, node.range[1]] as [number, number], text: flags }
    : flags === '' && source
      // `new RegExp(source, 'g')` becomes `new RegExp(source)`.
      ? { range: [source.range[1], node.range[1]] as [number, number], text: '' }
      : { range: [node.range[0], node.range[1]] as [number, number], text: `${context.text[node.range[0]]}${flags}${context.text[node.range[0]]}` };
  return {
    title: 'Remove the g flag (safe: the regex is only used by .test()/.exec(), where the flag only carries a stale position from one call to the next)',
    safety: 'safe',
    edits: [edit],
  };
}

function finish(context: RuleContext): void {
  const files = state.take(context);
  if (!files) return;
  for (const [name, candidate] of files.candidates) {
    const sites = files.sites.get(name) ?? [];
    if (files.otherUse.has(name) || sites.length === 0) continue;
    // `RE.exec(s)` twice on the same string walks through its matches on purpose.
    const argumentsText = sites.map((site) => (site.call.arguments[0] ? context.source(site.call.arguments[0]) : ''));
    const stepping = sites.some((site, index) => sites.some((other, at) => at !== index && argumentsText[at] === argumentsText[index] && (site.method === 'exec' || other.method === 'exec')));
    if (stepping) continue;
    const scope = container(candidate.declarator);
    if (!scope) continue;
    const repeated = sites.find((site) => repeats(site.call, scope));
    if (!repeated && sites.length < 2) continue;
    const shown = repeated ?? sites[1];
    const method = shown.method;
    context.report({
      node: candidate.declarator.init ?? candidate.declarator,
      message: `\`${name}\` has the g flag, so each .${method}() starts where the previous match ended (lastIndex) instead of at the start: after one match, the next call on another string can miss, so a validator rejects every second valid input and a deny-list lets a blocked value through. Remove the g flag.`,
      confidence: 'high',
      related: [{ node: shown.call, message: repeated ? 'Called here, more than once on the same regex object.' : 'Called here after an earlier call on the same regex object.' }],
      fixes: [removeG(candidate, context)],
    });
  }
}

export const globalRegexTest: Rule = {
  meta: {
    id: 'global-regex-test',
    category: 'data-handling',
    title: 'Shared global regex used with test() or exec()',
    description: 'A regex constant with the g flag keeps lastIndex between .test()/.exec() calls, so the next check starts mid-string and misses matches: validators reject every second input, deny-lists let input through.',
    severity: 'warning',
    cwe: [185],
    fixable: true,
  },
  visitors: {
    VariableDeclarator: declarator,
    Identifier: identifier,
  },
  finish,
};
