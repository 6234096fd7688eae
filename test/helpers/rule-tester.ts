// Table-driven rule tests in the style of ESLint's RuleTester: valid snippets, invalid ones with exact positions and fix output.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/core/engine';
import { RULES } from '../../src/core/rules';
import type { Rule } from '../../src/core/rule';
import type { AnalyzeOptions } from '../../src/core/engine';
import type { Confidence, Finding, Fix, RuleSetting } from '../../src/core/types';

/** What the import rules need beyond the text: the file's package context and its baseline imports. */
export type CaseOptions = Pick<AnalyzeOptions, 'packages' | 'baselineImports'>;

export interface ValidCase {
  code: string;
  filename?: string;
  options?: CaseOptions;
}

export interface ExpectedFix {
  safety: Fix['safety'];
  title?: RegExp;
  /** The whole file after applying this fix. */
  output: string;
  /** The fix edits this other file (its edits carry this path): `output` is that file after the fix. */
  file?: string;
}

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: RegExp;
  confidence?: Confidence;
  /** Every fix the finding offers, in order; omitted means "offers none". */
  fixes?: ExpectedFix[];
}

export interface InvalidCase {
  code: string;
  filename?: string;
  options?: CaseOptions;
  errors: ExpectedFinding[];
}

export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range[0] - a.range[0]);
  let result = text;
  for (const edit of edits) result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  return result;
}

function onlyRule(rule: Rule): Record<string, RuleSetting> {
  return Object.fromEntries(RULES.filter((other) => other !== rule).map((other) => [other.meta.id, 'off' as const]));
}

function describeFindings(findings: Finding[]): string {
  return findings.map((finding) => `${finding.start.line}:${finding.start.column} ${finding.message}`).join('\n');
}

export function testRule(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  const settings = onlyRule(rule);
  describe(rule.meta.id, () => {
    describe('not flagged', () => {
      cases.valid.forEach((entry, index) => {
        const { code, filename = 'file.ts', options } = typeof entry === 'string' ? { code: entry, options: undefined } : entry;
        it(`valid #${index + 1}: ${code.split('\n').find((line) => line.trim())?.trim().slice(0, 60)}`, () => {
          const result = analyze(code, filename, { ...options, rules: settings, changes: rule.meta.changesOnly });
          assert.deepEqual(result.notes, [], 'the snippet must parse');
          assert.equal(result.findings.length, 0, `unexpected findings:\n${describeFindings(result.findings)}`);
        });
      });
    });
    describe('flagged', () => {
      cases.invalid.forEach((entry, index) => {
        const { code, filename = 'file.ts', errors, options } = entry;
        it(`invalid #${index + 1}: ${code.split('\n').find((line) => line.trim())?.trim().slice(0, 60)}`, () => {
          const result = analyze(code, filename, { ...options, rules: settings, changes: rule.meta.changesOnly });
          assert.deepEqual(result.notes, [], 'the snippet must parse');
          assert.equal(result.findings.length, errors.length, `findings:\n${describeFindings(result.findings)}`);
          errors.forEach((expected, position) => {
            const finding = result.findings[position];
            assert.equal(finding.ruleId, rule.meta.id);
            assert.deepEqual([finding.start.line, finding.start.column], [expected.line, expected.column], 'start');
            if (expected.endLine !== undefined) assert.equal(finding.end.line, expected.endLine, 'end line');
            if (expected.endColumn !== undefined) assert.equal(finding.end.column, expected.endColumn, 'end column');
            if (expected.message) assert.match(finding.message, expected.message);
            if (expected.confidence) assert.equal(finding.confidence, expected.confidence, 'confidence');
            const fixes = expected.fixes ?? [];
            assert.equal(finding.fixes.length, fixes.length, `fixes: ${finding.fixes.map((fix) => fix.title).join(' | ')}`);
            fixes.forEach((fix, fixIndex) => {
              const actual = finding.fixes[fixIndex];
              assert.equal(actual.safety, fix.safety, `safety of "${actual.title}"`);
              if (fix.title) assert.match(actual.title, fix.title);
              if (fix.file) {
                assert.ok(actual.edits.every((edit) => edit.path === fix.file), 'edits name the other file');
                assert.equal(applyFix(readFileSync(fix.file, 'utf8'), actual), fix.output);
              } else {
                assert.ok(actual.edits.every((edit) => edit.path === undefined), 'edits apply to the analysed file');
                assert.equal(applyFix(code, actual), fix.output);
              }
            });
          });
        });
      });
    });
  });
}
