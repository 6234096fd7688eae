// incomplete-sanitization: an escaping or stripping `.replace()` that replaces only the first occurrence.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { assignedName, isFunction, propertyName, staticString, unwrap } from '../ast';

/** Characters whose removal is a sanitiser: markup, quotes, shell separators. (`/`, `#`, `?`, `$` are stripped once on purpose.) */
const REMOVED = new Set(['<', '>', '"', "'", '`', ';', '|', '..']);
/** Characters that end markup, a quoted string or a shell word: escaping them only once is an injection. */
const INJECTING = new Set(['<', '>', '&', '"', "'", '`', '\\', '$', ';', '|']);
/** Characters an HTML escaper maps to entities, or a class of them matched with a lookup function. */
const MARKUP = new Set(['<', '>', '&', '"', "'", '`', '/', '=']);
const ENTITY = /^&(?:#\d+|#x[0-9a-f]+|[a-z]+);$/i;
const CODE_ESCAPE = /^\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|u\{[0-9a-f]+\})$/i;
const PUNCTUATION = /^[^\w\s]$/;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
/** Names that say a value is being made safe. */
const SANITIZING = /saniti[sz]|escap|clean|strip|safe|purif|xss|encode/i;

/** What a search pattern finds: one text (a character or `..`), or any one character of a class. */
interface Search {
  texts: string[];
  /** How the pattern is written, for the message. */
  shown: string;
}

/**
 * A string pattern, or a regex literal without g or y (with g too when `global` is set) whose pattern is one
 * character, `\.\.` or a class of characters.
 */
function searchOf(node: Node, global = false): Search | undefined {
  const text = staticString(node);
  if (text !== undefined) return text.length === 1 || text === '..' ? { texts: [text], shown: `'${text}'` } : undefined;
  const inner = unwrap(node);
  if (inner.type !== 'Literal' || !('regex' in inner) || !inner.regex) return undefined;
  const { pattern, flags } = inner.regex;
  if (flags.includes('y') || (flags.includes('g') && !global)) return undefined;
  const shown = `/${pattern}/${flags}`;
  if (pattern.length === 1 && !/[\\^$.*+?()[\]{}|]/.test(pattern)) return { texts: [pattern], shown };
  if (/^\\[^\w\s]$/.test(pattern)) return { texts: [pattern[1]], shown };
  if (pattern === '\\.\\.') return { texts: ['..'], shown };
  const members = /^\[((?:[^\]\\^-]|\\[^\w\s])+)\]$/.exec(pattern)?.[1];
  if (members === undefined) return undefined;
  const texts = [...members.matchAll(/\\?([\s\S])/g)].map((match) => match[1]);
  return texts.length > 0 && texts.every((char) => PUNCTUATION.test(char)) ? { texts, shown } : undefined;
}

type Kind = 'escape' | 'removal';

/** Whether the replacement escapes (or strips) what the pattern finds. */
function replacementKind(search: Search, replacement: Node): Kind | undefined {
  const [text] = search.texts;
  const single = search.texts.length === 1;
  const value = staticString(replacement);
  if (value === undefined) {
    // `.replace(/[&<>"']/, (char) => ENTITIES[char])`: an escaper's lookup, by a function or a named function.
    const inner = unwrap(replacement);
    const lookup = isFunction(inner) || inner.type === 'Identifier' || inner.type === 'MemberExpression';
    return lookup && search.texts.length >= 2 && search.texts.every((char) => MARKUP.has(char)) ? 'escape' : undefined;
  }
  if (value === '') return search.texts.every((char) => REMOVED.has(char)) ? 'removal' : undefined;
  if (!search.texts.every((char) => PUNCTUATION.test(char))) return undefined;
  if (ENTITY.test(value) || CODE_ESCAPE.test(value) || value === '\\$&') return 'escape';
  if (!single) return undefined;
  if (value === `\\${text}`) return 'escape';
  // SQL and CSV double a quote; a shell closes, escapes and reopens a single-quoted string.
  if ((text === "'" || text === '"') && value === text + text) return 'escape';
  if (text === "'" && (value === "'\\''" || value === `'"'"'`)) return 'escape';
  return undefined;
}

/** The same search as a global regex literal, or the regex literal with g added. */
function globalFix(search: Node, found: Search, kind: Kind, context: RuleContext): Fix {
  const inner = unwrap(search);
  const regex = inner.type === 'Literal' && 'regex' in inner && inner.regex;
  const edit = regex
    ? { range: [inner.range[1], inner.range[1]] as [number, number], text: 'g' }
    : { range: [search.range[0], search.range[1]] as [number, number], text: `/${found.texts[0].replace(REGEX_SYNTAX, '\\$&')}/g` };
  const what = found.texts.length === 1 ? `\`${found.texts[0]}\`` : 'matches';
  const after = regex ? `${context.source(search)}g` : edit.text;
  return {
    title: `Replace every occurrence with \`${after}\` (safe: the later ${what} are exactly what this call was written to ${kind === 'escape' ? 'escape' : 'remove'})`,
    safety: 'safe',
    edits: [edit],
  };
}

/** Whether a call escapes or strips a character, first occurrence or all: `.replace(/</g, '')`, `.replaceAll('>', '')`. */
function isSanitizingCall(node: Node | undefined): boolean {
  if (node?.type !== 'CallExpression' || node.arguments.length !== 2) return false;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || !/^replace(?:All)?$/.test(propertyName(callee) ?? '')) return false;
  const [searchNode, replacementNode] = node.arguments;
  if (searchNode.type === 'SpreadElement' || replacementNode.type === 'SpreadElement') return false;
  const search = searchOf(searchNode, true);
  return search !== undefined && replacementKind(search, replacementNode) !== undefined;
}

/**
 * Removing one `>` may be parsing (a blockquote's marker, `Name <email>`); it sanitises when the call is chained
 * with another escaping or stripping replace, or sits in a function or variable named for sanitising.
 */
function sanitizes(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression): boolean {
  const outer = node.parent?.type === 'MemberExpression' && node.parent.object === node ? node.parent.parent : undefined;
  if (isSanitizingCall(unwrap(callee.object)) || (outer?.type === 'CallExpression' && outer.callee === node.parent && isSanitizingCall(outer))) return true;
  for (let current: Node | undefined = node; current; current = current.parent) {
    const name = isFunction(current) && current.id ? current.id.name : assignedName(current);
    if (name !== undefined && SANITIZING.test(name)) return true;
    if (isFunction(current)) {
      const method = current.parent?.type === 'MethodDefinition' ? propertyName(current.parent) : undefined;
      return method !== undefined && SANITIZING.test(method);
    }
  }
  return false;
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'replace' || node.arguments.length !== 2) return;
  const [searchNode, replacementNode] = node.arguments;
  if (searchNode.type === 'SpreadElement' || replacementNode.type === 'SpreadElement') return;
  const search = searchOf(searchNode);
  if (!search) return;
  const kind = replacementKind(search, replacementNode);
  if (!kind) return;
  // `..` and a class of characters are stripped for safety wherever they are; one `<` or quote maybe not.
  if (kind === 'removal' && search.texts.length === 1 && search.texts[0] !== '..' && !sanitizes(node, callee)) return;
  // A constant string has no input to escape.
  const receiver = unwrap(callee.object);
  if (staticString(receiver) !== undefined) return;
  const replacement = staticString(replacementNode);
  const [text] = search.texts;
  const example = replacement !== undefined ? `: \`${text}${text}\` becomes \`${(text + text).replace(text, replacement)}\`` : '';
  const verb = kind === 'removal' ? 'removes' : 'escapes';
  const what = search.texts.length === 1 ? `\`${text}\`` : `match of \`${search.shown}\``;
  const patternKind = staticString(searchNode) !== undefined ? 'a string pattern replaces' : 'a regex without the g flag replaces';
  // Escaping `.` or `/` once (for a pattern, a URL) loosens a match rather than letting markup or quotes through.
  const confidence: Confidence = kind === 'escape' && search.texts.some((char) => INJECTING.has(char)) ? 'high' : 'medium';
  context.report({
    // From `.replace` on, so each call of a chain (`.replace('<', '&lt;').replace('>', '&gt;')`) has its own place.
    node: [callee.property.range[0], node.range[1]],
    message: `This replace() ${verb} only the first ${what} (${patternKind} one occurrence); input with a second one keeps it${example}. Replace every occurrence.`,
    confidence,
    fixes: [globalFix(searchNode, search, kind, context)],
  });
}

export const incompleteSanitization: Rule = {
  meta: {
    id: 'incomplete-sanitization',
    category: 'injection',
    title: 'Escaping that replaces only the first occurrence',
    description: "`s.replace('<', '&lt;')` and `.replace(/'/, \"\\\\'\")` escape or strip only the first match, so input with a second `<` or quote passes through unescaped.",
    severity: 'warning',
    cwe: [116],
    fixable: true,
  },
  visitors: {
    CallExpression: check,
  },
};
