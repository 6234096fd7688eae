// format-string: user input used as the format string of util.format or console.* when more arguments follow.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Fix, Node } from '../types';
import { staticString, unwrap } from '../ast';
import { errorHandlerInput, inputLabel, isInput } from '../request-values';
import { flatten } from '../url-flow';
import type { Value } from '../bindings';

/** Functions that read printf-style specifiers (%s %d %i %f %j %o %O %c %%) from their format argument, by its index. */
const FORMATTERS: Record<string, number> = {
  'util.format': 0,
  'util.formatWithOptions': 1,
  'console.log': 0,
  'console.info': 0,
  'console.warn': 0,
  'console.error': 0,
  'console.debug': 0,
  'console.trace': 0,
  'console.assert': 1,
};

/** A template literal or a concatenation with a string literal: its value is a string whatever it contains. */
function isText(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'TemplateLiteral') return true;
  if (inner.type !== 'BinaryExpression' || inner.operator !== '+') return false;
  const left = unwrap(inner.left as Node);
  const right = unwrap(inner.right);
  return staticString(left) !== undefined || staticString(right) !== undefined || isText(left) || isText(right);
}

/** The input in the format: what the shared model sees, or a request read in Express error middleware. */
function formatInput(format: Node, at: Node, context: RuleContext): Value | undefined {
  const value = context.evaluate(format);
  if (isInput(value)) return value;
  for (const part of flatten(format)) {
    if ('node' in part) {
      const found = errorHandlerInput(part.node, at);
      if (found) return found;
    }
  }
  return undefined;
}

function check(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined || !(name in FORMATTERS)) return;
  const index = FORMATTERS[name];
  const format = node.arguments[index];
  // With nothing after the format, specifiers have nothing to consume and are printed as written.
  if (!format || format.type === 'SpreadElement' || node.arguments.length <= index + 1) return;
  const value = formatInput(format, node, context);
  if (!value || /^process\.argv/.test(inputLabel(value))) return;
  const evidence = sinkEvidence(value, undefined);
  if (!evidence) return;
  // Text stays text under '%s'; an object would be printed with depth 0 instead of inspected in full.
  const text = isText(format);
  const fixes: Fix[] = [{
    title: text
      ? "Pass the input as an argument of a constant '%s' format"
      : "Pass the input as an argument of a constant '%s' format (review: an object in that position is then printed with depth 0)",
    safety: text ? 'safe' : 'review',
    edits: [{ range: [format.range[0], format.range[0]], text: "'%s', " }],
  }];
  context.report({
    node: format,
    message: `The format string of ${name}() contains ${inputLabel(value)}; specifiers such as %s, %j or %o in it consume the other arguments, so a client can garble or forge the output.`,
    confidence: evidence.confidence,
    related: evidence.related,
    fixes,
  });
}

export const formatString: Rule = {
  meta: {
    id: 'format-string',
    category: 'injection',
    title: 'User-controlled format string',
    description: 'User input as the format string of util.format or console.* shifts and misattributes the other arguments through its % specifiers.',
    severity: 'warning',
    cwe: [134],
    fixable: true,
  },
  visitors: {
    CallExpression: check,
  },
};
