// deprecated-package: a new import of an installed package that its maintainers marked deprecated.
import type { Rule } from '../rule';
import { runtimeSpecifier } from '../imports/checks';

export const deprecatedPackage: Rule = {
  meta: {
    id: 'deprecated-package',
    category: 'supply-chain',
    title: 'New import of a deprecated package',
    description:
      'A newly imported package whose installed version is marked deprecated (in the package or the lockfile): it gets no more fixes, security ones included.',
    severity: 'warning',
    cwe: [1104],
    fixable: false,
  },
  visitors: {},
  imports(record, context) {
    const specifier = runtimeSpecifier(record);
    if (specifier?.kind !== 'package' || !context.isNewImport(specifier.name)) return;
    const installed = context.packages?.installed(specifier.name);
    if (!installed?.deprecated) return;
    const reason = installed.deprecated.replace(/\s+/g, ' ').trim().slice(0, 200);
    context.report({
      node: record.range,
      message: `New import of '${specifier.name}', which is deprecated: "${reason}".`,
      confidence: 'high',
    });
  },
};
