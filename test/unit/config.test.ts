import { strict as assert } from 'node:assert';
import { ConfigError, DEFAULT_CONFIG, layerConfig, parseConfig } from '../../src/core/config/model';

function errorOf(text: string): string {
  try {
    parseConfig(text, 'cfg.json');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return `${error.jsonPath}: ${error.reason}`;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('accepts a complete file', () => {
    const config = parseConfig(
      JSON.stringify({ $schema: './schema.json', rules: { 'code-injection': 'warning' }, exclude: ['legacy/'], minConfidence: 'medium', maxFileSizeKb: 10 }),
      'cfg.json',
    );
    assert.deepEqual(config, { rules: { 'code-injection': 'warning' }, exclude: ['legacy/'], minConfidence: 'medium', maxFileSizeKb: 10 });
  });

  it('fills defaults for an empty object', () => {
    assert.deepEqual(parseConfig('{}', 'cfg.json'), { ...DEFAULT_CONFIG, rules: {}, exclude: [] });
  });

  it('names the JSON path and the reason of every problem', () => {
    assert.match(errorOf('{'), /^\$: not valid JSON/);
    assert.equal(errorOf('[]'), '$: must be an object');
    assert.match(errorOf('{"rule": {}}'), /^\$\.rule: unknown setting; expected one of rules, exclude/);
    assert.equal(errorOf('{"rules": []}'), '$.rules: must be an object of rule id -> off | error | warning | info');
    assert.match(errorOf('{"rules": {"no-such-rule": "off"}}'), /^\$\.rules\.no-such-rule: unknown rule id/);
    assert.equal(errorOf('{"rules": {"code-injection": true}}'), '$.rules.code-injection: must be one of off, error, warning, info');
    assert.equal(errorOf('{"exclude": "dist"}'), '$.exclude: must be an array of glob patterns');
    assert.equal(errorOf('{"exclude": ["ok", 3]}'), '$.exclude[1]: must be a non-empty string');
    assert.equal(errorOf('{"minConfidence": "sure"}'), '$.minConfidence: must be one of low, medium, high');
    assert.equal(errorOf('{"maxFileSizeKb": -1}'), '$.maxFileSizeKb: must be a positive integer');
  });

  it('layers editor overrides over the file: rules per id, excludes added', () => {
    const base = parseConfig('{"rules": {"code-injection": "warning", "tls-verification-disabled": "off"}, "exclude": ["a/"], "minConfidence": "medium"}', 'cfg.json');
    const layered = layerConfig(base, { rules: { 'code-injection': 'off' }, exclude: ['b/'], maxFileSizeKb: 5 });
    assert.deepEqual(layered, {
      rules: { 'code-injection': 'off', 'tls-verification-disabled': 'off' },
      exclude: ['a/', 'b/'],
      minConfidence: 'medium',
      maxFileSizeKb: 5,
    });
  });
});
