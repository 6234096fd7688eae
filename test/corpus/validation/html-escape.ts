// Helpers for the email templates and the admin CSV export.

export function escapeHtml(text: string): string {
  return text
    .replace('&', '&amp;') // expect: incomplete-sanitization
    .replace('<', '&lt;') // expect: incomplete-sanitization
    .replace('>', '&gt;') // expect: incomplete-sanitization
    .replace(/"/, '&quot;') // expect: incomplete-sanitization
    .replace(/'/g, '&#39;'); // safe
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`); // safe
}

export function toJsString(value: string): string {
  return `'${value.replace('\\', '\\\\').replace("'", "\\'")}'`; // expect: incomplete-sanitization
}

export function csvCell(value: string): string {
  return `"${value.replace('"', '""')}"`; // expect: incomplete-sanitization
}

export function stripTags(input: string): string {
  return input.replace(/[<>]/, ''); // expect: incomplete-sanitization
}

export function safeFileName(name: string): string {
  return name.replace('..', '').replace(/[\\/]/g, '_'); // expect: incomplete-sanitization
}

export function routeKey(path: string): string {
  return path.replace('/', '').replace(/\//g, '.'); // safe
}

export function anchorId(hash: string): string {
  return hash.replace('#', ''); // safe
}

export function fillTemplate(template: string, name: string): string {
  return template.replace('{{name}}', escapeHtml(name)); // safe
}

export function toPosix(path: string): string {
  return path.replace('\\', '/'); // safe
}

export function prettyQuotes(text: string): string {
  return text.replace("'", '\u2019'); // safe
}

export function parseAmount(price: string): number {
  return Number(price.replace('$', '').replace(',', '')); // safe
}
