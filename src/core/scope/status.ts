// The whole picture for `codeward scope` and the panel: declared vs inferred, policy, threat model, assistants, owners.
import type { CodewardConfig } from '../config/model';
import type { ScanReport } from '../scan';
import type { InferredScope, LoadedScope, ReportScope, ScopeDeclaration, ScopeStatus, Understatement } from './model';

export interface ScopeStatusOptions {
  config?: CodewardConfig;
  /** A scan of the same root, reused as evidence (hardcoded secrets) instead of rescanning. */
  report?: ScanReport;
  /** An already loaded scope file (the editor keeps one). */
  loaded?: LoadedScope;
  /** "Today" for staleness checks; tests pin it. */
  now?: Date;
}

/** Where the declaration says less than the inferred scope: a lower classification, data kinds left out. */
export function compareScope(declared: ScopeDeclaration, inferred: InferredScope): Understatement[] {
  void declared;
  void inferred;
  throw new Error('compareScope: being implemented on branch scope');
}

export async function scopeStatus(root: string, options: ScopeStatusOptions = {}): Promise<ScopeStatus> {
  void root;
  void options;
  throw new Error('scopeStatus: being implemented on branch scope');
}

/** The scope summary a scan report carries (SARIF `run.properties.scope`, JSON `scope`). */
export function reportScope(loaded: LoadedScope): ReportScope | undefined {
  void loaded;
  throw new Error('reportScope: being implemented on branch scope');
}
