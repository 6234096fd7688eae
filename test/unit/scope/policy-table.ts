// The policy table as docs/scope.md shows it, rendered from SCOPE_POLICY so a test keeps the two in step.
import type { PolicyRow } from '../../../src/core/scope/model';

export function policyTable(rows: readonly PolicyRow[]): string {
  const lines = ['| classification | severity raises | new dependencies |', '| --- | --- | --- |'];
  for (const row of rows) {
    const raises = row.raises.length === 0
      ? 'none (rule defaults)'
      : row.raises.map((raise) => `${raise.categories.join(', ')}: ${raise.from === 'info' ? 'every finding' : `${raise.from}s`} → ${raise.to === 'error' ? 'error' : `at least ${raise.to}`}`).join('<br>');
    lines.push(`| \`${row.classification}\` | ${raises} | ${row.dependenciesNeedReview ? 'need review' : '-'} |`);
  }
  return lines.join('\n');
}
