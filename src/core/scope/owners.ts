// Owners: the scope file's, else CODEOWNERS (root, .github/, docs/), else a Backstage catalog-info.yaml.
import type { Owner, ScopeDeclaration } from './model';

export function findOwners(root: string, declared?: ScopeDeclaration): Owner[] {
  void root;
  void declared;
  throw new Error('findOwners: being implemented on branch scope');
}
