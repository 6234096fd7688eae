// Tolerant parsing: typescript-estree with only the options the rules need; failures become notes.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Note } from './types';
import { LineIndex } from './lines';

const JSX_EXTENSION = /\.(?:jsx|tsx)$/i;
const TYPESCRIPT_EXTENSION = /\.(?:[cm]?ts|tsx)$/i;

type Parser = typeof import('./parser');
let loaded: Parser | undefined;

/**
 * Loaded on first use (a third of a second with TypeScript): a rescan served from the cache, and the thread that
 * feeds a scan's workers, never parse. The build keeps it in its own bundle, dist/parser.js.
 */
function parser(): Parser {
  loaded ??= require('./parser') as Parser;
  return loaded;
}

export type ParseOutcome =
  | { ok: true; program: TSESTree.Program; comments: TSESTree.Comment[] }
  | { ok: false; note: Note };

/**
 * Comments are requested only when the caller needs them (a suppression marker is present):
 * collecting them costs parse time on every keystroke otherwise.
 */
export function parseSource(text: string, filePath: string, lines: LineIndex, withComments: boolean): ParseOutcome {
  // .js files may hold JSX (React projects rarely rename them); TypeScript files cannot, since `<T>x` is a cast.
  const jsx = JSX_EXTENSION.test(filePath) || !TYPESCRIPT_EXTENSION.test(filePath);
  try {
    const program = parser().parse(text, {
      jsx,
      range: true,
      // Rules use offsets only, yet loc: true is ~10% faster: without it typescript-estree deletes loc from every node.
      loc: true,
      comment: withComments,
      tokens: false,
      filePath,
      loggerFn: false,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ok: true, program, comments: program.comments ?? [] };
  } catch (error) {
    return { ok: false, note: failureNote(error, lines) };
  }
}

function failureNote(error: unknown, lines: LineIndex): Note {
  if (error instanceof parser().TSError) {
    const start = lines.position(error.index);
    return { kind: 'parse-error', message: `Not analysed: syntax error: ${error.message.split('\n')[0]}`, start };
  }
  if (error instanceof RangeError) {
    return { kind: 'too-deep', message: 'Not analysed: the code is nested too deeply for the parser.' };
  }
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { kind: 'parse-error', message: `Not analysed: the parser failed: ${reason}` };
}
