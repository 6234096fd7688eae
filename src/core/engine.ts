// The analysis: parse once, walk once dispatching node types to every enabled rule, then suppress and finalize.
import { createHash } from 'node:crypto';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AnalysisResult, Confidence, Finding, ImportRecord, Node, Note, Range, RuleSetting, Severity } from './types';
import type { ManifestContext, ReportDescriptor, Rule, RuleContext } from './rule';
import { LineIndex } from './lines';
import { parseSource } from './parse';
import { ScopeStack, UNKNOWN, Value } from './bindings';
import { Taint } from './taint';
import { applyDirectives, Directive, readDirectives, SUPPRESSION_MARKER } from './suppress';
import { RULES } from './rules';
import { isFunctionType } from './ast';
import { fileKind } from './file-kinds';
import { scriptView } from './sfc';
import { findTextSecrets } from './text-secrets';
import { hardcodedSecret } from './rules/hardcoded-secret';
import { applyScopePolicy } from './scope/policy';
import type { ScopePolicyInput } from './scope/model';
import { analyzeAgentFile } from './agents/analyze';
import { importRecordOf, IMPORTING_NODE_TYPES } from './imports/collect';
import type { FilePackages } from './imports/packages';
import { isManifestPath, readDependencies } from './imports/manifest';

export interface AnalyzeOptions {
  /** Per-rule override of the default severity, or "off". */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** Findings below this confidence are dropped. Default "low" (keep all). */
  minConfidence?: Confidence;
  /**
   * The caller keeps only findings on changed lines (`scan --diff`, `--staged`), so rules marked changesOnly run:
   * on a whole file every suppression would look "added".
   */
  changes?: boolean;
  /** The sensitivity scope's policy: severity raises by classification, restricted paths (see scope/policy.ts). */
  scope?: ScopePolicyInput;
  /** The file's package context, for the import rules (built by the scan from the file's absolute path). */
  packages?: FilePackages;
  /** What the file imported at its baseline (importKey of each); imports not in it are labelled new. */
  baselineImports?: readonly string[];
}

const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const BINARY_PROBE_LENGTH = 8000;

type Handler = (node: Node, context: RuleContext) => void;

/** What the walk does at a node of one type, worked out once per rule configuration. */
interface TypePlan {
  /** Parallel arrays: handlers[i] belongs to rules[i] (reports are attributed to it). */
  rules: Rule[];
  handlers: Handler[];
  childKeys: readonly string[];
  importing: boolean;
  opensScope: boolean;
}

interface Dispatch {
  enabled: Rule[];
  plans: Map<string, TypePlan>;
}
const dispatchCache = new Map<string, Dispatch>();

/** The visitor table for a rule configuration, built once and reused for every file. */
function dispatchFor(settings: Readonly<Record<string, RuleSetting>>, changes = false): Dispatch {
  const enabled = RULES.filter((rule) => settings[rule.meta.id] !== 'off' && (changes || !rule.meta.changesOnly));
  const key = enabled.map((rule) => rule.meta.id).join(',');
  let dispatch = dispatchCache.get(key);
  if (!dispatch) {
    dispatch = { enabled, plans: new Map() };
    dispatchCache.set(key, dispatch);
  }
  return dispatch;
}

/** Keys that hold only TypeScript types: nothing a rule looks at runs, so the walk does not go there. */
const TYPE_KEYS: ReadonlySet<string> = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
/** Declarations that are types through and through. */
const TYPE_DECLARATIONS: ReadonlySet<string> = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration']);

function runtimeChildKeys(type: string): readonly string[] {
  if (TYPE_DECLARATIONS.has(type)) return [];
  return (visitorKeys[type] ?? []).filter((key) => !TYPE_KEYS.has(key));
}

function planFor(dispatch: Dispatch, type: string): TypePlan {
  let plan = dispatch.plans.get(type);
  if (!plan) {
    const rules: Rule[] = [];
    const handlers: Handler[] = [];
    for (const rule of dispatch.enabled) {
      const handler = (rule.visitors as Record<string, Handler | undefined>)[type];
      if (handler) {
        rules.push(rule);
        handlers.push(handler);
      }
    }
    plan = { rules, handlers, childKeys: runtimeChildKeys(type), importing: IMPORTING_NODE_TYPES.has(type), opensScope: isFunctionType(type) };
    dispatch.plans.set(type, plan);
  }
  return plan;
}

export function analyze(text: string, filePath: string, options: AnalyzeOptions = {}): AnalysisResult {
  const result = analyzeText(text, filePath, options);
  return options.scope ? { ...result, findings: applyScopePolicy(result.findings, filePath, options.scope) } : result;
}

function analyzeText(text: string, filePath: string, options: AnalyzeOptions): AnalysisResult {
  if (text.slice(0, BINARY_PROBE_LENGTH).includes('\0')) {
    return { findings: [], notes: [{ kind: 'binary', message: 'Not analysed: the file looks binary (it contains NUL bytes).' }] };
  }
  switch (fileKind(filePath)) {
    case 'config':
      return analyzeConfigText(text, filePath, options);
    case 'agent':
      return analyzeAgentText(text, filePath, options);
    case 'component': {
      // Outside its <script> blocks the view is blank, so offsets, lines and columns are the file's own.
      const view = scriptView(text, filePath);
      return analyzeScript(view.text, view.virtualPath, options);
    }
    default:
      return analyzeScript(text, filePath, options);
  }
}

/** Configuration files: the secret scan, reported under the hardcoded-secret rule. */
function analyzeConfigText(text: string, filePath: string, options: AnalyzeOptions): AnalysisResult {
  const settings = options.rules ?? {};
  const reports: { rule: Rule; descriptor: ReportDescriptor }[] = [];
  if (settings[hardcodedSecret.meta.id] !== 'off') {
    for (const secret of findTextSecrets(text, filePath)) {
      reports.push({ rule: hardcodedSecret, descriptor: { node: secret.range, message: secret.message, confidence: secret.confidence } });
    }
  }
  return { findings: finalize(reports, settings, options.minConfidence ?? 'low', new LineIndex(text), []), notes: [] };
}

/** Agent and editor settings: the agent-access rules on the parsed file, the secret scan of configuration files, and a manifest's dependencies. */
function analyzeAgentText(text: string, filePath: string, options: AnalyzeOptions): AnalysisResult {
  const settings = options.rules ?? {};
  const lines = new LineIndex(text);
  const { enabled } = dispatchFor(settings, options.changes);
  const secretRule = settings[hardcodedSecret.meta.id] === 'off' ? undefined : hardcodedSecret;
  const { reports, notes, directives } = analyzeAgentFile(text, filePath, enabled, secretRule, lines);
  // package.json is both an agent launcher (its scripts) and a manifest (its dependencies).
  if (isManifestPath(filePath)) reports.push(...checkDependencies(text, filePath, options));
  return { findings: finalize(reports, settings, options.minConfidence ?? 'low', lines, directives), notes };
}

/** The dependency checks of a package.json; like the import checks, they label what the baseline lacked. */
function checkDependencies(text: string, filePath: string, options: AnalyzeOptions): { rule: Rule; descriptor: ReportDescriptor }[] {
  const rules = dispatchFor(options.rules ?? {}, options.changes).enabled.filter((rule) => rule.dependencies);
  if (rules.length === 0) return [];
  const baseline = options.baselineImports ? new Set(options.baselineImports) : undefined;
  const reports: { rule: Rule; descriptor: ReportDescriptor }[] = [];
  for (const rule of rules) {
    const context: ManifestContext = {
      text,
      filePath,
      packages: options.packages,
      isNewImport: (name) => (baseline ? !baseline.has(name) : undefined),
      report: (descriptor) => reports.push({ rule, descriptor }),
    };
    for (const dependency of readDependencies(text)) rule.dependencies!(dependency, context);
  }
  return reports;
}

function analyzeScript(text: string, filePath: string, options: AnalyzeOptions): AnalysisResult {
  const notes: Note[] = [];
  const lines = new LineIndex(text);
  const parsed = parseSource(text, filePath, lines, text.includes(SUPPRESSION_MARKER));
  if (!parsed.ok) return { findings: [], notes: [parsed.note] };

  const settings = options.rules ?? {};
  const dispatch = dispatchFor(settings, options.changes);
  const { enabled, plans } = dispatch;
  const directives = parsed.comments.length > 0 ? readDirectives(parsed.comments, lines) : [];
  const reports: { rule: Rule; descriptor: ReportDescriptor }[] = [];
  const scopes = new ScopeStack();
  const taint = new Taint(scopes);
  const imports: ImportRecord[] = [];
  const baseline = options.baselineImports ? new Set(options.baselineImports) : undefined;
  const importHelpers = {
    requireIsLocal: () => isLocalRequire(scopes),
    constantText: (node: Node) => {
      const value = taint.evaluate(node);
      return value.kind === 'constant' ? value.text : undefined;
    },
  };

  let currentRule: Rule | undefined;
  // While one node's handlers run, the scopes and taint facts stand still, and most handlers ask for the same
  // callee name and argument values: answer each question once per node.
  let memoising = false;
  const names = new Map<Node, string | undefined>();
  const values = new Map<Node, Value>();
  const mentionCache = new Map<string | RegExp, boolean>();
  const context: RuleContext = {
    text,
    filePath,
    directives,
    report: (descriptor) => {
      if (currentRule) reports.push({ rule: currentRule, descriptor });
    },
    evaluate: (node) => {
      if (!memoising || !node) return taint.evaluate(node);
      let value = values.get(node);
      if (value === undefined) {
        value = taint.evaluate(node);
        values.set(node, value);
      }
      return value;
    },
    mentions: (pattern) => {
      // Rules pass strings and module-level constants, found by identity in one lookup; a pattern built per call
      // (`new RegExp(name)`) is found by its source, so the text is still searched once per pattern.
      let answer = mentionCache.get(pattern);
      if (answer !== undefined) return answer;
      const key = typeof pattern === 'string' ? undefined : `/${pattern.source}/${pattern.flags}`;
      answer = key === undefined ? undefined : mentionCache.get(key);
      if (answer === undefined) {
        answer = typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
        if (key !== undefined) mentionCache.set(key, answer);
      }
      mentionCache.set(pattern, answer);
      return answer;
    },
    qualifiedName: (node) => {
      if (!memoising) return scopes.qualifiedName(node);
      const name = names.get(node);
      if (name !== undefined || names.has(node)) return name;
      const computed = scopes.qualifiedName(node);
      names.set(node, computed);
      return computed;
    },
    importedName: (node) => scopes.importedName(node),
    declaration: (name) => scopes.declaration(name),
    source: (node) => text.slice(node.range[0], node.range[1]),
    packages: options.packages,
    isNewImport: (key) => (baseline ? !baseline.has(key) : undefined),
  };

  // The hottest loop of the analysis: indexed loops and one plan lookup per node.
  const visit = (node: Node, parent: Node | undefined): void => {
    (node as { parent?: Node }).parent = parent;
    track(node, scopes, taint);
    const plan = plans.get(node.type) ?? planFor(dispatch, node.type);
    if (plan.importing) {
      const record = importRecordOf(node, importHelpers);
      if (record) imports.push(record);
    }
    const { rules, handlers, childKeys } = plan;
    if (handlers.length > 0) {
      memoising = true;
      for (let i = 0; i < handlers.length; i++) {
        currentRule = rules[i];
        handlers[i](node, context);
      }
      memoising = false;
      currentRule = undefined;
      if (names.size > 0) names.clear();
      if (values.size > 0) values.clear();
    }
    for (let k = 0; k < childKeys.length; k++) {
      const child = (node as unknown as Record<string, unknown>)[childKeys[k]] as Node | (Node | null)[] | null | undefined;
      if (child === null || child === undefined) continue;
      if (Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) {
          const item = child[i];
          if (item !== null && typeof item === 'object' && typeof item.type === 'string') visit(item, node);
        }
      } else if (typeof child === 'object' && typeof child.type === 'string') {
        visit(child, node);
      }
    }
    if (plan.opensScope) scopes.pop();
  };

  try {
    visit(parsed.program, undefined);
    for (const rule of enabled) {
      if (!rule.imports) continue;
      currentRule = rule;
      for (const record of imports) rule.imports(record, context);
    }
    for (const rule of enabled) {
      if (!rule.finish) continue;
      currentRule = rule;
      rule.finish(context);
    }
    const late = enabled.filter((rule) => rule.afterReports);
    if (late.length > 0) {
      const reported = reports.map(({ rule, descriptor }) => ({ ruleId: rule.meta.id, line: lines.position(rangeOf(descriptor.node)[0]).line }));
      const enabledIds = new Set(enabled.map((rule) => rule.meta.id));
      for (const rule of late) {
        currentRule = rule;
        rule.afterReports?.(context, reported, enabledIds);
      }
    }
  } catch (error) {
    // Whatever goes wrong, the user keeps the findings made so far and learns what was not checked.
    const failedRule = currentRule ? ` in rule ${currentRule.meta.id}` : '';
    notes.push(
      error instanceof RangeError
        ? { kind: 'too-deep', message: 'Partly analysed: the code is nested too deeply to walk completely.' }
        : { kind: 'internal-error', message: `Partly analysed: internal error${failedRule}: ${String((error as Error)?.message ?? error)}` },
    );
  }
  currentRule = undefined;

  const findings = finalize(reports, settings, options.minConfidence ?? 'low', lines, directives);
  return imports.length > 0 ? { findings, notes, imports } : { findings, notes };
}

/** `require` bound locally to something other than `createRequire(...)` is not Node's require. */
function isLocalRequire(scopes: ScopeStack): boolean {
  const declaration = scopes.declaration('require');
  if (!declaration) return false;
  const init = declaration.init;
  if (init?.type !== 'CallExpression') return true;
  const callee = init.callee.type === 'MemberExpression' ? init.callee.property : init.callee;
  return !(callee.type === 'Identifier' && callee.name === 'createRequire');
}

/** Keeps scopes and value origins in step with the walk, before rules see the node. */
function track(node: Node, scopes: ScopeStack, taint: Taint): void {
  switch (node.type) {
    case 'FunctionDeclaration':
      if (node.id) scopes.declare(node.id.name, UNKNOWN);
      declareParameters(node, scopes, taint);
      return;
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      declareParameters(node, scopes, taint);
      return;
    case 'ImportDeclaration':
      scopes.declareImport(node);
      return;
    case 'TSImportEqualsDeclaration':
      scopes.declareImportEquals(node);
      return;
    case 'VariableDeclarator':
      declareVariable(node, scopes, taint);
      return;
    case 'AssignmentExpression':
      trackAssignment(node, scopes, taint);
      return;
    case 'IfStatement':
      taint.markValidated(node.test);
      return;
    case 'CatchClause':
      if (node.param) taint.declarePattern(node.param, UNKNOWN);
      return;
    default:
      return;
  }
}

function declareParameters(node: TSESTree.FunctionLike, scopes: ScopeStack, taint: Taint): void {
  scopes.push();
  taint.declareParameters(node);
  for (const param of node.params) scopes.recordDeclaration(param, undefined);
}

function declareVariable(node: TSESTree.VariableDeclarator, scopes: ScopeStack, taint: Taint): void {
  if (!node.init || !scopes.declareRequire(node.id, node.init)) {
    taint.declarePattern(node.id, node.init ? taint.evaluate(node.init) : UNKNOWN);
  }
  const loop = node.parent?.parent;
  const iterated = (loop?.type === 'ForOfStatement' || loop?.type === 'ForInStatement') && loop.left === node.parent ? loop.right : undefined;
  scopes.recordDeclaration(node.id, node.init ?? undefined, iterated);
}

function trackAssignment(node: TSESTree.AssignmentExpression, scopes: ScopeStack, taint: Taint): void {
  if (node.left.type !== 'Identifier') return;
  assignValue(node.left.name, node.operator, taint.evaluate(node.right), scopes);
  scopes.recordAssignment(node.left.name, node.operator, node.right);
}

function assignValue(name: string, operator: string, right: Value, scopes: ScopeStack): void {
  if (operator === '=') {
    scopes.assign(name, right);
    return;
  }
  if (operator !== '+=') return;
  const previous: Value = scopes.lookup(name)?.value ?? UNKNOWN;
  if (previous.kind === 'tainted') return;
  if (right.kind === 'tainted') scopes.assign(name, right);
  else if (previous.kind === 'constant' && right.kind === 'constant') {
    const text = previous.text !== undefined && right.text !== undefined ? previous.text + right.text : undefined;
    scopes.assign(name, { kind: 'constant', text });
  } else scopes.assign(name, UNKNOWN);
}

function finalize(
  reports: { rule: Rule; descriptor: ReportDescriptor }[],
  settings: Readonly<Record<string, RuleSetting>>,
  minConfidence: Confidence,
  lines: LineIndex,
  directives: readonly Directive[],
): Finding[] {
  const findings: Finding[] = [];
  for (const { rule, descriptor } of reports) {
    if (CONFIDENCE_RANK[descriptor.confidence] < CONFIDENCE_RANK[minConfidence]) continue;
    const range = rangeOf(descriptor.node);
    const setting = settings[rule.meta.id];
    const severity: Severity = setting && setting !== 'off' ? setting : rule.meta.severity;
    findings.push({
      ruleId: rule.meta.id,
      message: descriptor.message,
      severity,
      confidence: descriptor.confidence,
      cwe: rule.meta.cwe.map((id) => `CWE-${id}`),
      range,
      start: lines.position(range[0]),
      end: lines.position(range[1]),
      fixes: descriptor.fixes ?? [],
      related: (descriptor.related ?? []).map(({ node, message }) => ({
        range: node.range,
        start: lines.position(node.range[0]),
        end: lines.position(node.range[1]),
        message,
      })),
      fingerprint: '',
      ...(descriptor.package === undefined ? {} : { package: descriptor.package }),
    });
  }
  findings.sort((a, b) => a.range[0] - b.range[0] || a.ruleId.localeCompare(b.ruleId));
  const unique = findings.filter(
    (finding, index) => index === 0 || !sameFinding(findings[index - 1], finding),
  );
  assignFingerprints(unique, lines);
  applyDirectives(unique, directives);
  return unique;
}

function rangeOf(target: Node | Range): Range {
  return Array.isArray(target) ? [target[0], target[1]] : [target.range[0], target.range[1]];
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.range[0] === b.range[0] && a.range[1] === b.range[1];
}

/**
 * Fingerprint "codeward/v1": sha256 of rule id, the finding's first line with white space collapsed, and the
 * count of earlier findings of that rule on identical lines in the file. Moving code keeps it; editing the line
 * changes it. Documented in docs/cli.md; baselines match on it.
 */
export function assignFingerprints(findings: Finding[], lines: LineIndex): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const lineText = lines.lineText(finding.start.line).trim().replace(/\s+/g, ' ');
    const key = `${finding.ruleId}\0${lineText}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    finding.fingerprint = createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 32);
  }
}
