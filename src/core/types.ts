// The data that flows between the core, the CLI and the editor: findings, fixes, notes, rule metadata.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FindingPolicy } from './scope/model';

export type Node = TSESTree.Node;
export type Severity = 'error' | 'warning' | 'info';
export type Confidence = 'high' | 'medium' | 'low';
export type RuleSetting = Severity | 'off';

/** Offsets into the analysed text, [start, end), UTF-16 code units. */
export type Range = [number, number];

export interface TextEdit {
  range: Range;
  text: string;
  /**
   * Absolute path of another file the edit applies to (adding a dependency to package.json); absent means the
   * analysed file. Shells that cannot edit another file do not offer such a fix.
   */
  path?: string;
}

/**
 * A fix is "safe" only when it cannot change behaviour users rely on; anything else is "review".
 */
export interface Fix {
  title: string;
  safety: 'safe' | 'review';
  edits: TextEdit[];
}

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, UTF-16 code units. */
  column: number;
}

export interface RelatedLocation {
  range: Range;
  start: Position;
  end: Position;
  message: string;
}

export type Suppression = InSourceSuppression | LedgerSuppression;

export interface InSourceSuppression {
  kind: 'inSource';
  justification: string;
  /** Range of the comment that suppressed the finding. */
  range: Range;
}

/** An entry of the suppressions ledger, `.codeward/suppressions.json` (SARIF kind "external"). */
export interface LedgerSuppression {
  kind: 'external';
  justification: string;
  /** The entry's index in the ledger's `suppressions` array. */
  entry: number;
}

export interface Finding {
  ruleId: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  /** e.g. ["CWE-79"] */
  cwe: string[];
  range: Range;
  start: Position;
  end: Position;
  fixes: Fix[];
  related: RelatedLocation[];
  suppression?: Suppression;
  /** Stable across line moves; see docs/cli.md ("Fingerprints"). */
  fingerprint: string;
  /** Set when the sensitivity scope's policy raised the severity or the file is under a restricted path. */
  policy?: FindingPolicy;
  /** In the editor: inside code inserted in one edit or written by another process, not yet reviewed. */
  insertedCode?: boolean;
  /** Change scans: the line was written by a commit that declares an AI assistant. */
  aiAuthorship?: AiAuthorship;
  /** The npm package a supply-chain finding is about (what the opt-in registry check asks about). */
  package?: string;
}

/** How a commit declares an assistant: a Co-authored-by trailer, its author, or the agent branch it came from. */
export interface AiAuthorship {
  /** The assistant's name: Copilot, Claude, Codex, Cursor, Aider, Devin, Gemini, Jules, Amazon Q, OpenHands, Windsurf. */
  agent: string;
  /** Full commit id. */
  commit: string;
  /** What gave it away, e.g. "Co-authored-by: Claude <noreply@anthropic.com>" or "branch copilot/fix-login". */
  signal: string;
}

export type NoteKind = 'parse-error' | 'too-deep' | 'binary' | 'skipped' | 'unreadable' | 'internal-error';

/** Something the scan could not do, reported so the user knows what was not analysed. */
export interface Note {
  kind: NoteKind;
  message: string;
  start?: Position;
}

export interface AnalysisResult {
  findings: Finding[];
  notes: Note[];
  /** Every import the file makes, collected in the same pass (absent for files that are not parsed). */
  imports?: ImportRecord[];
}

export type ImportKind = 'import' | 'export' | 'import-equals' | 'require' | 'dynamic-import' | 'require-resolve';

/** One import of a module, as written. Plain data: it crosses worker threads and feeds baselines. */
export interface ImportRecord {
  kind: ImportKind;
  /** The module as written; undefined when it is not a constant (`require(name)`). */
  specifier?: string;
  /** `import type`, `export type`, or every named import marked `type`: erased at compile time. */
  typeOnly: boolean;
  /** The specifier expression. */
  range: Range;
  /** The whole statement, when it does nothing but import (so removing it removes the import). */
  statement?: Range;
  /** A `require()` or `import()` inside a try block: the code expects the module may be missing (optional). */
  guarded?: boolean;
  /**
   * A computed specifier that still names its file, only the folder being computed:
   * `path.join(ROOT, 'package.json')`, `` `${__dirname}/config.js` ``. The literal tail.
   */
  namedFile?: string;
}

/** What a rule guards; the sensitivity policy raises severities by category. */
export type RuleCategory =
  | 'injection'
  | 'xss'
  | 'request-forgery'
  | 'files'
  | 'secrets'
  | 'crypto'
  | 'transport'
  | 'auth-session'
  | 'web-config'
  | 'cloud-config'
  | 'data-handling'
  | 'supply-chain'
  | 'agent-access'
  | 'meta';

export interface RuleMeta {
  /** kebab-case; equals the rule's file name and its docs page name. */
  id: string;
  category: RuleCategory;
  title: string;
  description: string;
  severity: Severity;
  /** Numbers only; rendered as CWE-N. */
  cwe: number[];
  fixable: boolean;
  /** Judges changes, not files: runs only when the caller scans a change (`--diff`, `--staged`). */
  changesOnly?: boolean;
}
