// The whole picture for `codeward scope` and the panel: declared vs inferred, policy, threat model, assistants, owners.
import { relative } from 'node:path';
import type { CodewardConfig } from '../config/model';
import type { ScanReport } from '../scan';
import { toPosix } from '../files';
import {
  CLASSIFICATIONS, type Classification, type InferredScope, type LoadedScope, type ReportScope, type ScopeDeclaration, type ScopeStatus,
  type ScopeFindingCounts, type Understatement,
} from './model';
import { findRule } from '../rules';
import { loadScope } from './load';
import { classificationOf, inferScope } from './infer';
import { policyFor } from './policy';
import { threatModelStatus } from './threat-model';
import { checkAssistants } from './assistants';
import { findOwners } from './owners';

export interface ScopeStatusOptions {
  config?: CodewardConfig;
  /** The directory the configuration's exclude patterns are relative to, when not `root` (the git root). */
  configRoot?: string;
  /** A scan of the same root, reused as evidence (hardcoded secrets) instead of rescanning. */
  report?: ScanReport;
  /** An already loaded scope file (the editor keeps one). */
  loaded?: LoadedScope;
  /** "Today" for staleness checks; tests pin it. */
  now?: Date;
}

const RANK = (classification: Classification): number => CLASSIFICATIONS.indexOf(classification);

/** Where the declaration says less than the inferred scope: a lower classification, data kinds left out. */
export function compareScope(declared: ScopeDeclaration, inferred: InferredScope): Understatement[] {
  const understatements: Understatement[] = [];
  if (RANK(inferred.classification) > RANK(declared.classification)) {
    const strongest = inferred.signals.filter((signal) => classificationOf(signal) === inferred.classification);
    understatements.push({
      kind: 'classification',
      declared: declared.classification,
      inferred: inferred.classification,
      reason: `Declared ${declared.classification}, but the code suggests ${inferred.classification}: ${strongest.map((signal) => signal.description).join('; ')}.`,
      evidence: strongest.flatMap((signal) => signal.evidence).slice(0, 5),
    });
  }
  for (const kind of inferred.dataKinds) {
    if (declared.dataKinds.includes(kind)) continue;
    const signals = inferred.signals.filter((signal) => signal.dataKind === kind);
    understatements.push({
      kind: 'data-kind',
      inferred: kind,
      reason: `The code handles ${kind}, which dataKinds does not list: ${signals.map((signal) => signal.description).join('; ')}.`,
      evidence: signals.flatMap((signal) => signal.evidence).slice(0, 5),
    });
  }
  return understatements;
}

export async function scopeStatus(root: string, options: ScopeStatusOptions = {}): Promise<ScopeStatus> {
  const loaded = options.loaded ?? loadScope(root);
  const now = options.now ?? new Date();
  const inferred = await inferScope(root, { config: options.config, configRoot: options.configRoot, report: options.report });
  const { declared } = loaded;
  const effectiveClassification = declared?.classification ?? 'public';
  return {
    root,
    file: loaded.file,
    exists: loaded.exists,
    ...(declared ? { declared } : {}),
    errors: loaded.errors,
    inferred,
    effectiveClassification,
    understatements: declared ? compareScope(declared, inferred) : [],
    policy: policyFor(effectiveClassification),
    threatModel: threatModelStatus(root, declared, now),
    assistantProblems: declared ? checkAssistants(declared, now) : [],
    owners: findOwners(root, declared),
    ...(options.report ? { findings: findingCounts(options.report) } : {}),
  };
}

/** Unsuppressed findings by severity and category, with the policy's violations and raises. */
export function findingCounts(report: ScanReport): ScopeFindingCounts {
  const counts: ScopeFindingCounts = { bySeverity: { error: 0, warning: 0, info: 0 }, byCategory: {}, policyViolations: 0, raised: 0 };
  for (const file of report.files) {
    for (const finding of file.findings) {
      if (finding.suppression) continue;
      counts.bySeverity[finding.severity]++;
      const category = findRule(finding.ruleId)?.meta.category;
      if (category) counts.byCategory[category] = (counts.byCategory[category] ?? 0) + 1;
      if (finding.policy?.restrictedPath) counts.policyViolations++;
      if (finding.policy?.raisedFrom) counts.raised++;
    }
  }
  return counts;
}

/**
 * The scope summary a scan report carries (SARIF `run.properties.scope`, JSON `scope`); none without a valid
 * declaration. `scanRoot`: what the file path is relative to (default: the scope's own root).
 */
export function reportScope(loaded: LoadedScope, scanRoot: string = loaded.root): ReportScope | undefined {
  const { declared } = loaded;
  if (!declared) return undefined;
  const policy = policyFor(declared.classification);
  return {
    file: toPosix(relative(scanRoot, loaded.file)),
    classification: declared.classification,
    dataKinds: declared.dataKinds,
    frameworks: declared.frameworks,
    restrictedPaths: declared.aiPolicy.restrictedPaths,
    policy: policy.summary,
    dependenciesNeedReview: policy.dependenciesNeedReview,
  };
}
