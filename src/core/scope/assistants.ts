// Assistant compliance: each approved assistant's verified terms against the frameworks and classification in force.
import type { AssistantProblem, ScopeDeclaration } from './model';

export function checkAssistants(declared: ScopeDeclaration, now: Date = new Date()): AssistantProblem[] {
  void declared;
  void now;
  throw new Error('checkAssistants: being implemented on branch scope');
}
