// The core's public surface, used by the CLI and the extension alike.
export { analyze } from './engine';
export type { AnalyzeOptions } from './engine';
export { RULES, findRule } from './rules';
export { isAnalysableFile } from './parse';
export { ruleDocsUrl, ruleDocsPath, TOOL_NAME, TOOL_VERSION, REPOSITORY_URL } from './docs';
export type * from './types';
