// Keeps rule file = registry id = docs page = table test in step, and the metadata complete.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/core/rules';
import type { RuleCategory } from '../../src/core/types';
import { ruleDocsPath, ruleDocsUrl } from '../../src/core/docs';
import { README, withRulesTable } from '../../scripts/rules-table';

const ROOT = join(__dirname, '..', '..');
const CATEGORIES: readonly RuleCategory[] = [
  'injection', 'xss', 'request-forgery', 'files', 'secrets', 'crypto', 'transport', 'auth-session',
  'web-config', 'cloud-config', 'data-handling', 'supply-chain', 'agent-access', 'meta',
];

describe('rule registry', () => {
  it('is sorted by id, without duplicates', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  it('registers every rule file and nothing else', () => {
    const files = readdirSync(join(ROOT, 'src/core/rules'))
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(files, RULES.map((rule) => rule.meta.id));
  });

  for (const rule of RULES) {
    const { id } = rule.meta;
    describe(id, () => {
      it('has complete metadata', () => {
        assert.match(id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'kebab-case id');
        assert.ok(rule.meta.title.length > 3, 'title');
        assert.ok(rule.meta.description.length > 20, 'description');
        assert.ok(['error', 'warning', 'info'].includes(rule.meta.severity), 'severity');
        assert.ok(CATEGORIES.includes(rule.meta.category), `category ${rule.meta.category}`);
        for (const cwe of rule.meta.cwe) assert.ok(Number.isInteger(cwe) && cwe > 0, `CWE ${cwe}`);
        assert.equal(ruleDocsUrl(id).endsWith(`/docs/rules/${id}.md`), true);
      });

      it('has a table test', () => {
        assert.ok(existsSync(join(ROOT, 'test/unit/rules', `${id}.test.ts`)), `test/unit/rules/${id}.test.ts`);
      });

      it('has a docs page that names it, its CWEs and flagged / not flagged examples', () => {
        const path = join(ROOT, ruleDocsPath(id));
        assert.ok(existsSync(path), path);
        const doc = readFileSync(path, 'utf8');
        assert.ok(doc.startsWith(`# ${id}\n`), 'title line is the id');
        for (const cwe of rule.meta.cwe) assert.ok(doc.includes(`CWE-${cwe}`), `mentions CWE-${cwe}`);
        for (const section of ['## What it flags', '## Why it is risky', '## Flagged', '## Not flagged', '## How to fix']) {
          assert.ok(doc.includes(section), `has "${section}"`);
        }
      });

      it('is documented as fixable exactly when its doc says so', () => {
        const doc = readFileSync(join(ROOT, ruleDocsPath(id)), 'utf8');
        assert.ok(doc.includes(`fixable: ${rule.meta.fixable ? 'yes' : 'no'}`), 'docs header states fixable');
      });

      if (offersSafeFix(id)) {
        it('has a table test with a safe fix, as its doc claims', () => {
          assert.match(readFileSync(join(ROOT, 'test/unit/rules', `${id}.test.ts`), 'utf8'), /safety: 'safe'/);
        });
      }
    });
  }
});

describe('README rule table', () => {
  it('matches the registry (run `npm run docs:rules` to regenerate)', () => {
    const readme = readFileSync(README, 'utf8');
    assert.equal(readme, withRulesTable(readme));
  });

  it('states how many rules offer fixes and safe fixes, as their docs say', () => {
    const fixable = RULES.filter((rule) => rule.meta.fixable).length;
    const safe = RULES.filter((rule) => offersSafeFix(rule.meta.id)).length;
    const share = Math.floor((safe / RULES.length) * 100);
    assert.ok(
      readFileSync(README, 'utf8').includes(`Quick fixes: ${fixable} of the ${RULES.length} rules offer fixes; ${safe} of them (${share}%) offer a *safe* one`),
      `README should say: Quick fixes: ${fixable} of the ${RULES.length} rules offer fixes; ${safe} of them (${share}%) offer a *safe* one`,
    );
  });
});

/** A rule's doc header says its fix is safe, at least in some situations: `fixable: yes (safe ...`. */
function offersSafeFix(id: string): boolean {
  return /^\*\*.*· fixable: yes \(safe/m.test(readFileSync(join(ROOT, ruleDocsPath(id)), 'utf8'));
}
