// The registry: every rule, sorted by id. Adding a rule means adding it here (a test checks the order).
import type { Rule } from '../rule';
import { codeInjection } from './code-injection';
import { commandInjection } from './command-injection';
import { domXss } from './dom-xss';
import { hardcodedSecret } from './hardcoded-secret';
import { insecureRandom } from './insecure-random';
import { jwtInsecureVerification } from './jwt-insecure-verification';
import { openRedirect } from './open-redirect';
import { pathTraversal } from './path-traversal';
import { sqlInjection } from './sql-injection';
import { ssrf } from './ssrf';
import { suppressionWithoutReason } from './suppression-without-reason';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { weakCipher } from './weak-cipher';
import { weakHash } from './weak-hash';

export const RULES: readonly Rule[] = [
  codeInjection,
  commandInjection,
  domXss,
  hardcodedSecret,
  insecureRandom,
  jwtInsecureVerification,
  openRedirect,
  pathTraversal,
  sqlInjection,
  ssrf,
  suppressionWithoutReason,
  tlsVerificationDisabled,
  weakCipher,
  weakHash,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
