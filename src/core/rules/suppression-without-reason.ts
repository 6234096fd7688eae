// suppression-without-reason: a codeward-ignore comment must say why; without a reason it suppresses nothing.
import type { Rule } from '../rule';

export const suppressionWithoutReason: Rule = {
  meta: {
    id: 'suppression-without-reason',
    category: 'meta',
    title: 'Suppression without a reason',
    description: 'A codeward-ignore comment without "-- <reason>" suppresses nothing; reviewers need the reason to accept the risk.',
    severity: 'warning',
    cwe: [],
    fixable: false,
  },
  visitors: {},
  finish(context) {
    for (const directive of context.directives) {
      if (directive.reason !== undefined) continue;
      context.report({
        node: directive.range,
        message: `This codeward-ignore-${directive.scope} comment has no reason, so it suppresses nothing. Add " -- <why this is safe>".`,
        confidence: 'high',
      });
    }
  },
};
