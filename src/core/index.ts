// The core's public surface: the only module the CLI and the extension import values from. The build bundles it
// once (dist/core.js) and both shells load that bundle, so the parser ships once and pool workers can load it.
export { analyze } from './engine';
export type { AnalyzeOptions } from './engine';
export { RULES, findRule } from './rules';
export { fileKind, isAnalysableFile } from './file-kinds';
export { ruleDocsUrl, ruleDocsPath, TOOL_NAME, TOOL_VERSION, REPOSITORY_URL } from './docs';
export { CONFIDENCES, ConfigError, DEFAULT_CONFIG, layerConfig, RULE_SETTINGS } from './config/model';
export type { CodewardConfig, ConfigOverrides } from './config/model';
export { findGitRoot, loadConfig, projectRoot } from './config/load';
export { selectFiles, UnreadablePathError } from './files';
export type { SkippedPath } from './files';
export { analysisOptions, buildReport, displayPath, hasFindingsAtOrAbove, isFileReport, scanFile, scanPaths, scanPathsInParallel, scanSelectedFiles } from './scan';
export type { AnalysisOptions, FileReport, ScanReport, ScanSettings } from './scan';
export { cacheFilePath, defaultCacheDirectory } from './cache';
export type { CacheReport, CacheSettings } from './cache';
export { applyEdits, canSuppressIn, combinedSafeEdits, suppressionEdit } from './fixes';
export { applySafeFixes } from './apply-fixes';
export { toSarif } from './report/sarif';
export { toJson } from './report/json';
export { toText } from './report/text';
export { toMarkdown } from './report/markdown';
export { scanChanges, GitError } from './change-scan';
export type { ChangeSpec } from './change-scan';
export type * from './types';

import { serveIfWorker } from './pool';
import { serveDeepJob } from './deep';

serveIfWorker();
serveDeepJob();
