// Which files a scan reads: walks directories honouring .gitignore files and config excludes, skipping
// dependencies, build output, minified and oversized files, and says what it skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { Ignore } from 'ignore';
import { isAnalysableFile } from './file-kinds';

/** Directories that hold dependencies or generated output, never code a person or agent wrote here. */
const SKIPPED_DIRECTORIES = new Map([
  ['node_modules', 'dependencies'],
  ['bower_components', 'dependencies'],
  ['.git', 'git metadata'],
  ['dist', 'build output'],
  ['build', 'build output'],
  ['out', 'build output'],
  ['coverage', 'coverage report'],
  ['.next', 'build output'],
  ['.nuxt', 'build output'],
  ['.output', 'build output'],
  ['.svelte-kit', 'build output'],
  ['.turbo', 'cache'],
  ['.cache', 'cache'],
  ['.vercel', 'build output'],
]);

export interface SkippedPath {
  path: string;
  reason: string;
}

export interface FileSelection {
  files: string[];
  skipped: SkippedPath[];
  /** Files left out by .gitignore or exclude patterns (counted, not listed: there can be thousands). */
  ignoredCount: number;
}

export interface SelectOptions {
  /** Directory that exclude patterns and .gitignore lookups are relative to. */
  root: string;
  exclude: readonly string[];
  maxFileSizeKb: number;
  /** Which file names a directory walk selects; default: the files Codeward analyses. */
  accept?: (name: string) => boolean;
}

export class UnreadablePathError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
  }
}

interface IgnoreLayer {
  directory: string;
  matcher: Ignore;
}

export function selectFiles(paths: readonly string[], options: SelectOptions): FileSelection {
  const selection: FileSelection = { files: [], skipped: [], ignoredCount: 0 };
  const excludes = ignore().add([...options.exclude]);
  const isExcluded = (absolute: string, directory: boolean): boolean => {
    const path = toPosix(relative(options.root, absolute));
    if (path === '' || path.startsWith('..')) return false;
    return excludes.ignores(directory ? `${path}/` : path);
  };

  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      throw new UnreadablePathError(path, describeFsError(error));
    }
    if (stats.isFile()) {
      // A file named on the command line is scanned even if ignored: the user asked for it.
      if (!isAnalysableFile(path)) selection.skipped.push({ path, reason: 'not a file Codeward reads (scripts, .vue/.svelte components, configuration files)' });
      else considerFile(path, stats.size, options, selection);
    } else if (stats.isDirectory()) {
      walk(path, gitignoreLayers(options.root, path), options, selection, isExcluded);
    }
  }
  return selection;
}

function walk(directory: string, layers: IgnoreLayer[], options: SelectOptions, selection: FileSelection, isExcluded: (path: string, directory: boolean) => boolean): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    selection.skipped.push({ path: directory, reason: `cannot be read (${describeFsError(error)})` });
    return;
  }
  const own = readGitignore(directory);
  const active = own ? [...layers, own] : layers;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      const reason = SKIPPED_DIRECTORIES.get(entry.name);
      if (reason) {
        if (entry.name !== '.git') selection.skipped.push({ path, reason });
        continue;
      }
      if (isIgnored(active, path, true) || isExcluded(path, true)) {
        selection.ignoredCount++;
        continue;
      }
      walk(path, active, options, selection, isExcluded);
    } else if (entry.isFile() && (options.accept ?? isAnalysableFile)(entry.name)) {
      if (isIgnored(active, path, false) || isExcluded(path, false)) {
        selection.ignoredCount++;
        continue;
      }
      let size: number;
      try {
        size = statSync(path).size;
      } catch (error) {
        selection.skipped.push({ path, reason: `cannot be read (${describeFsError(error)})` });
        continue;
      }
      considerFile(path, size, options, selection);
    }
  }
}

function considerFile(path: string, size: number, options: SelectOptions, selection: FileSelection): void {
  if (size > options.maxFileSizeKb * 1024) {
    selection.skipped.push({ path, reason: `larger than maxFileSizeKb (${Math.ceil(size / 1024)} KB > ${options.maxFileSizeKb} KB)` });
  } else if (/\.min\.[cm]?js$/i.test(path)) {
    selection.skipped.push({ path, reason: 'minified (by its name)' });
  } else {
    selection.files.push(path);
  }
}

/** .gitignore files from the root down to (not including) `directory`; the walk adds the rest. */
function gitignoreLayers(root: string, directory: string): IgnoreLayer[] {
  const layers: IgnoreLayer[] = [];
  const path = relative(root, directory);
  if (path.startsWith('..')) return layers;
  let current = root;
  for (const part of path === '' ? [] : path.split(sep)) {
    const layer = readGitignore(current);
    if (layer) layers.push(layer);
    current = join(current, part);
  }
  return layers;
}

function readGitignore(directory: string): IgnoreLayer | undefined {
  let text: string;
  try {
    text = readFileSync(join(directory, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { directory, matcher: ignore().add(text) };
}

function isIgnored(layers: IgnoreLayer[], path: string, directory: boolean): boolean {
  for (const layer of layers) {
    const relativePath = toPosix(relative(layer.directory, path));
    if (relativePath === '' || relativePath.startsWith('..')) continue;
    if (layer.matcher.ignores(directory ? `${relativePath}/` : relativePath)) return true;
  }
  return false;
}

export function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? String((error as Error)?.message ?? error);
}
