// The sensitivity scope's public functions, re-exported by src/core/index.ts. The panel and the CLI build on these.
export * from './model';
export { loadScope, parseScope, scopeFileFor } from './load';
export { applyScopePolicy, policyFor, scopePolicyInput, SCOPE_POLICY } from './policy';
export { initialScopeFile, recordThreatModelReview } from './edit';
export { inferScope } from './infer';
export type { InferOptions } from './infer';
export { checkAssistants } from './assistants';
export { threatModelStatus } from './threat-model';
export { findOwners } from './owners';
export { compareScope, scopeStatus, reportScope } from './status';
export type { ScopeStatusOptions } from './status';
