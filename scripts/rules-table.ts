// Writes the README's rule table from the registry, so the README never drifts from the metadata.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/core/rules';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';
export const README = join(__dirname, '..', 'README.md');

export function rulesTable(): string {
  const rows = RULES.map(({ meta }) => {
    const cwe = meta.cwe.map((id) => `CWE-${id}`).join(', ') || '-';
    return `| [${meta.id}](docs/rules/${meta.id}.md) | ${meta.title} | ${meta.severity} | ${cwe} | ${meta.fixable ? 'yes' : ''} |`;
  });
  return [START, '| rule | what | severity | CWE | fix |', '| --- | --- | --- | --- | --- |', ...rows, END].join('\n');
}

export function withRulesTable(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md needs ${START} and ${END} markers`);
  return readme.slice(0, start) + rulesTable() + readme.slice(end + END.length);
}

if (require.main === module) {
  writeFileSync(README, withRulesTable(readFileSync(README, 'utf8')));
}
