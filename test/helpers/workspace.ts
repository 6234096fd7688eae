// Temporary workspaces for CLI and scan tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Workspace {
  root: string;
  path(relative: string): string;
  write(relative: string, content: string | Uint8Array): string;
  remove(): void;
}

export function createWorkspace(files: Record<string, string | Uint8Array> = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'codeward-'));
  const workspace: Workspace = {
    root,
    path: (relative) => join(root, relative),
    write(relative, content) {
      const path = join(root, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [relative, content] of Object.entries(files)) workspace.write(relative, content);
  return workspace;
}
