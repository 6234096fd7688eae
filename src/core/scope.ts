// Function-level scopes of the one AST pass: what each name holds (a value's origin, or an imported module).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from './types';
import { memberPath, propertyName, staticString, unwrap } from './ast';

/** Where a value may come from, as far as one function can tell. */
export type Value =
  | { kind: 'tainted'; source: Node; label: string }
  /** An object whose listed properties are user input (a request, a message event). */
  | { kind: 'source'; source: SourceObject; node: Node }
  | { kind: 'constant'; text?: string }
  | { kind: 'unknown' };

export interface SourceObject {
  label: string;
  /** Properties whose value is user input. */
  inputs: ReadonlySet<string>;
  /** Methods whose return value is user input (`req.get('x')`). */
  inputMethods: ReadonlySet<string>;
  /** Properties that are themselves source objects (`ctx.request`). */
  nested?: Readonly<Record<string, SourceObject>>;
}

export const UNKNOWN: Value = { kind: 'unknown' };
export const CONSTANT: Value = { kind: 'constant' };

interface Binding {
  value: Value;
  /** Canonical module member this name refers to: "child_process" or "child_process.exec". */
  module?: string;
}

export class ScopeStack {
  private readonly scopes: Map<string, Binding>[] = [new Map()];

  push(): void {
    this.scopes.push(new Map());
  }

  pop(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }

  declare(name: string, value: Value, module?: string): void {
    this.scopes[this.scopes.length - 1].set(name, { value, module });
  }

  /** Re-assignment updates the binding where it was declared, so later reads see the new origin. */
  assign(name: string, value: Value): void {
    const binding = this.lookup(name);
    if (binding) {
      binding.value = value;
      binding.module = undefined;
    } else this.declare(name, value);
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const binding = this.scopes[i].get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  /**
   * The canonical name of a callee or member chain with imports resolved:
   * `cp.exec`, `exec` and `require('node:child_process').exec` all give "child_process.exec".
   */
  qualifiedName(node: Node): string | undefined {
    const inner = unwrap(node);
    if (inner.type === 'Identifier') return this.lookup(inner.name)?.module ?? inner.name;
    if (inner.type === 'MemberExpression') {
      const property = propertyName(inner);
      if (property === undefined) return undefined;
      const object = this.qualifiedName(inner.object);
      return object === undefined ? undefined : `${object}.${property}`;
    }
    const module = requiredModule(inner);
    if (module) return module;
    if (inner.type === 'ThisExpression') return 'this';
    return memberPath(inner);
  }

  declareImport(node: TSESTree.ImportDeclaration): void {
    const module = canonicalModule(node.source.value);
    for (const specifier of node.specifiers) {
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
        this.declare(specifier.local.name, UNKNOWN, imported === 'default' ? module : `${module}.${imported}`);
      } else {
        this.declare(specifier.local.name, UNKNOWN, module);
      }
    }
  }

  declareImportEquals(node: TSESTree.TSImportEqualsDeclaration): void {
    if (node.moduleReference.type !== 'TSExternalModuleReference') return;
    const module = staticString(node.moduleReference.expression);
    if (module) this.declare(node.id.name, UNKNOWN, canonicalModule(module));
  }

  /** `const x = require('m')`, `const { a, b: c } = require('m')`, `const m = await import('m')`. */
  declareRequire(id: TSESTree.BindingName, init: Node): boolean {
    const module = this.qualifiedName(stripAwait(init));
    const isModule = module !== undefined && isModuleExpression(stripAwait(init));
    if (!isModule) return false;
    if (id.type === 'Identifier') {
      this.declare(id.name, UNKNOWN, module);
      return true;
    }
    if (id.type === 'ObjectPattern') {
      for (const property of id.properties) {
        if (property.type !== 'Property') continue;
        const key = propertyName(property);
        const local = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (key !== undefined && local.type === 'Identifier') this.declare(local.name, UNKNOWN, `${module}.${key}`);
      }
      return true;
    }
    return false;
  }
}

/** "node:fs/promises" -> "fs/promises": built-ins are the same module with or without the scheme. */
export function canonicalModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

function stripAwait(node: Node): Node {
  const inner = unwrap(node);
  return inner.type === 'AwaitExpression' ? unwrap(inner.argument) : inner;
}

/** `require('m')` or `import('m')` with a constant specifier. */
export function requiredModule(node: Node): string | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') {
    const specifier = staticString(node.arguments[0]);
    return specifier === undefined ? undefined : canonicalModule(specifier);
  }
  if (node.type === 'ImportExpression') {
    const specifier = staticString(node.source);
    return specifier === undefined ? undefined : canonicalModule(specifier);
  }
  return undefined;
}

/** `require('m')`, `require('m').member` and `import('m')`. */
function isModuleExpression(node: Node): boolean {
  if (requiredModule(node) !== undefined) return true;
  return node.type === 'MemberExpression' && isModuleExpression(unwrap(node.object));
}
