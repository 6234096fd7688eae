// The sensitivity scope's public functions, re-exported by src/core/index.ts. The panel and the CLI build on these.
export * from './model';
export {
  DEFAULT_REVIEW_INTERVAL_DAYS, formatScopeError, loadScope, loadScopeFor, parseScope, requireValidScope, scopeFileFor, ScopeFileError,
} from './load';
export { applyInsertedCodePolicy, applyScopePolicy, policyFor, restrictedGlobFor, scopePolicyInput, SCOPE_POLICY } from './policy';
export { initialScopeFile, recordThreatModelReview } from './edit';
export { classificationOf, inferScope } from './infer';
export type { InferOptions } from './infer';
export { checkAssistants, CHECK_MAX_AGE_DAYS, FRAMEWORK_COVERAGE } from './assistants';
export { threatModelStatus } from './threat-model';
export { findOwners } from './owners';
export { compareScope, findingCounts, scopeStatus, reportScope } from './status';
export type { ScopeStatusOptions } from './status';
