// The registry: every rule, sorted by id. Adding a rule means adding it here (a test checks the order).
import type { Rule } from '../rule';
import { codeInjection } from './code-injection';
import { suppressionWithoutReason } from './suppression-without-reason';
import { tlsVerificationDisabled } from './tls-verification-disabled';

export const RULES: readonly Rule[] = [
  codeInjection,
  suppressionWithoutReason,
  tlsVerificationDisabled,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
