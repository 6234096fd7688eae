// The opt-in registry check: what it asks (package names only), what it adds to messages, and that no answer
// (offline, error) leaves the offline verdict as it was.
import { strict as assert } from 'node:assert';
import { addRegistryAnswers, registryNote, type Fetch } from '../../src/core/imports/registry';
import type { Finding } from '../../src/core/types';

const NOW = Date.parse('2026-11-24T00:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function finding(name: string | undefined, message = 'Possibly hallucinated package.'): Finding {
  return {
    ruleId: 'hallucinated-package', message, severity: 'warning', confidence: 'high', cwe: [], range: [0, 1],
    start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, fixes: [], related: [], fingerprint: 'f', ...(name ? { package: name } : {}),
  };
}

describe('registry check (opt-in)', () => {
  it('asks once per package name, by name only, and adds what the registry said', async () => {
    const asked: string[] = [];
    const fetchImpl: Fetch = async (url) => {
      asked.push(url);
      if (url.endsWith('/ghost-lib')) return { status: 404, json: async () => ({}) };
      if (url.endsWith('/%40fresh%2Fpkg') || url.endsWith('/@fresh%2Fpkg')) return { status: 200, json: async () => ({ time: { created: new Date(NOW - 2 * DAY).toISOString() } }) };
      return { status: 200, json: async () => ({ time: { created: '2015-01-01T00:00:00Z' } }) };
    };
    const findings = [finding('ghost-lib'), finding('ghost-lib'), finding('@fresh/pkg'), finding('old-pkg'), finding(undefined)];
    await addRegistryAnswers(findings, { fetchImpl, now: NOW });
    assert.deepEqual(asked.sort(), ['https://registry.npmjs.org/@fresh%2Fpkg', 'https://registry.npmjs.org/ghost-lib', 'https://registry.npmjs.org/old-pkg']);
    assert.match(findings[0].message, /npm registry: no package named 'ghost-lib' exists/);
    assert.equal(findings[1].message, findings[0].message);
    assert.match(findings[2].message, /'@fresh\/pkg' was first published 2 days ago: packages this young are suspect\.$/);
    assert.equal(findings[3].message, 'Possibly hallucinated package.');
    assert.equal(findings[4].message, 'Possibly hallucinated package.');
  });

  it('keeps answers between calls and leaves messages alone when the registry cannot be reached', async () => {
    let calls = 0;
    const failing: Fetch = async () => {
      calls++;
      throw new Error('offline');
    };
    const known = new Map();
    const findings = [finding('ghost-lib')];
    await addRegistryAnswers(findings, { fetchImpl: failing, known });
    assert.equal(findings[0].message, 'Possibly hallucinated package.');
    known.set('ghost-lib', { exists: false });
    await addRegistryAnswers(findings, { fetchImpl: failing, known });
    assert.equal(calls, 1, 'a known answer is not asked for again');
    assert.match(findings[0].message, /no package named 'ghost-lib'/);
  });

  it('words ages', () => {
    assert.match(registryNote('a', { exists: true, created: new Date(NOW - 1000) }, NOW)!, /first published today/);
    assert.match(registryNote('a', { exists: true, created: new Date(NOW - DAY - 1000) }, NOW)!, /1 day ago/);
    assert.equal(registryNote('a', { exists: true, created: new Date(NOW - 7 * DAY) }, NOW), undefined);
    assert.equal(registryNote('a', undefined, NOW), undefined);
  });
});
