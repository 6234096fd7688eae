// What the Scope view shows: plain data the webview (media/scope-panel.js) renders. Built from the core's scope and
// the editor's findings by buildPanelModel; tests read it back through `codeward.scopePanelSnapshot`.
import type { Severity } from '../../core/types';

/** A place in the workspace; the path is relative to the scope's root, line and column are 1-based. */
export interface PanelLocation {
  path: string;
  line: number;
  column: number;
}

export interface PanelEvidence {
  label: string;
  location?: PanelLocation;
}

export interface PanelFinding {
  ruleId: string;
  message: string;
  severity: Severity;
  location: PanelLocation;
}

export interface PanelModel {
  /** The workspace folder the scope belongs to. */
  folder: string;
  scopeFile: { path: string; state: 'missing' | 'valid' | 'invalid'; problems: string[] };
  classification: {
    declared?: string;
    inferred: string;
    understated: boolean;
    /** Why the code looks like `inferred`, most important first. */
    reasons: PanelEvidence[];
    /** What the policy of the classification in force does to findings. */
    policy: string;
  };
  dataKinds: { declared: string[]; inferred: { kind: string; evidence: PanelEvidence[] }[] };
  frameworks: string[];
  owners: string[];
  aiPolicy?: {
    aiEditsAllowed: boolean;
    reviewRequired: boolean;
    restrictedPaths: string[];
    assistants: { name: string; plan?: string; problems: string[] }[];
  };
  threatModel: {
    state: 'current' | 'stale' | 'missing' | 'unreadable' | 'not-declared';
    document?: string;
    owner?: string;
    lastReviewed?: string;
    nextReview?: string;
    reasons: string[];
    changes: PanelEvidence[];
    threats?: { open: number; mitigated: number };
  };
  findings: {
    /** Where the counts come from, e.g. "Open files and the last workspace scan". */
    source: string;
    total: number;
    policyViolations: number;
    bySeverity: Record<Severity, number>;
    byCategory: { category: string; count: number }[];
    newest: PanelFinding[];
  };
  newImports: { name: string; location: PanelLocation }[];
  /** Coding agents configured in the repository: what their settings allow, and the violations. */
  agentAccess: PanelAgent[];
}

export interface PanelAgent {
  name: string;
  files: string[];
  /** Each setting as written, e.g. "sandbox_mode = \"danger-full-access\"", with where it is. */
  sandbox: PanelEvidence[];
  approval: PanelEvidence[];
  network: PanelEvidence[];
  violations: PanelFinding[];
}
