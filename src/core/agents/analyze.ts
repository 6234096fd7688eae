// Agent files through the rules: parse once, hand the tree to every enabled rule that reads agent files, keep the
// text-secret scan that configuration files always had, and read suppression comments where the format has them.
import type { Note, Range } from '../types';
import type { ReportDescriptor, Rule } from '../rule';
import type { LineIndex } from '../lines';
import type { Directive } from '../suppress';
import { findTextSecrets } from '../text-secrets';
import { agentFileEntry } from './catalog';
import { parseAgentFile, type AgentFile } from './document';

export interface AgentAnalysis {
  reports: { rule: Rule; descriptor: ReportDescriptor }[];
  notes: Note[];
  directives: Directive[];
}

/** Rules whose findings make a text-secret finding at the same place redundant. */
const COVERS_SECRETS = 'mcp-credential-in-config';

export function analyzeAgentFile(text: string, filePath: string, enabled: readonly Rule[], secretRule: Rule | undefined, lines: LineIndex): AgentAnalysis {
  const entry = agentFileEntry(filePath);
  const analysis: AgentAnalysis = { reports: [], notes: [], directives: readLineDirectives(text, lines) };
  if (!entry) return analysis;
  const parsed = parseAgentFile(text, entry);
  const file: AgentFile = { path: filePath, entry, text, root: parsed.ok ? parsed.root : undefined };
  if (!parsed.ok) {
    analysis.notes.push({ kind: 'parse-error', message: `Agent settings not checked: ${parsed.message}.`, start: lines.position(parsed.offset) });
  }
  for (const rule of enabled) {
    if (!rule.checkAgentFile) continue;
    if (!parsed.ok && entry.format !== 'markdown') continue;
    try {
      rule.checkAgentFile(file, (descriptor) => analysis.reports.push({ rule, descriptor: { ...descriptor, node: descriptor.range } }));
    } catch (error) {
      analysis.notes.push({ kind: 'internal-error', message: `Partly analysed: internal error in rule ${rule.meta.id}: ${String((error as Error)?.message ?? error)}` });
    }
  }
  if (secretRule && entry.format !== 'markdown') {
    const covered = analysis.reports.filter((report) => report.rule.meta.id === COVERS_SECRETS).map((report) => report.descriptor.node as Range);
    for (const secret of findTextSecrets(text, filePath)) {
      if (covered.some((range) => range[0] < secret.range[1] && secret.range[0] < range[1])) continue;
      analysis.reports.push({ rule: secretRule, descriptor: { node: secret.range, message: secret.message, confidence: secret.confidence } });
    }
  }
  return analysis;
}

/** `# codeward-ignore-next-line <rule> -- <reason>` (TOML, YAML), `//` (JSONC), `<!-- … -->` (Markdown). */
const LINE_DIRECTIVE = /(?:#|\/\/|<!--)\s*codeward-ignore-(next-line|file)\b(.*?)(?:-->)?\s*$/;

function readLineDirectives(text: string, lines: LineIndex): Directive[] {
  if (!text.includes('codeward-ignore')) return [];
  const directives: Directive[] = [];
  let offset = 0;
  for (const lineText of text.split('\n')) {
    const match = LINE_DIRECTIVE.exec(lineText);
    if (match) {
      const [rulesPart, ...reasonParts] = match[2].split(/\s--\s|\s--$/);
      const reason = reasonParts.join(' -- ').trim();
      const start = offset + (match.index ?? 0);
      directives.push({
        scope: match[1] === 'file' ? 'file' : 'next-line',
        ruleIds: rulesPart.split(/[\s,]+/).filter((id) => id.length > 0),
        reason: reason.length > 0 ? reason : undefined,
        range: [start, offset + lineText.replace(/\r$/, '').length],
        targetLine: lines.position(start).line + 1,
      });
    }
    offset += lineText.length + 1;
  }
  return directives;
}
