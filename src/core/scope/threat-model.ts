// Threat-model sync: is the model the scope points to current, what does it count, what changed since its review.
import type { ScopeDeclaration, ThreatModelStatus } from './model';

export function threatModelStatus(root: string, declared: ScopeDeclaration | undefined, now: Date = new Date()): ThreatModelStatus {
  void root;
  void declared;
  void now;
  throw new Error('threatModelStatus: being implemented on branch scope');
}
