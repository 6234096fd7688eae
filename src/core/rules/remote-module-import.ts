// remote-module-import: an import from a URL, a git location or a file: URL instead of a registry package.
import type { Rule } from '../rule';
import { importLead } from '../imports/checks';
import { parseSpecifier } from '../imports/specifier';

export const remoteModuleImport: Rule = {
  meta: {
    id: 'remote-module-import',
    category: 'supply-chain',
    title: 'Import from a URL, git or file location',
    description:
      'An import whose specifier is a URL (http, https, data), a git location or a file: URL: code fetched or read outside the registry, the lockfile and its integrity hashes.',
    severity: 'warning',
    cwe: [494, 829],
    fixable: false,
  },
  visitors: {},
  imports(record, context) {
    if (record.specifier === undefined || record.typeOnly) return;
    const specifier = parseSpecifier(record.specifier);
    if (specifier.kind !== 'remote') return;
    const insecure = specifier.scheme === 'http' ? ' over plain HTTP' : '';
    context.report({
      node: record.range,
      message: `${importLead(context.isNewImport(record.specifier), `a ${specifier.scheme}: location`)}${insecure}: the code is not pinned by the lockfile or checked against an integrity hash.`,
      confidence: 'high',
    });
  },
};
