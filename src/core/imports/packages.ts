// What a file's project knows about packages, read from disk (never the network): the nearest package.json and
// those above it up to the workspace root, node_modules up the tree, the lockfile, tsconfig paths, package.json
// `imports`, monorepo workspace packages and Yarn PnP. Cached per directory; entries expire so an editor sees
// `npm install` within seconds.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
// jsonc-parser's default (UMD) build loads its parts by dynamic require, which a bundle cannot follow.
import { parse as parseJsonc } from 'jsonc-parser';

export interface InstalledPackage {
  name: string;
  version?: string;
  /** Absolute path of its package.json. */
  manifestPath: string;
  /** The lifecycle scripts that run on install (`node-gyp rebuild` counts when binding.gyp is there). */
  installScripts: string[];
  /** The deprecation message, from the package or the lockfile. */
  deprecated?: string;
}

export interface Manifest {
  path: string;
  /** The file as read, for edits (adding a dependency). */
  text?: string;
  name?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  imports?: unknown;
  workspaces: string[];
  raw: Record<string, unknown>;
}

/** The package questions the import rules ask about one file. */
export interface FilePackages {
  /** The nearest package.json, where a missing dependency belongs. */
  readonly manifest?: Manifest;
  /** Declared in the nearest package.json or one above it (a monorepo root), in any dependency field. */
  isDeclared(name: string): boolean;
  /** Found in node_modules up the tree, or in the Yarn PnP map. */
  installed(name: string): InstalledPackage | undefined;
  /** Resolves inside the project without npm: tsconfig paths, workspace packages, the package itself. */
  resolvesLocally(specifier: string): boolean;
  /** Whether the project has anything installed at all (node_modules or PnP): else "not installed" proves little. */
  readonly hasInstall: boolean;
  /** Whether the project's lockfile (npm, Yarn or pnpm) lists the package; undefined when there is no lockfile. */
  isLocked(name: string): boolean | undefined;
  /**
   * The version `npm ci` installs for a top-level dependency of the nearest package.json: only when npm's lockfile
   * is the one lockfile beside it (a Yarn or pnpm lockfile there means the project may install with those).
   */
  npmLockedVersion(name: string): string | undefined;
  /** Whether a bundler, test or Babel config beside a package.json names the module in quotes (an alias, maybe). */
  namedInBuildConfig(name: string): boolean;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'];
const NPM_LOCKFILES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];
const CACHE_MILLISECONDS = 5_000;
/** Config files whose aliases can make a bare name resolve to something else (webpack, Vite, Rollup, Babel, Jest...). */
const BUILD_CONFIG = /^(?:(?:webpack|vite|vitest|rollup|rspack|babel|jest|next|nuxt|svelte|astro|esbuild|tsup)\.config\.[cm]?[jt]s|\.babelrc(?:\.json)?)$/;

interface Entry<T> {
  value: T;
  at: number;
}

interface PathAliases {
  /** Patterns of tsconfig `paths` ("@app/*", "utils"). */
  patterns: string[];
  /** `baseUrl` directory: a bare specifier may name a file under it. */
  baseUrl?: string;
}

export class PackageContext {
  private readonly cache = new Map<string, Entry<unknown>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Forgets what was read: a manifest, lockfile or tsconfig changed, so what is declared or installed may have too. */
  forget(): void {
    this.cache.clear();
  }

  forFile(absolutePath: string): FilePackages {
    const directory = dirname(resolve(absolutePath));
    return this.cached(`file:${directory}`, () => this.build(directory));
  }

  private cached<T>(key: string, compute: () => T): T {
    const entry = this.cache.get(key) as Entry<T> | undefined;
    const now = this.now();
    if (entry && now - entry.at < CACHE_MILLISECONDS) return entry.value;
    const value = compute();
    this.cache.set(key, { value, at: now });
    return value;
  }

  private build(directory: string): FilePackages {
    const manifests = this.manifestsAbove(directory);
    const nearest = manifests[0];
    const declared = new Set<string>();
    for (const manifest of manifests) for (const field of DEPENDENCY_FIELDS) for (const name of Object.keys(manifest[field])) declared.add(name);
    const workspaceNames = this.workspacePackageNames(manifests);
    const ownNames = new Set(manifests.map((manifest) => manifest.name).filter((name): name is string => !!name));
    const aliases = this.pathAliases(directory);
    const moduleDirs = ancestors(directory).map((dir) => join(dir, 'node_modules')).filter((dir) => this.isDirectory(dir));
    const pnp = this.pnpData(directory);
    const lockfile = this.lockfileAbove(manifests);
    const context = this;
    return {
      isLocked: (name) => (lockfile === undefined ? undefined : lockfileLists(lockfile, name)),
      npmLockedVersion: (name) => (nearest ? context.npmLockedVersion(nearest, name) : undefined),
      namedInBuildConfig: (name) => context.buildConfigTexts(manifests).some((text) => text.includes(`'${name}'`) || text.includes(`"${name}"`) || text.includes(`\`${name}\``)),
      manifest: nearest,
      hasInstall: moduleDirs.length > 0 || pnp !== undefined,
      isDeclared: (name) => declared.has(name),
      installed(name) {
        for (const dir of moduleDirs) {
          const found = context.installedAt(join(dir, name, 'package.json'), name);
          if (found) return found;
        }
        if (pnp?.includes(JSON.stringify(name))) return { name, manifestPath: '', installScripts: [] };
        return undefined;
      },
      resolvesLocally(specifier) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (ownNames.has(name) || workspaceNames.has(name)) return true;
        return matchesAlias(specifier, aliases, (path) => context.exists(path));
      },
    };
  }

  /** The texts of the build configs beside the nearest package.json and those above it. */
  private buildConfigTexts(manifests: Manifest[]): string[] {
    return manifests.flatMap((manifest) => {
      const dir = dirname(manifest.path);
      return this.directoryEntries(dir)
        .filter((entry) => BUILD_CONFIG.test(entry))
        .map((entry) => this.cached(`text:${join(dir, entry)}`, () => readText(join(dir, entry))) ?? '');
    });
  }

  private npmLockedVersion(manifest: Manifest, name: string): string | undefined {
    const dir = dirname(manifest.path);
    const present = LOCKFILES.filter((lockfile) => this.exists(join(dir, lockfile)));
    if (present.length !== 1 || !NPM_LOCKFILES.has(present[0])) return undefined;
    const path = join(dir, present[0]);
    const installs = this.cached(`npm-lock:${path}`, () => npmLockInstalls(readText(path)));
    return installs.get(name);
  }

  /** The lockfile beside the nearest package.json or one above it, up to the workspace root. */
  private lockfileAbove(manifests: Manifest[]): { name: string; text: string } | undefined {
    for (const manifest of manifests) {
      for (const name of LOCKFILES) {
        const path = join(dirname(manifest.path), name);
        if (!this.exists(path)) continue;
        const text = this.cached(`text:${path}`, () => readText(path));
        if (text !== undefined) return { name, text };
      }
    }
    return undefined;
  }

  /** package.json files from the directory up to the first one that declares workspaces (or the filesystem root). */
  private manifestsAbove(directory: string): Manifest[] {
    const manifests: Manifest[] = [];
    for (const dir of ancestors(directory)) {
      const manifest = this.readManifest(join(dir, 'package.json'));
      if (!manifest) continue;
      manifests.push(manifest);
      if (manifest.workspaces.length > 0) break;
    }
    return manifests;
  }

  readManifest(path: string): Manifest | undefined {
    return this.cached(`manifest:${path}`, () => {
      const text = readText(path);
      const raw = text === undefined ? undefined : parseJsonText(text);
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
      const record = raw as Record<string, unknown>;
      const workspaces = Array.isArray(record.workspaces) ? record.workspaces
        : Array.isArray((record.workspaces as { packages?: unknown })?.packages) ? (record.workspaces as { packages: unknown[] }).packages : [];
      return {
        path,
        text,
        name: typeof record.name === 'string' ? record.name : undefined,
        dependencies: stringRecord(record.dependencies),
        devDependencies: stringRecord(record.devDependencies),
        peerDependencies: stringRecord(record.peerDependencies),
        optionalDependencies: stringRecord(record.optionalDependencies),
        imports: record.imports,
        workspaces: workspaces.filter((entry): entry is string => typeof entry === 'string'),
        raw: record,
      };
    });
  }

  private installedAt(manifestPath: string, name: string): InstalledPackage | undefined {
    return this.cached(`installed:${manifestPath}`, () => {
      const raw = this.readJson(manifestPath) as Record<string, unknown> | undefined;
      if (!raw || typeof raw !== 'object') return undefined;
      const scripts = (raw.scripts && typeof raw.scripts === 'object' ? raw.scripts : {}) as Record<string, unknown>;
      const installScripts = INSTALL_SCRIPTS.filter((script) => typeof scripts[script] === 'string');
      // npm runs `node-gyp rebuild` for a package with binding.gyp and no install script of its own.
      if (installScripts.length === 0 && this.exists(join(dirname(manifestPath), 'binding.gyp'))) installScripts.push('install');
      const version = typeof raw.version === 'string' ? raw.version : undefined;
      const deprecated = typeof raw.deprecated === 'string' && raw.deprecated ? raw.deprecated : this.lockfileDeprecation(manifestPath);
      return { name, version, manifestPath, installScripts, deprecated };
    });
  }

  /** npm records deprecations in the lockfile (and node_modules/.package-lock.json), not in the installed package. */
  private lockfileDeprecation(manifestPath: string): string | undefined {
    const packageDir = dirname(manifestPath);
    for (const dir of ancestors(packageDir)) {
      if (!packageDir.startsWith(join(dir, 'node_modules'))) continue;
      for (const lockPath of [join(dir, 'node_modules', '.package-lock.json'), join(dir, 'package-lock.json')]) {
        const lock = this.readLockPackages(lockPath);
        if (!lock) continue;
        const key = packageDir.slice(dir.length + 1).split('\\').join('/');
        const entry = lock[key] as { deprecated?: unknown } | undefined;
        if (entry) return typeof entry.deprecated === 'string' ? entry.deprecated : undefined;
      }
      return undefined;
    }
    return undefined;
  }

  readLockPackages(lockPath: string): Record<string, unknown> | undefined {
    return this.cached(`lock:${lockPath}`, () => {
      const raw = this.readJson(lockPath) as { packages?: Record<string, unknown> } | undefined;
      return raw && typeof raw.packages === 'object' ? raw.packages : undefined;
    });
  }

  private workspacePackageNames(manifests: Manifest[]): Set<string> {
    const names = new Set<string>();
    const root = manifests[manifests.length - 1];
    if (!root || root.workspaces.length === 0) return names;
    const rootDir = dirname(root.path);
    for (const pattern of root.workspaces) {
      for (const dir of this.expandWorkspace(rootDir, pattern)) {
        const name = this.readManifest(join(dir, 'package.json'))?.name;
        if (name) names.add(name);
      }
    }
    return names;
  }

  /** Workspace globs as npm and Yarn write them: `packages/*`, `apps/**`, or a plain folder. */
  private expandWorkspace(rootDir: string, pattern: string): string[] {
    let clean = pattern.replace(/^\.\//, '');
    while (clean.endsWith('/')) clean = clean.slice(0, -1);
    if (clean.startsWith('!')) return [];
    const star = clean.indexOf('*');
    if (star < 0) return [join(rootDir, clean)];
    const base = join(rootDir, clean.slice(0, star).replace(/\/$/, ''));
    const deep = clean.includes('**');
    const found: string[] = [];
    const walk = (dir: string, depth: number): void => {
      for (const entry of this.directoryEntries(dir)) {
        if (entry === 'node_modules' || entry.startsWith('.')) continue;
        const child = join(dir, entry);
        if (!this.isDirectory(child)) continue;
        found.push(child);
        if (deep && depth < 4) walk(child, depth + 1);
      }
    };
    walk(base, 0);
    return found;
  }

  /** tsconfig.json / jsconfig.json nearest the file: `paths` patterns and `baseUrl` (following one `extends`). */
  private pathAliases(directory: string): PathAliases {
    for (const dir of ancestors(directory)) {
      for (const file of ['tsconfig.json', 'jsconfig.json']) {
        const path = join(dir, file);
        if (this.exists(path)) return this.cached(`aliases:${path}`, () => this.readAliases(path, 0));
      }
      if (this.exists(join(dir, 'package.json')) && this.readManifest(join(dir, 'package.json'))?.workspaces.length) break;
    }
    return { patterns: [] };
  }

  private readAliases(path: string, depth: number): PathAliases {
    const config = this.readJson(path) as { extends?: unknown; compilerOptions?: { paths?: unknown; baseUrl?: unknown } } | undefined;
    let inherited: PathAliases = { patterns: [] };
    if (depth < 3 && typeof config?.extends === 'string' && config.extends.startsWith('.')) {
      const parent = resolve(dirname(path), config.extends);
      inherited = this.readAliases(parent.endsWith('.json') ? parent : `${parent}.json`, depth + 1);
    }
    const options = config?.compilerOptions ?? {};
    const patterns = options.paths && typeof options.paths === 'object' ? Object.keys(options.paths) : [];
    const baseUrl = typeof options.baseUrl === 'string' ? resolve(dirname(path), options.baseUrl) : undefined;
    return { patterns: [...inherited.patterns, ...patterns], baseUrl: baseUrl ?? inherited.baseUrl };
  }

  /** The text of `.pnp.cjs` (or `.pnp.js`) above the directory: its package registry names every installed package. */
  private pnpData(directory: string): string | undefined {
    for (const dir of ancestors(directory)) {
      for (const file of ['.pnp.cjs', '.pnp.js', '.pnp.data.json']) {
        const path = join(dir, file);
        if (this.exists(path)) return this.cached(`pnp:${path}`, () => readText(path));
      }
    }
    return undefined;
  }

  private readJson(path: string): unknown {
    const text = readText(path);
    return text === undefined ? undefined : parseJsonText(text);
  }

  private exists(path: string): boolean {
    return this.cached(`exists:${path}`, () => existsSync(path));
  }

  private isDirectory(path: string): boolean {
    return this.cached(`dir:${path}`, () => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    });
  }

  private directoryEntries(path: string): string[] {
    return this.cached(`entries:${path}`, () => {
      try {
        return readdirSync(path);
      } catch {
        return [];
      }
    });
  }
}

/** A specifier tsconfig maps (`@app/*`, an exact key) or a file under `baseUrl`. */
function matchesAlias(specifier: string, aliases: PathAliases, exists: (path: string) => boolean): boolean {
  for (const pattern of aliases.patterns) {
    const star = pattern.indexOf('*');
    if (star < 0 ? specifier === pattern : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))) return true;
  }
  if (!aliases.baseUrl) return false;
  const base = join(aliases.baseUrl, specifier);
  return ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.d.ts', '/index.ts', '/index.js', '/index.tsx'].some((suffix) => exists(base + suffix));
}

/**
 * Whether a lockfile's text names the package: npm's `"node_modules/<name>"` keys, Yarn's `<name>@<range>` entry
 * headers, pnpm's `/<name>@` or `<name>@` package keys. Text searches: reading every format fully is not needed to
 * know whether a name is there.
 */
function lockfileLists(lockfile: { name: string; text: string }, name: string): boolean {
  if (lockfile.name.endsWith('.json')) return lockfile.text.includes(`node_modules/${name}"`);
  if (lockfile.name === 'yarn.lock') return lockfile.text.includes(`\n${name}@`) || lockfile.text.includes(`"${name}@`) || lockfile.text.includes(`, ${name}@`);
  return lockfile.text.includes(`/${name}@`) || lockfile.text.includes(`\n  ${name}@`) || lockfile.text.includes(`'${name}@`);
}

/**
 * Top-level packages of an npm lockfile (v2 and v3 `packages`) and their versions. Linked (workspace) packages are
 * left out: their version is the workspace's, not something the registry installs.
 */
function npmLockInstalls(text: string | undefined): Map<string, string> {
  const installs = new Map<string, string>();
  let lock: unknown;
  try {
    lock = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return installs;
  }
  const packages = (lock as { packages?: unknown } | undefined)?.packages;
  if (!packages || typeof packages !== 'object') return installs;
  for (const [key, entry] of Object.entries(packages as Record<string, { version?: unknown; link?: unknown }>)) {
    const name = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key)?.[1];
    if (name && typeof entry?.version === 'string' && entry.link !== true) installs.set(name, entry.version);
  }
  return installs;
}

function ancestors(directory: string): string[] {
  const dirs: string[] = [];
  let current = directory;
  for (;;) {
    dirs.push(current);
    const parent = dirname(current);
    if (parent === current) return dirs;
    current = parent;
  }
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    // tsconfig files allow comments and trailing commas.
    return parseJsonc(text, [], { allowTrailingComma: true });
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
