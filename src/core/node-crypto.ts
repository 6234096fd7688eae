// How a fix reaches a function of Node's crypto module (randomInt, timingSafeEqual) from the file it edits: an import
// or require of crypto that is already there, or one added in the file's own module style. Only files that show they
// run on Node get such a fix: the browser's global `crypto` (Web Crypto, also Node's global) has neither function,
// and bundlers' crypto stand-ins lack them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { TextEdit } from './types';
import type { RuleContext } from './rule';
import type { Declaration } from './bindings';
import { patternNames, propertyName, staticString, unwrap } from './ast';
import { packageNameOf } from './imports/specifier';

/** The crypto functions fixes call; one pattern object each, so `mentions` answers once per file. */
export type CryptoFunction = 'randomInt' | 'timingSafeEqual';
const MENTIONS: Record<CryptoFunction, RegExp> = { randomInt: /\brandomInt\b/, timingSafeEqual: /\btimingSafeEqual\b/ };

/**
 * Built-ins that no bundler replaces for the browser (webpack 4 and browserify shim crypto, path, os, http and the
 * like), and server frameworks: importing one means the file runs on Node (or Deno or Bun, whose node:crypto has
 * randomInt and timingSafeEqual too).
 */
const NODE_ONLY_MODULES = new Set([
  'fs', 'fs/promises', 'child_process', 'net', 'tls', 'dgram', 'cluster', 'worker_threads', 'readline', 'readline/promises',
  'v8', 'dns', 'dns/promises', 'http2', 'async_hooks', 'inspector', 'repl', 'module', 'perf_hooks', 'diagnostics_channel',
  'express', 'fastify', 'koa', '@nestjs/common', '@nestjs/core', '@hapi/hapi',
]);

/** A name bound at the top of the file to the crypto module (`crypto.randomInt`) or to the function itself. */
interface CryptoBinding {
  local: string;
  /** `local.randomInt(...)` rather than `local(...)`. */
  namespace: boolean;
  declaration: Declaration | undefined;
}

/** What the walk learns about the file's modules, in the order it sees them. */
export class ModuleFacts {
  private usesImport = false;
  private usesRequire = false;
  private nodeScheme = false;
  private runsOnNode = false;
  private lastImportEnd?: number;
  private lastImportSemicolon = true;
  private firstStatementStart?: number;
  private readonly bindings: CryptoBinding[] = [];
  /** How many declarations (variables, functions, classes, imports) each name has anywhere in the file. */
  private readonly declared = new Map<string, number>();

  constructor(private readonly member: CryptoFunction) {}

  program(node: TSESTree.Program): void {
    const first = node.body.find((statement) => !(statement.type === 'ExpressionStatement' && statement.directive !== undefined));
    this.firstStatementStart = first?.range[0];
  }

  importDeclaration(node: TSESTree.ImportDeclaration, context: RuleContext): void {
    for (const specifier of node.specifiers) this.countDeclaration(specifier.local.name);
    if (node.parent?.type !== 'Program') return;
    this.usesImport = true;
    this.lastImportEnd = node.range[1];
    this.lastImportSemicolon = context.text[node.range[1] - 1] === ';';
    const module = this.module(node.source.value);
    if (module !== 'crypto' || node.importKind === 'type') return;
    for (const specifier of node.specifiers) {
      if (specifier.type === 'ImportSpecifier') {
        if (specifier.importKind === 'type') continue;
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
        if (imported === this.member) this.bind(specifier.local.name, false, context);
        // A default import is the module object only with esModuleInterop or native ESM: trust it when the file
        // already reads members of it.
      } else if (specifier.type === 'ImportNamespaceSpecifier' || context.mentions(new RegExp(`\\b${specifier.local.name}\\s*\\.\\s*\\w`))) {
        this.bind(specifier.local.name, true, context);
      }
    }
  }

  /** A `require('m')` anywhere: the file is CommonJS, and may be Node's. */
  call(node: TSESTree.CallExpression): void {
    if (node.callee.type !== 'Identifier' || node.callee.name !== 'require') return;
    const specifier = staticString(node.arguments[0]);
    if (specifier === undefined) return;
    this.usesRequire = true;
    this.module(specifier);
  }

  /** `const crypto = require('crypto')` and `const { randomInt } = require('node:crypto')` at the top level. */
  declarator(node: TSESTree.VariableDeclarator, context: RuleContext): void {
    const names = patternNames(node.id);
    for (const name of names) this.countDeclaration(name);
    const init = node.init && unwrap(node.init);
    if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require') return;
    if (node.parent?.parent?.type !== 'Program' || node.parent.type !== 'VariableDeclaration' || node.parent.kind !== 'const') return;
    if (canonical(staticString(init.arguments[0]) ?? '') !== 'crypto') return;
    if (node.id.type === 'Identifier') this.bind(node.id.name, true, context);
    else if (node.id.type === 'ObjectPattern') {
      for (const property of node.id.properties) {
        if (property.type === 'Property' && propertyName(property) === this.member && property.value.type === 'Identifier') {
          this.bind(property.value.name, false, context);
        }
      }
    }
  }

  /** Function and class declarations can shadow or clash with a binding too. */
  declaredName(name: string): void {
    this.countDeclaration(name);
  }

  /** The crypto bindings visible here (call where the fix goes): a later inner declaration cannot be seen yet. */
  visibleHere(context: RuleContext): ReadonlyMap<string, Declaration | undefined> {
    return new Map(this.bindings.map((binding) => [binding.local, context.declaration(binding.local)]));
  }

  /**
   * How to call the function at a place whose visible bindings were `visible`, and the edits that add an import when
   * none is usable; undefined when the file does not show it runs on Node or the name would clash.
   */
  access(visible: ReadonlyMap<string, Declaration | undefined>, context: RuleContext): { callee: string; edits: TextEdit[] } | undefined {
    const member = this.member;
    if (!this.runsOnNode) return undefined;
    for (const binding of this.bindings) {
      // The name must mean the import where the fix goes: declared once in the file and not shadowed there.
      if (this.declared.get(binding.local) !== 1 || binding.declaration === undefined || visible.get(binding.local) !== binding.declaration) continue;
      return { callee: binding.namespace ? `${binding.local}.${member}` : binding.local, edits: [] };
    }
    if (context.mentions(MENTIONS[member])) return undefined;
    const module = this.nodeScheme ? 'node:crypto' : 'crypto';
    const eol = context.text.includes('\r\n') ? '\r\n' : '\n';
    if (this.usesImport && this.lastImportEnd !== undefined) {
      const semicolon = this.lastImportSemicolon ? ';' : '';
      return { callee: member, edits: [{ range: [this.lastImportEnd, this.lastImportEnd], text: `${eol}import { ${member} } from '${module}'${semicolon}` }] };
    }
    if (this.usesRequire && this.firstStatementStart !== undefined) {
      // First of all statements, so nothing can run before it; the semicolon guards a next line that starts with `(`.
      return { callee: member, edits: [{ range: [this.firstStatementStart, this.firstStatementStart], text: `const { ${member} } = require('${module}');${eol}` }] };
    }
    return undefined;
  }

  private bind(local: string, namespace: boolean, context: RuleContext): void {
    this.bindings.push({ local, namespace, declaration: context.declaration(local) });
  }

  private countDeclaration(name: string): void {
    this.declared.set(name, (this.declared.get(name) ?? 0) + 1);
  }

  /** Notes what an imported specifier says about the file; returns the module, `node:` scheme dropped. */
  private module(specifier: string): string {
    if (specifier.startsWith('node:')) {
      this.nodeScheme = true;
      this.runsOnNode = true;
    }
    const module = canonical(specifier);
    if (NODE_ONLY_MODULES.has(module) || NODE_ONLY_MODULES.has(packageNameOf(module))) this.runsOnNode = true;
    return module;
  }
}

function canonical(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

