// Writes the table of agent configuration files and keys in docs/agent-access.md from the catalog the engine uses.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_FILES, AGENT_NAMES } from '../src/core/agents/catalog';

const START = '<!-- agent-files:start -->';
const END = '<!-- agent-files:end -->';
export const AGENT_ACCESS_DOC = join(__dirname, '..', 'docs', 'agent-access.md');

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function agentFilesTable(): string {
  const rows = AGENT_FILES.flatMap((entry) => entry.keys.map((key, index) => {
    const file = index === 0 ? `${AGENT_NAMES[entry.agent]} | \`${entry.pattern}\` (${entry.format})` : ' | ';
    const sources = key.source.split(', ').map((url) => `<${url}>`).join(', ');
    return `| ${file} | \`${cell(key.key)}\` | ${cell(key.effect)} | ${sources} |`;
  }));
  return [START, '| agent | file | key | risky value and its effect | documented at |', '| --- | --- | --- | --- | --- |', ...rows, END].join('\n');
}

export function withAgentFilesTable(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`docs/agent-access.md needs ${START} and ${END} markers`);
  return doc.slice(0, start) + agentFilesTable() + doc.slice(end + END.length);
}

if (require.main === module) {
  writeFileSync(AGENT_ACCESS_DOC, withAgentFilesTable(readFileSync(AGENT_ACCESS_DOC, 'utf8')));
}
