// Finds and reads .codeward/config.json: at the git root of the scanned path, else the scanned directory.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CodewardConfig, ConfigError, DEFAULT_CONFIG, parseConfig } from './model';

export const CONFIG_FILE = join('.codeward', 'config.json');

/** The nearest directory at or above `start` that holds `.git`, or undefined outside a repository. */
export function findGitRoot(start: string): string | undefined {
  let current = resolve(start);
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The directory configuration and relative paths hang off: the git root, else the scanned directory. */
export function projectRoot(scannedPath: string): string {
  const absolute = resolve(scannedPath);
  const directory = existsSync(absolute) && statSync(absolute).isFile() ? dirname(absolute) : absolute;
  return findGitRoot(directory) ?? directory;
}

export interface LoadedConfig {
  config: CodewardConfig;
  /** Absolute path of the file read, when there was one. */
  file?: string;
  /** Directory that exclude patterns and reported paths are relative to. */
  root: string;
}

/** Reads an explicit file, or looks one up from the project root; a missing default file means defaults. */
export function loadConfig(root: string, explicitFile?: string): LoadedConfig {
  const file = explicitFile ? resolve(explicitFile) : join(root, CONFIG_FILE);
  if (!explicitFile && !existsSync(file)) return { config: { ...DEFAULT_CONFIG, rules: {}, exclude: [] }, root };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '$', `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return { config: parseConfig(text, file), file, root };
}
