// One place that turns a rule id into its documentation address (diagnostic links, SARIF helpUri).
import { version } from '../../package.json';

export const TOOL_NAME = 'codeward';
export const TOOL_VERSION: string = version;
export const REPOSITORY_URL = 'https://github.com/codeward/codeward';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

/** Path of a rule's page inside the package, for reading the docs offline. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
