// The sensitivity scope's data: what `.codeward/scope.json` declares, what a scan infers, and the status the CLI
// (`codeward scope`) and the editor panel render. Plain data only, so it crosses worker and webview boundaries.
import type { RuleCategory, Severity } from '../types';

export const SCOPE_FILE = '.codeward/scope.json';

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const DATA_KINDS = ['personal-data', 'health', 'payment-card', 'credentials', 'trade-secrets', 'customer-data'] as const;
export type DataKind = (typeof DATA_KINDS)[number];

export const FRAMEWORKS = ['SOC 2', 'ISO 27001', 'HIPAA', 'PCI DSS', 'GDPR', 'CCPA', 'FedRAMP', 'NIST 800-53', 'NIS2', 'DORA'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** Certifications and agreements a team can verify for an AI assistant's plan. */
export const CERTIFICATIONS = ['SOC 2', 'ISO 27001', 'ISO 42001', 'HIPAA BAA', 'GDPR DPA', 'PCI DSS', 'FedRAMP'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

export interface ApprovedAssistant {
  /** e.g. "GitHub Copilot", "Claude Code". */
  name: string;
  /** Plan or tier in use, e.g. "Business", "Enterprise". */
  plan?: string;
  /** Data retention terms of that plan, e.g. "zero data retention", "30 days". */
  retention?: string;
  /** Where data is processed or stored, e.g. "EU". */
  residency?: string;
  /** Certifications and agreements the team verified for this plan. */
  certifications: Certification[];
  /** When the team last checked those terms (YYYY-MM-DD). */
  checked?: string;
}

export interface AiPolicy {
  /** Whether AI assistants may edit this repository at all. Default true. */
  editsAllowed: boolean;
  /** gitignore-style globs (relative to the repository root) where AI edits are not allowed. */
  restrictedPaths: string[];
  /** Whether AI-written changes need a human review before merge. Default false. */
  reviewRequired: boolean;
  approvedAssistants: ApprovedAssistant[];
}

export interface ThreatModelDeclaration {
  /** Path of the threat model, relative to the repository root (Threat Dragon JSON, Threat Composer .tc.json, or any document). */
  document?: string;
  owner?: string;
  /** Date of the last review (YYYY-MM-DD). */
  lastReviewed?: string;
  /** Days between reviews. Default 180. */
  reviewIntervalDays: number;
  /** Note recorded with the last review. */
  note?: string;
}

/** The committed declaration, validated, with defaults filled in. */
export interface ScopeDeclaration {
  classification: Classification;
  dataKinds: DataKind[];
  frameworks: Framework[];
  aiPolicy: AiPolicy;
  threatModel?: ThreatModelDeclaration;
  /** Teams or people, e.g. "@acme/payments", "jane@acme.example". */
  owners: string[];
}

/** One problem in the scope file, named by its JSON path ("$.aiPolicy.approvedAssistants[0].checked"). */
export interface ScopeError {
  /** Absolute path of the scope file. */
  file: string;
  jsonPath: string;
  reason: string;
  /** 1-based position of the offending value, when the text could be located. */
  line?: number;
  column?: number;
}

export interface LoadedScope {
  /** Absolute path where the scope file is (or would be). */
  file: string;
  /** The directory that holds (or would hold) `.codeward/`: see scopeFileFor. Paths in the file are relative to it. */
  root: string;
  exists: boolean;
  /** Absent when the file is missing or has errors. */
  declared?: ScopeDeclaration;
  errors: ScopeError[];
}

/** Where a signal was seen; path relative to the root, forward slashes. */
export interface Evidence {
  path: string;
  /** 1-based, when the signal is on a line. */
  line?: number;
  /** A short excerpt (never a secret's value). */
  excerpt?: string;
}

export type SignalKind = 'secret' | 'field-name' | 'schema-field' | 'sdk' | 'private-key' | 'certificate' | 'env-credentials';

export interface Signal {
  kind: SignalKind;
  /** What the signal suggests the code handles. */
  dataKind: DataKind;
  /** One line for people, e.g. "payment SDK stripe in package.json". */
  description: string;
  evidence: Evidence[];
}

export interface InferredScope {
  classification: Classification;
  dataKinds: DataKind[];
  /** Why the classification was proposed, most important first. */
  reasons: string[];
  signals: Signal[];
  filesRead: number;
}

/** Where the declaration says less than the code shows. */
export interface Understatement {
  kind: 'classification' | 'data-kind';
  declared?: string;
  inferred: string;
  reason: string;
  evidence: Evidence[];
}

/** A severity raise: findings of these categories at `from` or above become `to`. */
export interface SeverityRaise {
  categories: RuleCategory[];
  from: Severity;
  to: Severity;
}

export interface PolicyRow {
  classification: Classification;
  raises: SeverityRaise[];
  /** New dependencies need a review before merge. */
  dependenciesNeedReview: boolean;
  summary: string;
}

/** The plain-data input the analysis needs to apply the policy (crosses to worker threads). */
export interface ScopePolicyInput {
  classification: Classification;
  /** Globs relative to `root` where AI edits are not allowed. */
  restrictedPaths: string[];
  /** AI changes need a human review: security warnings in unreviewed inserted code are errors (editor). */
  reviewRequired?: boolean;
  /** Absolute directory holding `.codeward/`: globs are relative to it; absolute analysed paths are matched against it. */
  root?: string;
  /**
   * Where that directory is, relative to the root the analysed paths are relative to (forward slashes; absent or ''
   * when the same). Files outside it are left alone.
   */
  prefix?: string;
}

/** What the policy did to one finding (present only when it changed something). */
export interface FindingPolicy {
  /** The severity before the classification raised it. */
  raisedFrom?: Severity;
  classification?: Classification;
  /** The restricted-path glob the file matches: a policy violation. */
  restrictedPath?: string;
  /** Raised because it lies in unreviewed inserted code and the scope requires AI changes to be reviewed. */
  unreviewedInsertedCode?: boolean;
}

export type ThreatModelFormat = 'threat-dragon' | 'threat-composer' | 'document';

export interface ThreatCounts {
  threats: number;
  open: number;
  mitigated: number;
  /** Other statuses (not applicable, resolved otherwise). */
  other: number;
  /** Mitigations listed in the model (Threat Composer; Threat Dragon threats with a mitigation text). */
  mitigations: number;
  /** Mitigations marked done (Threat Composer `mitigationResolved`). */
  mitigationsImplemented?: number;
}

/** Something in git history since the last review that a threat model should cover. */
export interface ThreatModelChange {
  kind: 'entry-point' | 'outbound-call' | 'dependency';
  description: string;
  path: string;
  line?: number;
  commit: string;
  date: string;
}

export interface ThreatModelStatus {
  state: 'current' | 'stale' | 'missing' | 'unreadable' | 'not-declared';
  document?: string;
  format?: ThreatModelFormat;
  owner?: string;
  /** YYYY-MM-DD: declared, else the last commit that touched the document. */
  lastReviewed?: string;
  lastReviewedSource?: 'declared' | 'git';
  reviewIntervalDays?: number;
  /** YYYY-MM-DD when the next review is due. */
  dueDate?: string;
  reasons: string[];
  counts?: ThreatCounts;
  changesSinceReview: ThreatModelChange[];
}

export interface AssistantProblem {
  assistant: string;
  kind: 'missing-certification' | 'missing-retention' | 'stale-check' | 'never-checked' | 'ai-edits-disallowed';
  /** The framework the problem is about, when there is one. */
  framework?: Framework;
  reason: string;
}

export interface Owner {
  name: string;
  source: 'scope' | 'CODEOWNERS' | 'catalog-info';
  /** File the owner was read from, relative to the root. */
  file: string;
}

export interface ScopeStatus {
  root: string;
  file: string;
  exists: boolean;
  declared?: ScopeDeclaration;
  errors: ScopeError[];
  inferred: InferredScope;
  /** The classification the policy applies: the declared one; without a valid declaration, `public` (rule defaults). */
  effectiveClassification: Classification;
  understatements: Understatement[];
  policy: PolicyRow;
  threatModel: ThreatModelStatus;
  assistantProblems: AssistantProblem[];
  owners: Owner[];
  /** Counts of the scan the status was computed with (when a report was given), after the policy. */
  findings?: ScopeFindingCounts;
}

/** Unsuppressed findings of a scan, counted as the panel and `codeward scope` show them. */
export interface ScopeFindingCounts {
  bySeverity: Record<Severity, number>;
  byCategory: Partial<Record<RuleCategory, number>>;
  /** Findings in restricted paths. */
  policyViolations: number;
  /** Findings whose severity the classification raised. */
  raised: number;
}

/** Answers of the editor's guided flow (or any caller) for a first scope file. */
export interface InitialScopeAnswers {
  classification: Classification;
  dataKinds?: DataKind[];
  frameworks?: Framework[];
  aiEditsAllowed?: boolean;
  restrictedPaths?: string[];
  reviewRequired?: boolean;
  approvedAssistants?: ApprovedAssistant[];
  threatModelDocument?: string;
  owners?: string[];
}

/** The scope a scan report carries: SARIF `runs[].properties.scope`, JSON `scope`. */
export interface ReportScope {
  /** The scope file, relative to the root. */
  file: string;
  classification: Classification;
  dataKinds: DataKind[];
  frameworks: Framework[];
  restrictedPaths: string[];
  /** The policy row's summary for the classification. */
  policy: string;
  dependenciesNeedReview: boolean;
}
