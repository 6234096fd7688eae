// Editor settings (codeward.*) for a resource, layered over the repository's .codeward/config.json.
import * as vscode from 'vscode';
import type { Confidence, RuleSetting } from '../core/types';
import type { ConfigOverrides } from '../core/config/model';

export interface EditorSettings {
  enable: boolean;
  scanOnType: boolean;
  debounceMs: number;
  /** Opt-in: ask the npm registry about the packages supply-chain findings name (only names are sent). */
  registryCheck: boolean;
  /** Scan Workspace reuses the results of unchanged files. */
  cache: boolean;
  /** Only what the user set explicitly, so the repository file keeps its say otherwise. */
  overrides: ConfigOverrides;
}

/**
 * Settings a repository could use to weaken the analysis (switch it or rules off, exclude its own files, raise the
 * size limit past what the user chose): in an untrusted workspace only the user's own value counts. Also declared
 * as `restrictedConfigurations` in package.json.
 */
function explicit<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  if (!vscode.workspace.isTrusted) return inspected?.globalValue;
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export function readSettings(scope: vscode.ConfigurationScope | undefined): EditorSettings {
  const config = vscode.workspace.getConfiguration('codeward', scope);
  return {
    enable: explicit<boolean>(config, 'enable') ?? true,
    scanOnType: config.get<boolean>('scanOnType', true),
    debounceMs: Math.max(0, config.get<number>('debounceMs', 300)),
    // A repository must not be able to switch on the one network request for an untrusted workspace.
    registryCheck: explicit<boolean>(config, 'registryCheck') ?? false,
    cache: config.get<boolean>('cache', true),
    overrides: {
      rules: explicit<Record<string, RuleSetting>>(config, 'rules'),
      exclude: explicit<string[]>(config, 'exclude'),
      minConfidence: explicit<Confidence>(config, 'minConfidence'),
      maxFileSizeKb: explicit<number>(config, 'maxFileSizeKb'),
    },
  };
}
