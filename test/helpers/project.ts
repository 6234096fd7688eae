// Temporary projects on disk for the import rules: package.json, node_modules, tsconfig, workspaces, lockfiles.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PackageContext, type FilePackages } from '../../src/core/imports/packages';

export interface Project {
  root: string;
  path(relative: string): string;
  /** The package context of a file (it need not exist). */
  packagesFor(relative: string): FilePackages;
  remove(): void;
}

/** Files by relative path; objects are written as JSON. Built synchronously, so rule tables can use it. */
export function createProject(files: Record<string, string | object>): Project {
  const root = mkdtempSync(join(tmpdir(), 'codeward-project-'));
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  const context = new PackageContext();
  return {
    root,
    path: (relative) => join(root, relative),
    packagesFor: (relative) => context.forFile(join(root, relative)),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** An installed package's package.json. */
export function installed(name: string, version: string, extra: object = {}): object {
  return { name, version, ...extra };
}
