// unsafe-deserialization: deserializers that rebuild functions from data (node-serialize, funcster, cryo, js-yaml full schema, bson evalFunctions), and serialize-javascript output left unescaped.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node } from '../types';
import type { Rule, RuleContext } from '../rule';
import { sinkEvidence } from '../rule';
import { isBooleanLiteral, propertyName, removalRange, unwrap } from '../ast';
import { optionProperty, resolveInit } from '../static-value';

/** Deserializers that turn serialized functions back into code, whatever the options. */
const CODE_DESERIALIZERS: Record<string, string> = {
  'node-serialize.unserialize': "node-serialize's unserialize() rebuilds functions from the data with eval, and a serialized function followed by () runs as soon as it is read",
  'funcster.deepDeserialize': "funcster's deepDeserialize() rebuilds functions from the data by evaluating their source",
  'cryo.parse': "cryo's parse() rebuilds functions from the data by evaluating their source",
};
const JS_YAML = /^(?:js-yaml|yaml|jsyaml)\.(load|loadAll|safeLoad|safeLoadAll)$/;
const BSON = /^bson\.(?:BSON\.)?deserialize$/;
/** js-yaml-js-types members that are harmless (regular expressions, undefined). */
const HARMLESS_JS_TYPES = new Set(['regexp', 'undefined']);

/**
 * Whether a js-yaml schema includes the JavaScript types: v3's DEFAULT_FULL_SCHEMA, or v4's schema extended with
 * js-yaml-js-types (`DEFAULT_SCHEMA.extend(require('js-yaml-js-types').all)`). Looks one call deep.
 */
function unsafeSchema(schema: Node | undefined, context: RuleContext, depth = 0): boolean {
  const resolved = resolveInit(schema, context);
  if (!resolved || depth > 3) return false;
  if (resolved.type === 'Identifier' || resolved.type === 'MemberExpression') {
    const name = context.qualifiedName(resolved) ?? '';
    if (/(?:^|\.)DEFAULT_FULL_SCHEMA$/.test(name)) return true;
    const jsTypes = /^js-yaml-js-types(?:\.(\w+))?/.exec(name);
    return jsTypes !== null && !HARMLESS_JS_TYPES.has(jsTypes[1] ?? '');
  }
  if (resolved.type === 'ArrayExpression') {
    return resolved.elements.some((element) => element !== null && element.type !== 'SpreadElement' && unsafeSchema(element, context, depth + 1));
  }
  if (resolved.type === 'CallExpression' || resolved.type === 'NewExpression') {
    return resolved.arguments.some((arg) => {
      const inner = unwrap(arg);
      if (inner.type === 'ObjectExpression') {
        return inner.properties.some((property) => property.type === 'Property' && unsafeSchema(property.value, context, depth + 1));
      }
      return unsafeSchema(arg, context, depth + 1);
    });
  }
  return false;
}

/** `schema: yaml.DEFAULT_FULL_SCHEMA` written in the call: v3 also has DEFAULT_SAFE_SCHEMA under the same object. */
function safeSchemaFix(schema: TSESTree.Property | undefined): Fix | undefined {
  const value = schema ? unwrap(schema.value) : undefined;
  if (value?.type !== 'MemberExpression' || propertyName(value) !== 'DEFAULT_FULL_SCHEMA' || value.computed) return undefined;
  return {
    title: 'Use DEFAULT_SAFE_SCHEMA (review: documents with !!js/function, !!js/regexp or !!js/undefined tags no longer load)',
    safety: 'review',
    edits: [{ range: [value.property.range[0], value.property.range[1]], text: 'DEFAULT_SAFE_SCHEMA' }],
  };
}

function report(call: TSESTree.CallExpression, input: Node | undefined, why: string, context: RuleContext, fix?: Fix): void {
  const value = context.evaluate(input);
  const evidence = sinkEvidence(value, 'medium');
  if (!evidence) return;
  const risk = value.kind === 'tainted' || value.kind === 'source'
    ? 'so this request data can run arbitrary code on the server'
    : 'so anyone who can shape this data can run arbitrary code in the process';
  context.report({
    node: context.source(call).includes('\n') ? call.callee : call,
    message: `${why}, ${risk}.`,
    confidence: evidence.confidence,
    related: evidence.related,
    fixes: fix ? [fix] : [],
  });
}

/**
 * serialize-javascript's output is JavaScript meant to be written into a page and evaluated there; `unsafe: true`
 * skips escaping `<`, `>` and `/`, so a string holding `</script>` ends the script element and the rest runs as
 * markup. Escaped or not, the output evaluates (and JSON.parse reads) to the same value: removing the option is
 * safe (checked with serialize-javascript 7.1.4 on strings, functions, regular expressions, dates, maps and sets).
 */
function serializeUnsafe(call: TSESTree.CallExpression, context: RuleContext): void {
  const [data, options] = call.arguments;
  const object = options ? resolveInit(options, context) : undefined;
  if (!data || object?.type !== 'ObjectExpression') return;
  const unsafe = optionProperty(object, 'unsafe', context);
  if (!unsafe || !isBooleanLiteral(resolveInit(unsafe.value, context), true)) return;
  const evidence = sinkEvidence(context.evaluate(data), 'medium');
  if (!evidence) return;
  context.report({
    node: unsafe,
    message: "serialize-javascript with unsafe: true leaves <, > and / unescaped, so a string in the data that holds </script> ends the script element this output is written into, and what follows runs as page markup (XSS).",
    confidence: evidence.confidence,
    related: evidence.related,
    fixes: options === object ? [{
      title: 'Remove unsafe: true (safe: the escaped output evaluates, and JSON.parse reads it, to the same value)',
      safety: 'safe',
      edits: [{ range: removalRange(unsafe, object.properties, context.text), text: '' }],
    }] : [],
  });
}

function checkCall(node: TSESTree.CallExpression, context: RuleContext): void {
  const name = context.qualifiedName(node.callee);
  if (name === undefined) return;
  const args = node.arguments;
  const why = Object.hasOwn(CODE_DESERIALIZERS, name) ? CODE_DESERIALIZERS[name] : undefined;
  if (why) {
    report(node, args[0], why, context);
    return;
  }
  const yaml = JS_YAML.exec(name);
  if (yaml) {
    // loadAll(text, iterator, options) or loadAll(text, options).
    const options = yaml[1].endsWith('All') && args[2] ? args[2] : args[1];
    const schema = optionProperty(options, 'schema', context);
    if (!schema || !unsafeSchema(schema.value, context)) return;
    report(node, args[0], `js-yaml's ${yaml[1]}() with the JavaScript types (!!js/function) builds functions from the document`, context, safeSchemaFix(schema));
    return;
  }
  if (name === 'serialize-javascript') {
    serializeUnsafe(node, context);
    return;
  }
  if (BSON.test(name)) {
    const evalFunctions = optionProperty(args[1], 'evalFunctions', context);
    if (evalFunctions && isBooleanLiteral(resolveInit(evalFunctions.value, context), true)) {
      report(node, args[0], 'BSON deserialize() with evalFunctions: true evaluates the code of stored functions', context);
    }
  }
}

export const unsafeDeserialization: Rule = {
  meta: {
    id: 'unsafe-deserialization',
    category: 'data-handling',
    title: 'Unsafe deserialization',
    description: 'Deserializers that rebuild functions from data (node-serialize, funcster, cryo, js-yaml with JavaScript types, BSON evalFunctions) run code chosen by whoever wrote the data; serialize-javascript with unsafe: true writes data that can break out of the script it is evaluated in.',
    severity: 'error',
    cwe: [502],
    fixable: true,
  },
  visitors: {
    CallExpression: checkCall,
  },
};
