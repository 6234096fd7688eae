// suppression-added: in a change scan, every suppression comment with a reason on an added line is reported, so
// inserted code cannot silence Codeward unseen. Whole-file scans do not run it (changesOnly).
import type { Rule } from '../rule';
import { SUPPRESSION_ADDED } from '../suppress';

const MAX_REASON = 120;

export const suppressionAdded: Rule = {
  meta: {
    id: SUPPRESSION_ADDED,
    category: 'meta',
    title: 'Suppression added in a change',
    description: 'A codeward-ignore comment added in the scanned change silences findings; a reviewer should accept it explicitly.',
    severity: 'warning',
    cwe: [],
    fixable: false,
    changesOnly: true,
  },
  visitors: {},
  finish(context) {
    for (const directive of context.directives) {
      // Without a reason it suppresses nothing; suppression-without-reason reports it.
      if (directive.reason === undefined) continue;
      const reason = directive.reason.length > MAX_REASON ? `${directive.reason.slice(0, MAX_REASON)}…` : directive.reason;
      const target = directive.scope === 'file' ? 'in the whole file' : 'on the next line';
      context.report({
        node: directive.range,
        message: `This change adds a codeward-ignore-${directive.scope} comment that silences ${directive.ruleIds.join(', ') || 'nothing'} ${target} (reason: "${reason}"); confirm the reason in review.`,
        confidence: 'high',
      });
    }
  },
};
