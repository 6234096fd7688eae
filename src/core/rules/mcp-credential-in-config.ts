// mcp-credential-in-config: tokens and keys written into committed MCP server definitions (env, headers, args).
import type { Rule } from '../rule';
import type { ConfigNode } from '../agents/document';
import { property } from '../agents/document';
import { mcpServers } from '../agents/mcp';
import { findProviderSecret, isEnvVarName, isPlaceholder, isPlaceholderWordy, maskSecret, secretNameKind } from '../secrets';

/** `${env:X}`, `${input:x}`, `${X}`, `$X`, `{env:X}`, `%X%`: the value comes from elsewhere at start-up. */
const REFERENCE = /^(?:Bearer\s+|token\s+|Basic\s+)?(?:\$\{[^}]+\}|\$[A-Za-z_]\w*|\{env:[^}]+\}|%[A-Za-z_]\w*%)$/i;
const SECRET_HEADER = /^(?:authorization|proxy-authorization|x-api-key|api-key|x-auth-token|x-access-token|private-token|cookie)$/i;
const SECRET_OPTION = /^--?(?:api[-_]?key|access[-_]?token|auth[-_]?token|token|secret|password|client[-_]secret)(?:=(.+))?$/i;

interface Candidate {
  name: string;
  node: ConfigNode;
  /** The credential inside the value ("Bearer abc" -> "abc"). */
  secret: string;
  offset: number;
}

function literalSecret(name: string, node: ConfigNode, nameIsSecret: boolean): Candidate | undefined {
  if (typeof node.value !== 'string') return undefined;
  const value = node.value.trim();
  if (value.length < 8 || REFERENCE.test(value)) return undefined;
  const scheme = /^(?:Bearer|token|Basic)\s+/i.exec(value);
  const secret = scheme ? value.slice(scheme[0].length) : value;
  if (secret.length < 8 || isPlaceholder(secret) || isPlaceholderWordy(secret) || isEnvVarName(secret) || /\$\{|\{env:/.test(secret)) return undefined;
  if (!nameIsSecret && !findProviderSecret(secret)) return undefined;
  return { name, node, secret, offset: node.value.indexOf(secret) };
}

export const mcpCredentialInConfig: Rule = {
  meta: {
    id: 'mcp-credential-in-config',
    category: 'agent-access',
    title: 'Credential written into an MCP server config',
    description: 'API keys, tokens and passwords written into a committed MCP server definition (env, headers, bearer_token, --token arguments) are readable by everyone with the repository and by every agent that reads the file.',
    severity: 'warning',
    cwe: [798],
    fixable: false,
  },
  visitors: {},
  checkAgentFile(file, report) {
    for (const server of mcpServers(file)) {
      const candidates: Candidate[] = [];
      for (const table of ['env', 'headers', 'http_headers']) {
        for (const entry of property(server.node, table)?.value.properties ?? []) {
          const nameIsSecret = table === 'env' ? secretNameKind(entry.key) !== undefined : SECRET_HEADER.test(entry.key) || secretNameKind(entry.key) !== undefined;
          const found = literalSecret(entry.key, entry.value, nameIsSecret);
          if (found) candidates.push(found);
        }
      }
      const bearer = property(server.node, 'bearer_token')?.value;
      if (bearer) {
        const found = literalSecret('bearer_token', bearer, true);
        if (found) candidates.push(found);
      }
      const args = property(server.node, 'args')?.value.items ?? [];
      args.forEach((arg, index) => {
        const option = typeof arg.value === 'string' ? SECRET_OPTION.exec(arg.value) : null;
        if (!option) return;
        if (option[1] !== undefined) {
          const found = literalSecret(arg.value as string, { ...arg, value: option[1] }, true);
          if (found) candidates.push({ ...found, offset: (arg.value as string).length - option[1].length + found.offset });
        } else if (args[index + 1]) {
          const found = literalSecret(String(arg.value), args[index + 1], true);
          if (found) candidates.push(found);
        }
      });
      for (const candidate of candidates) {
        const quote = file.text[candidate.node.range[0]] === '"' || file.text[candidate.node.range[0]] === "'" ? 1 : 0;
        const start = candidate.node.range[0] + quote + candidate.offset;
        report({
          range: [start, start + candidate.secret.length],
          message: `MCP server "${server.name}" has a credential written into ${candidate.name} (${maskSecret(candidate.secret)}): everyone with the repository can use it. Reference an environment variable or an input instead, and rotate it.`,
          confidence: 'high',
        });
      }
    }
  },
};
