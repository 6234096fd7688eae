// Editor settings (codeward.*) for a resource, layered over the repository's .codeward/config.json.
import * as vscode from 'vscode';
import type { Confidence, RuleSetting } from '../core/types';
import type { ConfigOverrides } from '../core/config/model';

export interface EditorSettings {
  enable: boolean;
  scanOnType: boolean;
  debounceMs: number;
  /** Scan Workspace reuses the results of unchanged files. */
  cache: boolean;
  /** Only what the user set explicitly, so the repository file keeps its say otherwise. */
  overrides: ConfigOverrides;
}

function explicit<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const inspected = config.inspect<T>(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

export function readSettings(scope: vscode.ConfigurationScope | undefined): EditorSettings {
  const config = vscode.workspace.getConfiguration('codeward', scope);
  return {
    enable: config.get<boolean>('enable', true),
    scanOnType: config.get<boolean>('scanOnType', true),
    debounceMs: Math.max(0, config.get<number>('debounceMs', 300)),
    cache: config.get<boolean>('cache', true),
    overrides: {
      rules: explicit<Record<string, RuleSetting>>(config, 'rules'),
      exclude: explicit<string[]>(config, 'exclude'),
      minConfidence: explicit<Confidence>(config, 'minConfidence'),
      maxFileSizeKb: explicit<number>(config, 'maxFileSizeKb'),
    },
  };
}
