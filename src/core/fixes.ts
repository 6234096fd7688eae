// Fixes as data: choosing which edits can be applied together, and the edit that suppresses a finding.
import type { Finding, Fix, TextEdit } from './types';
import { fileKind } from './file-kinds';
import { agentLineComment } from './agents/catalog';

/**
 * The first "safe" fix of each unsuppressed finding, dropping any fix whose edits overlap one already chosen,
 * so a fix-all never applies two edits to the same text. Sorted by position.
 */
export function combinedSafeEdits(findings: readonly Finding[]): { edits: TextEdit[]; fixes: Fix[] } {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const finding of findings) {
    if (finding.suppression) continue;
    // A fix-all edits the file at hand: fixes that edit another file (package.json) are left to the user.
    const fix = finding.fixes.find((candidate) => candidate.safety === 'safe' && candidate.edits.every((edit) => edit.path === undefined));
    if (!fix) continue;
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return { edits: taken.sort((a, b) => a.range[0] - b.range[0]), fixes: chosen };
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return a.range[0] < b.range[1] && b.range[0] < a.range[1] || a.range[0] === b.range[0];
}

/** Applies non-overlapping edits to a text (offsets refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.range[0] - a.range[0])) {
    result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  }
  return result;
}

/** Whether a suppression comment can be written in this kind of file (JSON has no comments). */
export function canSuppressIn(filePath: string): boolean {
  return lineCommentFor(filePath) !== undefined;
}

/** How a line comment starts in a file, or undefined where the format has none (JSON). */
function lineCommentFor(filePath: string): string | undefined {
  const kind = fileKind(filePath);
  if (kind === 'config') return /\.json$/i.test(filePath) ? undefined : '#';
  if (kind === 'agent') return agentLineComment(filePath);
  return '//';
}

/**
 * The comment that suppresses `finding` on its line, inserted above it with the same indentation:
 * `// codeward-ignore-next-line <rule> -- <reason>` (`#` in .env, YAML, properties and Dockerfiles).
 * Undefined for formats without comments. Reasons are kept on one line.
 */
export function suppressionEdit(text: string, finding: Finding, reason: string, filePath = 'file.ts'): TextEdit | undefined {
  const comment = lineCommentFor(filePath);
  if (!comment) return undefined;
  const lineStart = text.lastIndexOf('\n', finding.range[0] - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const cleanReason = reason.replace(/\s+/g, ' ').trim();
  return { range: [lineStart, lineStart], text: `${indent}${comment} codeward-ignore-next-line ${finding.ruleId} -- ${cleanReason}${newline}` };
}
