// Suppression comments: `codeward-ignore-next-line <rule>[, <rule>] -- <reason>` and `codeward-ignore-file ...`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Finding, Range } from './types';
import type { LineIndex } from './lines';

export const SUPPRESSION_MARKER = 'codeward-ignore';
export const SUPPRESSION_ADDED = 'suppression-added';

export interface Directive {
  scope: 'next-line' | 'file';
  ruleIds: string[];
  /** Without a reason a directive suppresses nothing. */
  reason: string | undefined;
  range: Range;
  /** 1-based line the directive applies to (next-line only). */
  targetLine: number;
}

const DIRECTIVE = /^\s*codeward-ignore-(next-line|file)\b([^]*)$/;

export function readDirectives(comments: readonly TSESTree.Comment[], lines: LineIndex): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value);
    if (!match) continue;
    const [rulesPart, ...reasonParts] = match[2].split(/\s--\s|\s--$/);
    const reason = reasonParts.join(' -- ').trim();
    const range: Range = [comment.range[0], comment.range[1]];
    directives.push({
      scope: match[1] === 'file' ? 'file' : 'next-line',
      ruleIds: rulesPart.split(/[\s,]+/).filter((id) => id.length > 0),
      reason: reason.length > 0 ? reason : undefined,
      range,
      targetLine: lines.position(range[1]).line + 1,
    });
  }
  return directives;
}

/** Marks findings covered by a directive with a reason; they are kept, not dropped. */
export function applyDirectives(findings: Finding[], directives: readonly Directive[]): void {
  const effective = directives.filter((directive) => directive.reason !== undefined);
  if (effective.length === 0) return;
  for (const finding of findings) {
    // A suppression must not hide the report that it was added.
    if (finding.ruleId === SUPPRESSION_ADDED) continue;
    const directive = effective.find(
      (candidate) =>
        candidate.ruleIds.includes(finding.ruleId) &&
        (candidate.scope === 'file' || candidate.targetLine === finding.start.line),
    );
    if (directive) finding.suppression = { kind: 'inSource', justification: directive.reason ?? '', range: directive.range };
  }
}
