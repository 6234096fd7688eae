// template-injection: server-side template engines compiling template text that comes from user input.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import type { Node } from '../types';
import { propertyName, unwrap } from '../ast';
import { inputLabel, isInput } from '../request-values';

/** Qualified call names whose first argument is template source text, with the engine's display name. */
const COMPILERS: Record<string, string> = {
  'handlebars.compile': 'Handlebars.compile',
  'handlebars.precompile': 'Handlebars.precompile',
  'Handlebars.compile': 'Handlebars.compile',
  'Handlebars.precompile': 'Handlebars.precompile',
  'hbs.handlebars.compile': 'Handlebars.compile',
  'ejs.render': 'ejs.render',
  'ejs.compile': 'ejs.compile',
  'pug.compile': 'pug.compile',
  'pug.render': 'pug.render',
  'pug.compileClient': 'pug.compileClient',
  'jade.compile': 'jade.compile',
  'jade.render': 'jade.render',
  'lodash.template': '_.template',
  'lodash/template': '_.template',
  'lodash-es.template': '_.template',
  'underscore.template': '_.template',
  '_.template': '_.template',
  'mustache.render': 'Mustache.render',
  'Mustache.render': 'Mustache.render',
  'nunjucks.renderString': 'nunjucks.renderString',
  'nunjucks.compile': 'nunjucks.compile',
  'nunjucks.Template': 'new nunjucks.Template',
  'dot.template': 'doT.template',
  'dot.compile': 'doT.compile',
  'doT.template': 'doT.template',
  'doT.compile': 'doT.compile',
  'eta.renderString': 'Eta.renderString',
  'eta.renderStringAsync': 'Eta.renderStringAsync',
  'eta.compile': 'Eta.compile',
  'twig.twig': 'twig',
  'swig.render': 'swig.render',
  'swig.compile': 'swig.compile',
  'art-template.render': 'template.render',
  'velocityjs.render': 'Velocity.render',
  'squirrelly.render': 'Sqrl.render',
};
/** Methods that compile their first argument on any receiver (a configured nunjucks or Eta environment). */
const ENVIRONMENT_METHODS = new Set(['renderString', 'renderStringAsync']);

/** Where the template text is: the first argument, or `data` of twig({ data }). */
function templateArgument(name: string, node: TSESTree.CallExpression | TSESTree.NewExpression): Node | undefined {
  if (name === 'twig.twig') {
    const options = node.arguments[0] && unwrap(node.arguments[0]);
    if (options?.type !== 'ObjectExpression') return undefined;
    for (const property of options.properties) {
      if (property.type === 'Property' && propertyName(property) === 'data') return property.value as Node;
    }
    return undefined;
  }
  return node.arguments[0];
}

/** Command-line arguments are chosen by whoever runs the script, not by a remote attacker. */
function accepts(label: string): boolean {
  return !/^process\.argv/.test(label);
}

function check(node: TSESTree.CallExpression | TSESTree.NewExpression, context: RuleContext): void {
  const callee = unwrap(node.callee);
  const name = context.qualifiedName(callee);
  let display: string | undefined;
  let template: Node | undefined;
  if (name !== undefined && COMPILERS[name]) {
    display = COMPILERS[name];
    template = templateArgument(name, node);
  } else if (callee.type === 'MemberExpression' && ENVIRONMENT_METHODS.has(propertyName(callee) ?? '')) {
    display = `${propertyName(callee)}`;
    template = node.arguments[0];
  } else if (callee.type === 'MemberExpression' && propertyName(callee) === 'registerPartial' && /handlebars|hbs/i.test(context.qualifiedName(callee.object) ?? '')) {
    // Handlebars.registerPartial('name', source)
    display = 'Handlebars.registerPartial';
    template = node.arguments[1];
  }
  if (display === undefined || !template) return;
  const value = context.evaluate(template);
  if (!isInput(value) || !accepts(inputLabel(value))) return;
  const evidence = sinkEvidence(value, undefined);
  if (!evidence) return;
  context.report({
    node,
    message: /^(?:request input|IPC)/.test(inputLabel(value))
      ? `${display}() compiles template text taken from ${inputLabel(value)}; an attacker can write template code that reads server data or, through the engine's JavaScript access, runs code on the server.`
      : `${display}() compiles template text taken from ${inputLabel(value)}; an attacker can write template code that runs script in the page.`,
    confidence: evidence.confidence,
    related: evidence.related,
  });
}

export const templateInjection: Rule = {
  meta: {
    id: 'template-injection',
    category: 'injection',
    title: 'Server-side template injection',
    description: 'Template engines (Handlebars, EJS, Pug, lodash, Mustache, Nunjucks, doT) compiling template text from user input let attackers run template code on the server.',
    severity: 'error',
    cwe: [1336],
    fixable: false,
  },
  visitors: {
    CallExpression: check,
    NewExpression: check,
  },
};
