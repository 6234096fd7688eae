// What each coding agent configured in a repository may do: its files, the sandbox / approval / network settings
// as written, and the agent-access findings. For the scope panel's "Agent access" section and the CLI's JSON.
import type { ScopePolicyInput } from '../scope/model';
import { readFileSync } from 'node:fs';
import type { Finding, RuleSetting, Severity } from '../types';
import { analyze } from '../engine';
import { RULES } from '../rules';
import { decodeSource, displayPath, type ScanReport } from '../scan';
import { selectFiles } from '../files';
import { LineIndex } from '../lines';
import { AGENT_NAMES, agentFileEntry, type AgentId } from './catalog';
import { parseAgentFile } from './document';
import { declaredSettings, type SettingKind } from './settings';

export interface AgentSetting {
  /** Relative to the root, forward slashes. */
  path: string;
  key: string;
  /** The value as written in the file (JSON text for arrays and objects). */
  value: string;
  line: number;
}

export interface AgentViolation {
  path: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
}

export interface AgentAccess {
  agent: AgentId;
  name: string;
  files: string[];
  sandbox: AgentSetting[];
  approval: AgentSetting[];
  network: AgentSetting[];
  violations: AgentViolation[];
}

export interface AgentAccessSummary {
  root: string;
  agents: AgentAccess[];
}

export interface SummaryOptions {
  exclude?: readonly string[];
  maxFileSizeKb?: number;
  /** The repository's rule settings (severity overrides, rules turned off). */
  rules?: Readonly<Record<string, RuleSetting>>;
  /** The sensitivity scope's policy, so violations carry the severity a scan gives them. */
  scope?: ScopePolicyInput;
}

const AGENT_RULES = new Set(RULES.filter((rule) => rule.meta.category === 'agent-access').map((rule) => rule.meta.id));
/** Only the agent-access rules run for the summary; the secret scan belongs to the ordinary scan. */
const ONLY_AGENT_RULES = Object.fromEntries(RULES.filter((rule) => !AGENT_RULES.has(rule.meta.id)).map((rule) => [rule.meta.id, 'off' as const]));

export function agentAccessSummary(root: string, options: SummaryOptions = {}): AgentAccessSummary {
  // Only agent settings are selected: the walk neither stats nor filters the source files it passes.
  const accept = (absolute: string): boolean => agentFileEntry(displayPath(root, absolute)) !== undefined;
  const selection = selectFiles([root], { root, exclude: options.exclude ?? [], maxFileSizeKb: options.maxFileSizeKb ?? 1024, accept });
  const files: AgentFileFindings[] = [];
  for (const absolute of selection.files) {
    const path = displayPath(root, absolute);
    const text = readText(absolute);
    if (text === undefined) continue;
    files.push({ path, text, findings: analyze(text, path, { rules: { ...options.rules, ...ONLY_AGENT_RULES }, scope: options.scope }).findings });
  }
  return { root, agents: summarize(files) };
}

/** The agents configured in the files a scan read, with that scan's agent-access findings (the CLI's JSON). */
export function agentAccessOfReport(report: ScanReport): AgentAccess[] {
  const files: AgentFileFindings[] = [];
  for (const file of report.files) {
    if (!agentFileEntry(file.path)) continue;
    const text = readText(file.absolutePath);
    if (text !== undefined) files.push({ path: file.path, text, findings: file.findings.filter((finding) => AGENT_RULES.has(finding.ruleId)) });
  }
  return summarize(files);
}

interface AgentFileFindings {
  path: string;
  text: string;
  findings: readonly Finding[];
}

function readText(absolutePath: string): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absolutePath);
  } catch {
    return undefined;
  }
  const decoded = decodeSource(bytes);
  return 'text' in decoded ? decoded.text : undefined;
}

function summarize(files: readonly AgentFileFindings[]): AgentAccess[] {
  const byAgent = new Map<AgentId, AgentAccess>();
  for (const { path, text, findings } of files) {
    const entry = agentFileEntry(path);
    if (!entry) continue;
    const access = byAgent.get(entry.agent) ?? { agent: entry.agent, name: AGENT_NAMES[entry.agent], files: [], sandbox: [], approval: [], network: [], violations: [] };
    byAgent.set(entry.agent, access);
    access.files.push(path);
    const parsed = parseAgentFile(text, entry);
    if (parsed.ok) {
      const lines = new LineIndex(text);
      for (const setting of declaredSettings({ path, entry, text, root: parsed.root })) {
        const kind: SettingKind = setting.kind;
        access[kind].push({ path, key: setting.key, value: text.slice(setting.value.range[0], setting.value.range[1]), line: lines.position(setting.value.range[0]).line });
      }
    }
    for (const finding of findings) {
      if (finding.suppression) continue;
      access.violations.push({ path, ruleId: finding.ruleId, severity: finding.severity, message: finding.message, line: finding.start.line, column: finding.start.column });
    }
  }
  const order = Object.keys(AGENT_NAMES);
  return [...byAgent.values()].sort((a, b) => order.indexOf(a.agent) - order.indexOf(b.agent));
}
