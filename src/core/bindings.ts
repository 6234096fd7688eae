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

/** How a declared name gets its value, as written: what rules read through a variable. */
export interface Declaration {
  /** Expressions whose concatenation is the value: the initialiser and every `+=` after it (`=` starts over). */
  pieces: Node[];
  /** Its TypeScript type cannot carry text: number, boolean, bigint, literal types, unions of those. */
  nonTextType: boolean;
  /** Destructured from, or iterated over, this value (`const { id } = req.user`, `for (const f of FILES)`). */
  container?: Node;
  /** The initialiser of `name = init` itself (not of a destructured name), until the name is assigned again. */
  init?: Node;
}

interface Binding {
  value: Value;
  /** Canonical module member this name refers to: "child_process" or "child_process.exec". */
  module?: string;
  declaration: Declaration;
}

interface Scope {
  bindings: Map<string, Binding>;
  /** Member paths checked against a known set in an `if` (`if (!ALLOWED.includes(req.query.sort)) return`). */
  validated: Set<string>;
}

export class ScopeStack {
  private readonly scopes: Scope[] = [newScope()];

  push(): void {
    this.scopes.push(newScope());
  }

  pop(): void {
    if (this.scopes.length > 1) this.scopes.pop();
  }

  declare(name: string, value: Value, module?: string): Binding {
    const binding: Binding = { value, module, declaration: { pieces: [], nonTextType: false } };
    this.scopes[this.scopes.length - 1].bindings.set(name, binding);
    return binding;
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
      const binding = this.scopes[i].bindings.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  declaration(name: string): Declaration | undefined {
    return this.lookup(name)?.declaration;
  }

  /**
   * Records how the names of a declaration pattern, already declared in the current scope, get their value.
   * Mirrors destructuring: inner names come from the container, not from an initialiser of their own.
   */
  recordDeclaration(pattern: Node, init: Node | undefined, container?: Node): void {
    switch (pattern.type) {
      case 'Identifier': {
        const binding = this.scopes[this.scopes.length - 1].bindings.get(pattern.name) ?? this.declare(pattern.name, UNKNOWN);
        binding.declaration = { pieces: init ? [init] : [], nonTextType: nonTextType(pattern.typeAnnotation), container, init };
        return;
      }
      case 'AssignmentPattern':
        this.recordDeclaration(pattern.left, undefined, container);
        return;
      case 'RestElement':
        this.recordDeclaration(pattern.argument, undefined);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.recordDeclaration(element, undefined, init ?? container);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'Property') this.recordDeclaration(property.value, undefined, init ?? container);
          else this.recordDeclaration(property, undefined);
        }
        return;
      case 'TSParameterProperty':
        this.recordDeclaration(pattern.parameter, undefined);
        return;
      default:
        return;
    }
  }

  /** `name = right` starts the value over, `name += right` appends to it; other operators leave it unknown. */
  recordAssignment(name: string, operator: string, right: Node): void {
    const declaration = this.declaration(name);
    if (!declaration) return;
    declaration.init = undefined;
    if (operator === '=') declaration.pieces = [right];
    else if (operator === '+=') declaration.pieces.push(right);
    else declaration.pieces = [];
  }

  validatePath(path: string): void {
    this.scopes[this.scopes.length - 1].validated.add(path);
  }

  /** Checked in the current function or one enclosing it. */
  isValidatedPath(path: string): boolean {
    return this.scopes.some((scope) => scope.validated.has(path));
  }

  /**
   * The canonical name of a callee or member chain with imports resolved:
   * `cp.exec`, `exec` and `require('node:child_process').exec` all give "child_process.exec".
   */
  qualifiedName(node: Node): string | undefined {
    return this.chainName(node, false);
  }

  /**
   * Like qualifiedName, but only for a chain whose root is bound to an import or require (`import cors from 'cors'`,
   * `const { json } = require('express')`): undefined for names that are not imports (globals, parameters, locals).
   */
  importedName(node: Node): string | undefined {
    return this.chainName(node, true);
  }

  private chainName(node: Node, importsOnly: boolean): string | undefined {
    const inner = unwrap(node);
    if (inner.type === 'Identifier') {
      const module = this.lookup(inner.name)?.module;
      return importsOnly ? module : module ?? inner.name;
    }
    if (inner.type === 'MemberExpression') {
      const property = propertyName(inner);
      if (property === undefined) return undefined;
      const object = this.chainName(inner.object, importsOnly);
      return object === undefined ? undefined : `${object}.${property}`;
    }
    const module = requiredModule(inner);
    if (module || importsOnly) return module;
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

function newScope(): Scope {
  return { bindings: new Map(), validated: new Set() };
}

function nonTextType(annotation: TSESTree.TSTypeAnnotation | undefined): boolean {
  const check = (type: TSESTree.TypeNode): boolean =>
    type.type === 'TSNumberKeyword' || type.type === 'TSBooleanKeyword' || type.type === 'TSBigIntKeyword' || type.type === 'TSLiteralType' ||
    (type.type === 'TSUnionType' && type.types.every(check));
  return annotation !== undefined && check(annotation.typeAnnotation);
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
