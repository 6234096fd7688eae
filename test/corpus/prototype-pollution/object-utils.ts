const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function setPath(target: Record<string, any>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = target;
  for (const key of keys.slice(0, -1)) {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`Refusing to set ${path}`);
    current[key] ??= {};
    current = current[key];
  }
  const last = keys[keys.length - 1];
  if (FORBIDDEN_KEYS.has(last)) throw new Error(`Refusing to set ${path}`);
  current[last] = value; // safe
}

export function countBy<T>(items: T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1; // safe
  return counts;
}

export function parseQueryString(qs: string): Record<string, string> {
  const result: Record<string, any> = {};
  for (const pair of qs.split('&')) {
    const [rawKey, rawValue = ''] = pair.split('=');
    const [key, sub] = decodeURIComponent(rawKey).split('.');
    if (sub) {
      result[key] = result[key] || {};
      result[key][sub] = decodeURIComponent(rawValue); // expect: prototype-pollution
    } else {
      result[key] = decodeURIComponent(rawValue);
    }
  }
  return result;
}
