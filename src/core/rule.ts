// What a rule is: metadata plus node visitors that the engine's single pass calls.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Confidence, Fix, ImportRecord, Node, Range, RuleMeta } from './types';
import type { FilePackages } from './imports/packages';
import type { DependencyRecord } from './imports/manifest';
import type { Declaration, Value } from './bindings';
import type { Directive } from './suppress';
import type { AgentFile } from './agents/document';

export interface RelatedNode {
  node: Node;
  message: string;
}

export interface ReportDescriptor {
  node: Node | Range;
  message: string;
  confidence: Confidence;
  fixes?: Fix[];
  related?: RelatedNode[];
  /** The npm package the finding is about (supply-chain rules). */
  package?: string;
}

export interface RuleContext {
  readonly text: string;
  readonly filePath: string;
  report(descriptor: ReportDescriptor): void;
  /** Where an expression's value comes from (user input, a constant, or unknown). */
  evaluate(node: Node | null | undefined): Value;
  /**
   * Whether the file's text matches: answered once per file and pattern, so rules can ask on every node without
   * rescanning the whole text (a whole-text search per node is quadratic on large files). Pass strings or
   * module-level RegExp constants: answers are kept per pattern object, and a literal inside a function is a new
   * object on every call.
   */
  mentions(pattern: RegExp | string): boolean;
  /** Callee or member chain with imports resolved: "child_process.exec", "crypto.createHash". */
  qualifiedName(node: Node): string | undefined;
  /** The qualified name of a chain whose root is an import or require; undefined when the root is not imported. */
  importedName(node: Node): string | undefined;
  /** How a name visible at the current node was declared and assigned (the walk's scopes, not the whole file's). */
  declaration(name: string): Declaration | undefined;
  /** Source text of a node. */
  source(node: Node): string;
  /** Suppression comments in the file (read only when the file mentions a marker). */
  readonly directives: readonly Directive[];
  /** The packages the file's project declares and has installed; undefined when the caller has no project. */
  readonly packages?: FilePackages;
  /** Whether the file did not import this (importKey) at its baseline; undefined when there is no baseline. */
  isNewImport(key: string): boolean | undefined;
}

type Handler<T extends Node['type']> = (node: Extract<TSESTree.Node, { type: T }>, context: RuleContext) => void;
export type Visitors = { [T in Node['type']]?: Handler<T> };

export interface Rule {
  meta: RuleMeta;
  visitors: Visitors;
  /** Runs after the pass, for checks about the file as a whole. */
  finish?(context: RuleContext): void;
  /** Agent and editor configuration files (src/core/agents) are not walked: rules that read them check the parsed file. */
  checkAgentFile?(file: AgentFile, report: (descriptor: AgentReport) => void): void;
  /** Runs after every rule's pass and finish, for checks about what the other rules reported (unused suppressions). */
  afterReports?(context: RuleContext, reported: ReportedFinding[], enabledRuleIds: ReadonlySet<string>): void;
  /** Runs after the pass for every import the file makes (collected once by the engine). */
  imports?(record: ImportRecord, context: RuleContext): void;
  /** Runs for every dependency a package.json declares (package.json files are not parsed as code). */
  dependencies?(dependency: DependencyRecord, context: ManifestContext): void;
}

/** What a package.json check sees: the file, its project's packages and its baseline. */
export interface ManifestContext {
  readonly text: string;
  readonly filePath: string;
  readonly packages?: FilePackages;
  /** Whether the dependency was not declared at the baseline; undefined without a baseline. */
  isNewImport(name: string): boolean | undefined;
  report(descriptor: { node: Range; message: string; confidence: Confidence; fixes?: Fix[]; package?: string }): void;
}

/** What a rule reported, as afterReports sees it: before confidence filtering and suppression. */
export interface ReportedFinding {
  ruleId: string;
  /** 1-based start line. */
  line: number;
}

/** A finding in an agent file: a range in the file's text. */
export type AgentReport = Omit<ReportDescriptor, 'node' | 'related'> & { range: Range };

/** Confidence and the "where input entered" location for a sink fed by `value`; undefined when not worth flagging. */
export function sinkEvidence(value: Value, unknownConfidence: Confidence | undefined): { confidence: Confidence; related: RelatedNode[] } | undefined {
  if (value.kind === 'tainted') return { confidence: 'high', related: [{ node: value.source, message: `User input enters here: ${value.label}.` }] };
  if (value.kind === 'source') return { confidence: 'high', related: [{ node: value.node, message: `User input enters here: ${value.source.label}.` }] };
  if (value.kind === 'unknown' && unknownConfidence) return { confidence: unknownConfidence, related: [] };
  return undefined;
}

/** What a rule gathers over one file for its finish(): created on first use, handed over once. */
export class FileState<T> {
  private readonly states = new WeakMap<RuleContext, T>();

  constructor(private readonly create: (context: RuleContext) => T) {}

  get(context: RuleContext): T {
    let current = this.states.get(context);
    if (current === undefined) {
      current = this.create(context);
      this.states.set(context, current);
    }
    return current;
  }

  /** The file's state, forgotten: finish() runs once per file. */
  take(context: RuleContext): T | undefined {
    const current = this.states.get(context);
    this.states.delete(context);
    return current;
  }
}
