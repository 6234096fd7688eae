// dynamic-module-specifier: require() or import() of a module name computed at run time.
import type { Rule } from '../rule';

export const dynamicModuleSpecifier: Rule = {
  meta: {
    id: 'dynamic-module-specifier',
    category: 'supply-chain',
    title: 'Module name computed at run time',
    description:
      'require(), require.resolve() or import() with a module name that is not a constant: which code is loaded is decided at run time, possibly by input, and no review or dependency check can see it.',
    severity: 'info',
    cwe: [829],
    fixable: false,
  },
  visitors: {},
  imports(record, context) {
    if (record.specifier !== undefined || record.typeOnly || record.namedFile !== undefined) return;
    const call = record.kind === 'dynamic-import' ? 'import()' : record.kind === 'require-resolve' ? 'require.resolve()' : 'require()';
    context.report({
      node: record.range,
      message: `${call} of a module name computed at run time: the code it loads cannot be reviewed or checked; use a constant name or a fixed map of allowed modules.`,
      confidence: 'medium',
    });
  },
};
