// Results of unchanged files, kept between scans: a rescan reads and hashes each file and reuses what it found
// last time when nothing that could change the findings has changed. Any problem with the cache only costs speed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import type { SkippedPath } from './files';
import { RULES } from './rules';
import { TOOL_VERSION } from './docs';
import type { AnalysisOptions, FileReport } from './scan';

/** Bump when the stored shape or the meaning of a key changes. */
const CACHE_FORMAT = 1;

export interface CacheSettings {
  /** A file, or a directory (existing, or written with a trailing separator) to hold one file per scanned root. */
  location?: string;
  /** Called once a scan is done: how many files came from the cache, and what went wrong with it, if anything. */
  onReport?: (report: CacheReport) => void;
  /** What built the results; tests change it to prove that a new version misses. */
  tool?: string;
}

export interface CacheReport {
  file: string;
  hits: number;
  misses: number;
  /** One line each; the cache was ignored or not saved, the scan itself is complete. */
  problems: string[];
}

type CachedResult = Omit<FileReport, 'absolutePath'> | SkippedPath;

interface Entry {
  key: string;
  result: CachedResult;
}

interface CacheFile {
  format: number;
  entries: Record<string, Entry>;
}

/**
 * Manifests that import checks read, by the nearest directory (from the file upwards) that holds any of a group:
 * the package a file belongs to, the lockfile that pins it, what is installed.
 */
const PACKAGE_INPUT_GROUPS: readonly (readonly string[])[] = [
  ['package.json'],
  ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'],
  ['node_modules/.package-lock.json', 'node_modules/.yarn-state.yml', 'node_modules/.modules.yaml'],
  // What else the import checks resolve against: path aliases and Yarn's Plug'n'Play map.
  ['tsconfig.json', 'jsconfig.json'],
  ['.pnp.cjs', '.pnp.data.json'],
];

/**
 * Every input besides the file's own bytes and path that can change its results, for one scan. A new option or input
 * is one more line here; test/unit/cache.test.ts changes each one and expects a miss.
 */
export function scanKeyInputs(root: string, options: AnalysisOptions, tool: string): Record<string, string> {
  return {
    format: String(CACHE_FORMAT),
    tool,
    options: stableJson(options),
    scope: digestOf(join(root, '.codeward', 'scope.json')),
  };
}

/** The version and, for a bundle, its size and time, so a rebuilt development bundle does not reuse old results. */
export function toolIdentity(): string {
  const bundle = __filename.endsWith('.js') ? statSync(__filename, { throwIfNoEntry: false }) : undefined;
  const build = bundle ? `${bundle.size}:${bundle.mtimeMs}` : RULES.map((rule) => rule.meta.id).join(',');
  return `${TOOL_VERSION}+${build}`;
}

/** The key of one file's results: the scan's inputs, its package's manifests, its path and its content. */
export function fileCacheKey(scanInputs: Record<string, string>, packageInputs: string, path: string, bytes: Uint8Array): string {
  return createHash('sha256')
    .update(stableJson({ ...scanInputs, packages: packageInputs, path }))
    .update('\0')
    .update(bytes)
    .digest('hex');
}

/** Where results are kept by default: the user's cache folder, never inside the scanned tree. */
export function defaultCacheDirectory(): string {
  const home = homedir();
  if (process.env.XDG_CACHE_HOME) return join(process.env.XDG_CACHE_HOME, 'codeward');
  if (process.platform === 'win32') return join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'codeward', 'Cache');
  if (process.platform === 'darwin') return join(home, 'Library', 'Caches', 'codeward');
  return join(home, '.cache', 'codeward');
}

/** The cache file for a root: `location` itself when it names a file, else one file per root inside the folder. */
export function cacheFilePath(root: string, location?: string): string {
  if (location !== undefined && !location.endsWith('/') && !location.endsWith(sep) && !isExistingDirectory(location)) return resolve(location);
  const rootId = createHash('sha256').update(resolve(root)).digest('hex').slice(0, 16);
  return join(resolve(location ?? defaultCacheDirectory()), `results-${rootId}.json`);
}

/** One scan's view of the cache: look files up, store what was analysed, save once. */
export class ResultCache {
  readonly file: string;
  private readonly scanInputs: Record<string, string>;
  private readonly stored: Record<string, Entry>;
  private readonly fresh: Record<string, Entry> = {};
  private readonly packageInputsByDirectory = new Map<string, string>();
  private readonly nearestByGroup = new Map<string, string | undefined>();
  readonly problems: string[] = [];
  hits = 0;
  misses = 0;

  constructor(private readonly root: string, options: AnalysisOptions, settings: CacheSettings) {
    this.file = cacheFilePath(root, settings.location);
    this.scanInputs = scanKeyInputs(root, options, settings.tool ?? toolIdentity());
    this.stored = this.load();
  }

  /** The stored result when the file and every input are unchanged; the key to store under otherwise. */
  lookup(absolutePath: string, path: string): { hit: FileReport | SkippedPath } | { key: string } | undefined {
    const key = this.keyOf(absolutePath, path);
    // Unreadable: the analysis reads it again and reports why it cannot.
    if (key === undefined) return undefined;
    const entry = this.stored[path];
    if (entry?.key === key) {
      this.hits++;
      this.fresh[path] = entry;
      return { hit: 'findings' in entry.result ? { ...entry.result, absolutePath } : entry.result };
    }
    this.misses++;
    return { key };
  }

  /** The file's key now, or undefined when it cannot be read. */
  keyOf(absolutePath: string, path: string): string | undefined {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(absolutePath);
    } catch {
      return undefined;
    }
    return fileCacheKey(this.scanInputs, this.packageInputs(dirname(absolutePath)), path, bytes);
  }

  /**
   * Keeps a result under the key the file had before it was analysed, unless the file changed meanwhile: the
   * result may then be of the new content, and the old key could come back (an undo) and find it.
   */
  store(key: string, absolutePath: string, result: FileReport | SkippedPath): void {
    const { path } = result;
    if (this.keyOf(absolutePath, path) !== key) return;
    const cached: CachedResult = 'findings' in result ? { path, findings: result.findings, notes: result.notes } : result;
    this.fresh[path] = { key, result: cached };
  }

  /** Writes this scan's entries and keeps earlier ones whose files still exist (another folder's scan, say). */
  save(): void {
    const entries: Record<string, Entry> = {};
    for (const [path, entry] of Object.entries(this.stored)) {
      if (!(path in this.fresh) && existsSync(resolve(this.root, path))) entries[path] = entry;
    }
    Object.assign(entries, this.fresh);
    const content: CacheFile = { format: CACHE_FORMAT, entries };
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      // Written beside and renamed, so a scan that stops half-way never leaves half a file.
      const partial = `${this.file}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify(content));
      renameSync(partial, this.file);
    } catch (error) {
      this.problems.push(`cannot write the cache ${this.file} (${reason(error)}); results were not saved`);
    }
  }

  report(): CacheReport {
    return { file: this.file, hits: this.hits, misses: this.misses, problems: this.problems };
  }

  private load(): Record<string, Entry> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problems.push(`cannot read the cache ${this.file} (${reason(error)}); ignored`);
      return {};
    }
    try {
      const parsed = JSON.parse(text) as Partial<CacheFile>;
      if (parsed.format === CACHE_FORMAT && isRecord(parsed.entries)) return parsed.entries;
      if (typeof parsed.format === 'number' && parsed.format !== CACHE_FORMAT) return {};
    } catch {
      // reported below
    }
    this.problems.push(`the cache ${this.file} is not a Codeward cache or is damaged; ignored and rewritten`);
    return {};
  }

  private packageInputs(directory: string): string {
    let inputs = this.packageInputsByDirectory.get(directory);
    if (inputs === undefined) {
      inputs = PACKAGE_INPUT_GROUPS.map((group) => this.nearest(directory, group) ?? '-').join('|');
      this.packageInputsByDirectory.set(directory, inputs);
    }
    return inputs;
  }

  /** Digests of the group's files in the nearest directory (from `directory` upwards) holding any of them. */
  private nearest(directory: string, group: readonly string[]): string | undefined {
    const memo = `${group[0]}\0${directory}`;
    if (this.nearestByGroup.has(memo)) return this.nearestByGroup.get(memo);
    const present = group.filter((name) => existsSync(join(directory, name)));
    const parent = dirname(directory);
    const found = present.length > 0
      ? `${directory}:${present.map((name) => `${name}=${digestOf(join(directory, name))}`).join(',')}`
      : parent === directory ? undefined : this.nearest(parent, group);
    this.nearestByGroup.set(memo, found);
    return found;
  }
}

function isExistingDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

function digestOf(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable';
  }
}

/** JSON with object keys sorted, so equal settings written in another order give the same key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner) && !Array.isArray(inner) ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]])) : inner,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function reason(error: unknown): string {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message.split('\n')[0]) : String(error);
}
