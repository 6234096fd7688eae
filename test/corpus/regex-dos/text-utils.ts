const STOP_WORDS = ['a', 'an', 'the', 'of'];
const stopWordRe = new RegExp(`\\b(?:${STOP_WORDS.join('|')})\\b`, 'gi'); // safe

export function stripStopWords(text: string): string {
  return text.replace(stopWordRe, '').replace(/\s+/g, ' ').trim(); // safe
}

export function extractHashtags(text: string): string[] {
  return text.match(/#[\w-]+/g) ?? []; // safe
}

export function isValidUrl(value: string): boolean {
  return /^(https?:\/\/)?([\da-z\.-]+)\.([a-z\.]{2,6})([\/\w \.-]*)*\/?$/.test(value); // expect: regex-dos
}

export function highlight(text: string, term: string): string {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), (m) => `<mark>${m}</mark>`); // safe
}
