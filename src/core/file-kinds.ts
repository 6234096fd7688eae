// Which files Codeward reads, and how: scripts are parsed, components have their <script> blocks parsed,
// configuration files get the secret scan, agent and editor settings (src/core/agents/catalog.ts) get both the secret
// scan and the agent-access rules.
import { isSecretScannedFile } from './text-secrets';
import { isSingleFileComponent } from './sfc';
import { agentFileEntry } from './agents/catalog';

export type FileKind = 'script' | 'component' | 'config' | 'agent';

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?)$/i;

export function fileKind(filePath: string): FileKind | undefined {
  if (SCRIPT_EXTENSION.test(filePath)) return /\.d\.[cm]?ts$/i.test(filePath) ? undefined : 'script';
  if (isSingleFileComponent(filePath)) return 'component';
  if (agentFileEntry(filePath)) return 'agent';
  return isSecretScannedFile(filePath) ? 'config' : undefined;
}

export function isAnalysableFile(filePath: string): boolean {
  return fileKind(filePath) !== undefined;
}
