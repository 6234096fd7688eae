// Assistant compliance: each approved assistant's verified terms against the frameworks and classification in force.
import type { AssistantProblem, Certification, Framework, ScopeDeclaration } from './model';

/** The certification or agreement an assistant's plan needs before code under a framework may reach it. */
export const FRAMEWORK_COVERAGE: Readonly<Partial<Record<Framework, Certification>>> = Object.freeze({
  HIPAA: 'HIPAA BAA',
  GDPR: 'GDPR DPA',
  'PCI DSS': 'PCI DSS',
  FedRAMP: 'FedRAMP',
  'SOC 2': 'SOC 2',
  'ISO 27001': 'ISO 27001',
});

/** A verification older than this is stale: terms and certifications change. */
export const CHECK_MAX_AGE_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export function checkAssistants(declared: ScopeDeclaration, now: Date = new Date()): AssistantProblem[] {
  const problems: AssistantProblem[] = [];
  const { aiPolicy, frameworks, classification } = declared;
  for (const assistant of aiPolicy.approvedAssistants) {
    const name = assistant.plan ? `${assistant.name} (${assistant.plan})` : assistant.name;
    if (!aiPolicy.editsAllowed) {
      problems.push({ assistant: name, kind: 'ai-edits-disallowed', reason: `${name} is approved, but aiPolicy.editsAllowed is false: no assistant may edit this repository.` });
    }
    for (const framework of frameworks) {
      const needed = FRAMEWORK_COVERAGE[framework];
      if (needed && !assistant.certifications.includes(needed)) {
        problems.push({ assistant: name, kind: 'missing-certification', framework, reason: `${name}: the repository is under ${framework}, and no ${needed} was verified for this plan.` });
      }
    }
    if ((classification === 'confidential' || classification === 'restricted') && !assistant.retention) {
      problems.push({ assistant: name, kind: 'missing-retention', reason: `${name}: no data retention terms recorded for a ${classification} repository.` });
    }
    if (!assistant.checked) {
      problems.push({ assistant: name, kind: 'never-checked', reason: `${name}: no date says when its terms were checked.` });
    } else {
      const age = Math.floor((now.getTime() - Date.parse(`${assistant.checked}T00:00:00Z`)) / DAY_MS);
      if (age > CHECK_MAX_AGE_DAYS) {
        problems.push({ assistant: name, kind: 'stale-check', reason: `${name}: terms last checked on ${assistant.checked}, ${age} days ago (more than a year).` });
      }
    }
  }
  return problems;
}
