// The shared configuration (.codeward/config.json): its shape, defaults and validation with precise errors.
import type { Confidence, RuleSetting } from '../types';
import { findRule } from '../rules';

export interface CodewardConfig {
  rules: Record<string, RuleSetting>;
  /** gitignore-style patterns, relative to the configuration's root. */
  exclude: string[];
  minConfidence: Confidence;
  maxFileSizeKb: number;
}

export const DEFAULT_CONFIG: Readonly<CodewardConfig> = Object.freeze({
  rules: {},
  exclude: [],
  minConfidence: 'low',
  maxFileSizeKb: 1024,
});

export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];
export const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];
const KEYS = new Set(['$schema', 'rules', 'exclude', 'minConfidence', 'maxFileSizeKb']);

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly reason: string,
  ) {
    super(`${file}: ${jsonPath}: ${reason}`);
  }
}

/** Parses and validates a configuration file's text; every problem names its JSON path. */
export function parseConfig(text: string, file: string): CodewardConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, '$', `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) throw new ConfigError(file, '$', 'must be an object');
  for (const key of Object.keys(data)) {
    if (!KEYS.has(key)) throw new ConfigError(file, `$.${key}`, `unknown setting; expected one of ${[...KEYS].filter((k) => k !== '$schema').join(', ')}`);
  }
  const config: CodewardConfig = { ...DEFAULT_CONFIG, rules: {}, exclude: [] };
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) throw new ConfigError(file, '$.rules', 'must be an object of rule id -> off | error | warning | info');
    for (const [id, setting] of Object.entries(data.rules)) {
      if (!findRule(id)) throw new ConfigError(file, `$.rules.${id}`, 'unknown rule id (run `codeward rules` for the list)');
      if (!RULE_SETTINGS.includes(setting as RuleSetting)) throw new ConfigError(file, `$.rules.${id}`, `must be one of ${RULE_SETTINGS.join(', ')}`);
      config.rules[id] = setting as RuleSetting;
    }
  }
  if (data.exclude !== undefined) {
    if (!Array.isArray(data.exclude)) throw new ConfigError(file, '$.exclude', 'must be an array of glob patterns');
    data.exclude.forEach((pattern, index) => {
      if (typeof pattern !== 'string' || pattern.trim() === '') throw new ConfigError(file, `$.exclude[${index}]`, 'must be a non-empty string');
      config.exclude.push(pattern);
    });
  }
  if (data.minConfidence !== undefined) {
    if (!CONFIDENCES.includes(data.minConfidence as Confidence)) throw new ConfigError(file, '$.minConfidence', `must be one of ${CONFIDENCES.join(', ')}`);
    config.minConfidence = data.minConfidence as Confidence;
  }
  if (data.maxFileSizeKb !== undefined) {
    const size = data.maxFileSizeKb;
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) throw new ConfigError(file, '$.maxFileSizeKb', 'must be a positive integer');
    config.maxFileSizeKb = size;
  }
  return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Editor settings a user set explicitly; each one wins over the repository's file. */
export interface ConfigOverrides {
  rules?: Record<string, RuleSetting>;
  exclude?: readonly string[];
  minConfidence?: Confidence;
  maxFileSizeKb?: number;
}

/** The repository's configuration with a user's overrides on top: rules merge per id, excludes add up. */
export function layerConfig(base: CodewardConfig, overrides: ConfigOverrides): CodewardConfig {
  return {
    rules: { ...base.rules, ...overrides.rules },
    exclude: [...base.exclude, ...(overrides.exclude ?? [])],
    minConfidence: overrides.minConfidence ?? base.minConfidence,
    maxFileSizeKb: overrides.maxFileSizeKb ?? base.maxFileSizeKb,
  };
}
