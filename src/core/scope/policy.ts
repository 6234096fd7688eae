// The sensitivity policy: one table of severity raises by classification, and the one function that applies it
// (and the restricted-path rule) to a file's findings. The engine calls it, so the CLI and the editor agree.
import { isAbsolute, relative } from 'node:path';
import ignore, { Ignore } from 'ignore';
import type { Finding, RuleCategory, Severity } from '../types';
import { findRule } from '../rules';
import { toPosix } from '../files';
import type { Classification, LoadedScope, PolicyRow, ScopePolicyInput } from './model';

const RAISED_ALWAYS: RuleCategory[] = ['secrets', 'crypto', 'transport', 'injection'];
/** Every category that guards security; `meta` (suppression hygiene) is about the tool itself. */
const SECURITY: RuleCategory[] = [
  'injection', 'xss', 'request-forgery', 'files', 'secrets', 'crypto', 'transport', 'auth-session', 'web-config',
  'cloud-config', 'data-handling', 'supply-chain', 'agent-access',
];

/** Documented in docs/scope.md ("Policy"); a test keeps that table in step with this one. */
export const SCOPE_POLICY: readonly PolicyRow[] = Object.freeze([
  {
    classification: 'public',
    raises: [],
    dependenciesNeedReview: false,
    summary: 'Rule defaults.',
  },
  {
    classification: 'internal',
    raises: [{ categories: ['secrets'], from: 'info', to: 'error' }],
    dependenciesNeedReview: false,
    summary: 'Hard-coded secrets are errors.',
  },
  {
    classification: 'confidential',
    raises: [
      { categories: RAISED_ALWAYS, from: 'info', to: 'error' },
      { categories: ['auth-session', 'request-forgery', 'data-handling'], from: 'info', to: 'warning' },
    ],
    dependenciesNeedReview: false,
    summary: 'Secrets, crypto, transport (TLS) and injection findings are errors; auth/session, request forgery and data handling are at least warnings.',
  },
  {
    classification: 'restricted',
    raises: [
      { categories: RAISED_ALWAYS, from: 'info', to: 'error' },
      { categories: ['supply-chain'], from: 'info', to: 'error' },
      { categories: SECURITY, from: 'warning', to: 'error' },
    ],
    dependenciesNeedReview: true,
    summary: 'Every security warning is an error; secrets, crypto, transport, injection and supply-chain findings are errors; new dependencies need review.',
  },
]);

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function policyFor(classification: Classification): PolicyRow {
  return SCOPE_POLICY.find((row) => row.classification === classification) ?? SCOPE_POLICY[0];
}

/**
 * The analysis input for a loaded scope; undefined when there is no valid declaration (defaults apply).
 * `analysisRoot`: the directory analysed paths are relative to (the scan root), when it is not the scope's own.
 */
export function scopePolicyInput(scope: Pick<LoadedScope, 'declared' | 'root'>, analysisRoot?: string): ScopePolicyInput | undefined {
  if (!scope.declared) return undefined;
  const prefix = analysisRoot ? toPosix(relative(analysisRoot, scope.root)) : '';
  return {
    classification: scope.declared.classification,
    restrictedPaths: scope.declared.aiPolicy.restrictedPaths,
    ...(scope.declared.aiPolicy.reviewRequired ? { reviewRequired: true } : {}),
    root: scope.root,
    ...(prefix ? { prefix } : {}),
  };
}

/** The path relative to the scope's root, or undefined when the file lies outside the scope. */
function scopedPath(path: string, input: ScopePolicyInput): string | undefined {
  if (isAbsolute(path)) return input.root ? scopedRelative(toPosix(relative(input.root, path))) : undefined;
  const posix = toPosix(path);
  if (!input.prefix) return scopedRelative(posix);
  return posix.startsWith(`${input.prefix}/`) ? posix.slice(input.prefix.length + 1) : undefined;
}

function scopedRelative(path: string): string | undefined {
  return path === '' || path.startsWith('../') || path === '..' || isAbsolute(path) ? undefined : path;
}

const matchers = new Map<string, Ignore>();

function matcherFor(globs: readonly string[]): Ignore {
  const key = globs.join('\n');
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = ignore().add([...globs]);
    matchers.set(key, matcher);
  }
  return matcher;
}

/** The first restricted glob that matches a path relative to the root (forward slashes), if any. */
export function restrictedGlobFor(path: string, globs: readonly string[]): string | undefined {
  if (globs.length === 0) return undefined;
  if (!matcherFor(globs).ignores(path)) return undefined;
  return globs.find((glob) => ignore().add(glob).ignores(path)) ?? globs[0];
}

/**
 * Raises severities as the classification's row says and marks findings in restricted paths as policy violations
 * (errors, with the reason in the message). `path` is the analysed path: relative to the scan root, or absolute.
 * Files outside the scope's directory are left alone.
 */
export function applyScopePolicy(findings: Finding[], path: string, input: ScopePolicyInput): Finding[] {
  const relativePath = scopedPath(path, input);
  if (relativePath === undefined) return findings;
  const row = policyFor(input.classification);
  const restricted = restrictedGlobFor(relativePath, input.restrictedPaths);
  if (row.raises.length === 0 && !restricted) return findings;
  return findings.map((finding) => {
    const category = findRule(finding.ruleId)?.meta.category;
    let severity = finding.severity;
    for (const raise of row.raises) {
      if (category && raise.categories.includes(category) && RANK[severity] >= RANK[raise.from] && RANK[raise.to] > RANK[severity]) severity = raise.to;
    }
    if (restricted) severity = 'error';
    if (severity === finding.severity && !restricted) return finding;
    return {
      ...finding,
      severity,
      message: restricted
        ? `${finding.message} Policy violation: AI edits are not allowed in '${restricted}' (.codeward/scope.json).`
        : finding.message,
      policy: {
        ...(severity !== finding.severity ? { raisedFrom: finding.severity, classification: input.classification } : {}),
        ...(restricted ? { restrictedPath: restricted } : {}),
      },
    };
  });
}

/**
 * AI changes need review (`aiPolicy.reviewRequired`): a security warning inside code inserted in one edit or written
 * by another process, not yet marked reviewed, is an error until someone looks at it. The editor calls this after
 * marking inserted code; scans of files on disk have no such regions.
 */
export function applyInsertedCodePolicy(findings: Finding[], input: ScopePolicyInput | undefined): Finding[] {
  if (!input?.reviewRequired) return findings;
  return findings.map((finding) => {
    if (!finding.insertedCode || finding.severity !== 'warning') return finding;
    const category = findRule(finding.ruleId)?.meta.category;
    if (!category || !SECURITY.includes(category)) return finding;
    return {
      ...finding,
      severity: 'error',
      policy: { ...finding.policy, raisedFrom: 'warning', classification: input.classification, unreviewedInsertedCode: true },
    };
  });
}
