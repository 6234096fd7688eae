// The registry: every rule, sorted by id. Adding a rule means adding it here (a test checks the order).
import type { Rule } from '../rule';
import { agentApprovalDisabled } from './agent-approval-disabled';
import { agentBroadCommandAllowlist } from './agent-broad-command-allowlist';
import { agentInstructionHiddenText } from './agent-instruction-hidden-text';
import { agentInstructionInjection } from './agent-instruction-injection';
import { agentNetworkAccess } from './agent-network-access';
import { agentSandboxDisabled } from './agent-sandbox-disabled';
import { awsCdkInsecure } from './aws-cdk-insecure';
import { codeInjection } from './code-injection';
import { commandInjection } from './command-injection';
import { corsMisconfiguration } from './cors-misconfiguration';
import { csrfMissing } from './csrf-missing';
import { dependencyNotLocked } from './dependency-not-locked';
import { deprecatedPackage } from './deprecated-package';
import { devcontainerHostAccess } from './devcontainer-host-access';
import { domXss } from './dom-xss';
import { dynamicModuleSpecifier } from './dynamic-module-specifier';
import { electronInsecure } from './electron-insecure';
import { formatString } from './format-string';
import { frameworkXssBypass } from './framework-xss-bypass';
import { globalRegexTest } from './global-regex-test';
import { hallucinatedPackage } from './hallucinated-package';
import { hardcodedSecret } from './hardcoded-secret';
import { incompleteSanitization } from './incomplete-sanitization';
import { insecureCookie } from './insecure-cookie';
import { insecureFilePermissions } from './insecure-file-permissions';
import { insecureRandom } from './insecure-random';
import { insecureTlsVersion } from './insecure-tls-version';
import { installScriptPackage } from './install-script-package';
import { jwtInsecureVerification } from './jwt-insecure-verification';
import { jwtMissingExpiry } from './jwt-missing-expiry';
import { massAssignment } from './mass-assignment';
import { mcpCredentialInConfig } from './mcp-credential-in-config';
import { mcpInsecureTransport } from './mcp-insecure-transport';
import { mcpUnpinnedServer } from './mcp-unpinned-server';
import { newCapabilityImport } from './new-capability-import';
import { nosqlInjection } from './nosql-injection';
import { openRedirect } from './open-redirect';
import { pathTraversal } from './path-traversal';
import { plaintextTransport } from './plaintext-transport';
import { postmessageOrigin } from './postmessage-origin';
import { prototypePollution } from './prototype-pollution';
import { reflectedXss } from './reflected-xss';
import { regexDos } from './regex-dos';
import { remoteModuleImport } from './remote-module-import';
import { reverseTabnabbing } from './reverse-tabnabbing';
import { riskyDependencySpec } from './risky-dependency-spec';
import { secretLogging } from './secret-logging';
import { securityHeadersDisabled } from './security-headers-disabled';
import { securityMiddlewareNotInvoked } from './security-middleware-not-invoked';
import { sqlInjection } from './sql-injection';
import { ssrf } from './ssrf';
import { suppressionAdded } from './suppression-added';
import { suppressionWithoutReason } from './suppression-without-reason';
import { templateInjection } from './template-injection';
import { timingUnsafeComparison } from './timing-unsafe-comparison';
import { tlsVerificationDisabled } from './tls-verification-disabled';
import { typosquatPackage } from './typosquat-package';
import { unawaitedSecurityCheck } from './unawaited-security-check';
import { undeclaredDependency } from './undeclared-dependency';
import { unescapedHostnameRegex } from './unescaped-hostname-regex';
import { unsafeBufferAllocation } from './unsafe-buffer-allocation';
import { unsafeDeserialization } from './unsafe-deserialization';
import { unusedSuppression } from './unused-suppression';
import { weakCipher } from './weak-cipher';
import { weakHash } from './weak-hash';
import { weakKeySize } from './weak-key-size';
import { weakPasswordHashing } from './weak-password-hashing';
import { xxe } from './xxe';
import { zipSlip } from './zip-slip';

export const RULES: readonly Rule[] = [
  agentApprovalDisabled,
  agentBroadCommandAllowlist,
  agentInstructionHiddenText,
  agentInstructionInjection,
  agentNetworkAccess,
  agentSandboxDisabled,
  awsCdkInsecure,
  codeInjection,
  commandInjection,
  corsMisconfiguration,
  csrfMissing,
  dependencyNotLocked,
  deprecatedPackage,
  devcontainerHostAccess,
  domXss,
  dynamicModuleSpecifier,
  electronInsecure,
  formatString,
  frameworkXssBypass,
  globalRegexTest,
  hallucinatedPackage,
  hardcodedSecret,
  incompleteSanitization,
  insecureCookie,
  insecureFilePermissions,
  insecureRandom,
  insecureTlsVersion,
  installScriptPackage,
  jwtInsecureVerification,
  jwtMissingExpiry,
  massAssignment,
  mcpCredentialInConfig,
  mcpInsecureTransport,
  mcpUnpinnedServer,
  newCapabilityImport,
  nosqlInjection,
  openRedirect,
  pathTraversal,
  plaintextTransport,
  postmessageOrigin,
  prototypePollution,
  reflectedXss,
  regexDos,
  remoteModuleImport,
  reverseTabnabbing,
  riskyDependencySpec,
  secretLogging,
  securityHeadersDisabled,
  securityMiddlewareNotInvoked,
  sqlInjection,
  ssrf,
  suppressionAdded,
  suppressionWithoutReason,
  templateInjection,
  timingUnsafeComparison,
  tlsVerificationDisabled,
  typosquatPackage,
  unawaitedSecurityCheck,
  undeclaredDependency,
  unescapedHostnameRegex,
  unsafeBufferAllocation,
  unsafeDeserialization,
  unusedSuppression,
  weakCipher,
  weakHash,
  weakKeySize,
  weakPasswordHashing,
  xxe,
  zipSlip,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
