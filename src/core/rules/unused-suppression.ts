// unused-suppression: a codeward-ignore comment that silences nothing any more. Stale suppressions are blanket
// permissions: the next flaw written on that line, or anywhere in that file, would be hidden unseen. Unused entries
// of the suppressions ledger are reported under this rule too (src/core/review/policy.ts).
import type { Rule } from '../rule';
import { SUPPRESSION_ADDED } from '../suppress';
import { findRule } from '.';

export const UNUSED_SUPPRESSION = 'unused-suppression';

export const unusedSuppression: Rule = {
  meta: {
    id: UNUSED_SUPPRESSION,
    category: 'meta',
    title: 'Unused suppression',
    description: 'A codeward-ignore comment or a suppressions-ledger entry that matches no finding; it would silently hide the next one.',
    severity: 'warning',
    cwe: [],
    fixable: true,
  },
  visitors: {},
  afterReports(context, reported, enabledRuleIds) {
    for (const directive of context.directives) {
      // Without a reason it suppresses nothing; suppression-without-reason reports it.
      if (directive.reason === undefined) continue;
      const unused = directive.ruleIds.filter((ruleId) => {
        // A rule switched off here may be on elsewhere (the editor, CI): its directive cannot be judged.
        if (ruleId === UNUSED_SUPPRESSION || ruleId === SUPPRESSION_ADDED) return false;
        if (!findRule(ruleId)) return true;
        if (!enabledRuleIds.has(ruleId)) return false;
        return !reported.some((finding) => finding.ruleId === ruleId && (directive.scope === 'file' || finding.line === directive.targetLine));
      });
      if (unused.length === 0) continue;
      const unknown = unused.filter((ruleId) => !findRule(ruleId));
      const where = directive.scope === 'file' ? 'in this file' : 'on the next line';
      const all = unused.length === directive.ruleIds.length;
      context.report({
        node: directive.range,
        message:
          `This codeward-ignore-${directive.scope} comment suppresses ${unused.join(', ')} ${where}, but there is no such finding there` +
          (unknown.length > 0 ? ` (${unknown.join(', ')}: no such rule)` : '') +
          (all ? '; delete the comment.' : '; remove those rule ids from it.'),
        confidence: 'high',
        fixes: all ? [{ title: 'Delete the unused suppression comment', safety: 'safe', edits: [{ range: lineRange(context.text, directive.range), text: '' }] }] : [],
      });
    }
  },
};

/** The comment's whole line when nothing else is on it, else the comment alone. */
function lineRange(text: string, [start, end]: [number, number]): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, newline < 0 ? text.length : newline).trim() === '';
  return alone ? [lineStart, lineEnd] : [start, end];
}
