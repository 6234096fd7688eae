// Provenance of code in the editor: which regions were inserted in one go or written by another process.
export { addRegion, followChange, followChanges, inRegions, normalise } from './regions';
export type { ContentChange } from './regions';
export { codeLineCount, DEFAULT_MIN_LINES, insertedRegion, trackChanges } from './classify';
export type { ChangeOrigin } from './classify';
export { gitDirectory, readGitState, writtenByGit } from './git-activity';
export type { GitState } from './git-activity';
export { markInsertedFindings, INSERTED_CODE_PREFIX } from './mark';
export { contentHash, restoreRegions, storeRegions } from './persist';
export type { StoredRegions } from './persist';
