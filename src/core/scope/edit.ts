// Writes scope files: a first one from a few answers, and a threat-model review recorded in place, keeping the
// rest of the text (comments, order, indentation) as the team wrote it.
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
import type { InitialScopeAnswers } from './model';
import { isCalendarDate } from './load';

/**
 * The text of a new `.codeward/scope.json`, two-space indented, ending with a newline. No `$schema` URL: the
 * extension contributes the schema, and a remote URL would make editors fetch it.
 */
export function initialScopeFile(answers: InitialScopeAnswers): string {
  const file = {
    classification: answers.classification,
    dataKinds: answers.dataKinds ?? [],
    frameworks: answers.frameworks ?? [],
    aiPolicy: {
      editsAllowed: answers.aiEditsAllowed ?? true,
      restrictedPaths: answers.restrictedPaths ?? [],
      reviewRequired: answers.reviewRequired ?? false,
      approvedAssistants: answers.approvedAssistants ?? [],
    },
    ...(answers.threatModelDocument ? { threatModel: { document: answers.threatModelDocument, reviewIntervalDays: 180 } } : {}),
    owners: answers.owners ?? [],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The scope file's text with `threatModel.lastReviewed` set to `date` (YYYY-MM-DD) and, when given, `threatModel.note`.
 * Only those values change. Throws on a malformed date: callers pass a date they made.
 */
export function recordThreatModelReview(text: string, date: string, note?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) throw new Error(`not a date YYYY-MM-DD: '${date}'`);
  const formatting = formattingOf(text);
  let updated = applyEdits(text, modify(text, ['threatModel', 'lastReviewed'], date, { formattingOptions: formatting }));
  if (note !== undefined && note.trim() !== '') {
    updated = applyEdits(updated, modify(updated, ['threatModel', 'note'], note.trim(), { formattingOptions: formatting }));
  }
  return updated;
}

/** The file's own indentation and line ending, so inserted properties look like their neighbours. */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
