// agent-instruction-hidden-text: invisible or direction-changing characters in files agents read as instructions.
import type { Rule } from '../rule';
import type { Fix } from '../types';

/** Zero-width and invisible formatting characters, bidi controls, tag characters and supplementary variation selectors. */
const HIDDEN = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]|\uDB40[\uDD00-\uDDEF]/g;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\uFE0F/u;
const BLACK_FLAG = '\u{1F3F4}';
const BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

interface Run {
  start: number;
  end: number;
  chars: string[];
}

/** A zero-width joiner between emoji and the tag sequence of a subdivision flag are how emoji are written, not hidden text. */
function isEmojiPart(text: string, index: number, char: string): boolean {
  if (char === '\u200D') {
    const before = text.slice(Math.max(0, index - 2), index);
    const after = text.slice(index + 1, index + 3);
    return PICTOGRAPH.test(before) && PICTOGRAPH.test(after);
  }
  if (char.startsWith('\uDB40') && char.charCodeAt(1) <= 0xdc7f) {
    let start = index;
    while (start >= 2 && text.charCodeAt(start - 2) === 0xdb40) start -= 2;
    return text.slice(Math.max(0, start - 2), start) === BLACK_FLAG;
  }
  return false;
}

function codePointName(char: string): string {
  const point = char.codePointAt(0) ?? 0;
  return `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Tag characters spell ASCII: showing it tells the reviewer what was hidden. */
function decodedTags(chars: string[]): string {
  return chars
    .map((char) => char.codePointAt(0) ?? 0)
    .filter((point) => point >= 0xe0020 && point <= 0xe007e)
    .map((point) => String.fromCharCode(point - 0xe0000))
    .join('');
}

function describe(run: Run): string {
  const names = [...new Set(run.chars.map(codePointName))];
  const listed = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
  const hidden = decodedTags(run.chars);
  const spelled = hidden.length > 0 ? `; they spell "${hidden.length > 60 ? `${hidden.slice(0, 60)}…` : hidden}"` : '';
  const kind = run.chars.every((char) => BIDI.test(char)) ? 'direction-changing' : 'invisible';
  const count = run.chars.length === 1 ? `A${kind === 'invisible' ? 'n' : ''} ${kind} character` : `${run.chars.length} ${kind} characters`;
  return `${count} (${listed}) in a file the agent reads as instructions${spelled}: the agent reads text that reviewers do not see as written, a way to plant instructions in the repository.`;
}

export const agentInstructionHiddenText: Rule = {
  meta: {
    id: 'agent-instruction-hidden-text',
    category: 'agent-access',
    title: 'Hidden characters in agent instructions',
    description: 'Zero-width characters, Unicode tag characters (U+E0000-E007F), bidirectional controls and other invisible code points in AGENTS.md, CLAUDE.md, Copilot instructions and Cursor rules carry text the agent reads but a reviewer cannot see.',
    severity: 'warning',
    cwe: [1427],
    fixable: true,
  },
  visitors: {},
  checkAgentFile(file, report) {
    if (file.entry.role !== 'instructions') return;
    const text = file.text;
    const runs: Run[] = [];
    for (const match of text.matchAll(HIDDEN)) {
      const index = match.index ?? 0;
      if (isEmojiPart(text, index, match[0])) continue;
      const last = runs[runs.length - 1];
      if (last && last.end === index) {
        last.end = index + match[0].length;
        last.chars.push(match[0]);
      } else runs.push({ start: index, end: index + match[0].length, chars: [match[0]] });
    }
    for (const run of runs) {
      const bidi = run.chars.some((char) => BIDI.test(char));
      const fix: Fix = bidi
        ? { title: 'Delete the hidden characters (review: right-to-left text may display differently)', safety: 'review', edits: [{ range: [run.start, run.end], text: '' }] }
        : { title: 'Delete the hidden characters', safety: 'safe', edits: [{ range: [run.start, run.end], text: '' }] };
      report({ range: [run.start, run.end], message: describe(run), confidence: bidi && run.chars.every((char) => char === '\u200E' || char === '\u200F') ? 'medium' : 'high', fixes: [fix] });
    }
  },
};
