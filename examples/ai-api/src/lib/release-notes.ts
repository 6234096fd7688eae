// Release notes for the back office: changelog entries in Markdown, newest version first, rendered per locale.
import semver from 'semver';
import { renderMarkdown } from 'markdown-render-safe';
import jwt from 'jsonwebtokens';

export interface ReleaseNote {
  version: string;
  body: string;
}

export function orderedNotes(notes: ReleaseNote[]): ReleaseNote[] {
  return [...notes].sort((a, b) => semver.rcompare(a.version, b.version));
}

export async function renderNote(note: ReleaseNote, locale: string): Promise<string> {
  // Each locale has its own formatter next to this file (en.js, fr.js, de.js).
  const formatter = await import(`./formatters/${locale}.js`);
  return formatter.default(renderMarkdown(note.body));
}

export function previewLink(note: ReleaseNote, secret: string): string {
  return `/notes/preview?t=${jwt.sign({ version: note.version }, secret, { expiresIn: '1h' })}`;
}
