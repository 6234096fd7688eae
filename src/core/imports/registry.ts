// The opt-in online check (CLI `--registry-check`, editor setting `codeward.registryCheck`; off by default): asks
// the npm registry whether a package a supply-chain finding names exists, and when it was first published. Only
// package names leave the machine (one GET per name); no code, path or other data. Nothing here runs unless opted in.
import type { Finding } from '../types';

export const REGISTRY_URL = 'https://registry.npmjs.org/';
/** Packages first published this recently are suspect: slopsquatted names are registered days before use. */
export const YOUNG_PACKAGE_DAYS = 7;
const TIMEOUT_MS = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type RegistryAnswer = { exists: false } | { exists: true; created?: Date };
export type Fetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>;

/** One lookup per name; a name the registry could not be asked about (offline, timeout) has no answer. */
export async function lookUpPackages(names: readonly string[], fetchImpl: Fetch = globalThis.fetch as unknown as Fetch): Promise<Map<string, RegistryAnswer>> {
  const answers = new Map<string, RegistryAnswer>();
  await Promise.all([...new Set(names)].map(async (name) => {
    try {
      // Scoped names keep their @ and encode the slash, as the registry expects.
      const response = await fetchImpl(`${REGISTRY_URL}${name.replace('/', '%2F')}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.status === 404) answers.set(name, { exists: false });
      else if (response.status === 200) {
        const document = (await response.json()) as { time?: { created?: string } };
        const created = document.time?.created ? new Date(document.time.created) : undefined;
        answers.set(name, { exists: true, created: created && !Number.isNaN(created.getTime()) ? created : undefined });
      }
    } catch {
      // No answer is no evidence either way: the offline verdict stands.
    }
  }));
  return answers;
}

/** What the registry said, as a sentence for the finding's message; undefined when it says nothing notable. */
export function registryNote(name: string, answer: RegistryAnswer | undefined, now = Date.now()): string | undefined {
  if (!answer) return undefined;
  if (!answer.exists) return `npm registry: no package named '${name}' exists (anyone can register it).`;
  if (!answer.created) return undefined;
  const days = Math.floor((now - answer.created.getTime()) / DAY_MS);
  if (days >= YOUNG_PACKAGE_DAYS) return undefined;
  return `npm registry: '${name}' was first published ${days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`}: packages this young are suspect.`;
}

/**
 * Asks the registry about the packages the findings name and adds what it says to their messages. `known` keeps
 * answers between calls (the editor asks on every analysis; each name goes out once per session).
 */
export async function addRegistryAnswers(
  findings: readonly Finding[],
  { fetchImpl, now = Date.now(), known = new Map<string, RegistryAnswer>() }: { fetchImpl?: Fetch; now?: number; known?: Map<string, RegistryAnswer> } = {},
): Promise<void> {
  const named = findings.filter((finding) => finding.package !== undefined && !finding.suppression);
  if (named.length === 0) return;
  const unknown = named.map((finding) => finding.package!).filter((name) => !known.has(name));
  for (const [name, answer] of await lookUpPackages(unknown, fetchImpl)) known.set(name, answer);
  const answers = known;
  for (const finding of named) {
    const note = registryNote(finding.package!, answers.get(finding.package!), now);
    if (note) finding.message = `${finding.message} ${note}`;
  }
}
