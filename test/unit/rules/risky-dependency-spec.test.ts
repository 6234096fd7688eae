import { riskyDependencySpec } from '../../../src/core/rules/risky-dependency-spec';
import { testRule } from '../../helpers/rule-tester';
import { createProject } from '../../helpers/project';

const manifest = (dependencies: Record<string, string>, field = 'dependencies'): string =>
  `${JSON.stringify({ name: 'app', [field]: dependencies }, null, 2)}\n`;

const lock = (versions: Record<string, string>): object => ({
  name: 'app',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'app', dependencies: Object.fromEntries(Object.keys(versions).map((name) => [name, '*'])) },
    ...Object.fromEntries(Object.entries(versions).map(([name, version]) => [`node_modules/${name}`, { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz` }])),
    'node_modules/workspace-lib': { resolved: 'packages/lib', link: true },
    'node_modules/left-pad/node_modules/nested': { version: '9.9.9' },
  },
});
const npmLocked = createProject({ 'package.json': { name: 'app' }, 'package-lock.json': lock({ 'left-pad': '1.3.0', '@scope/kit': '2.0.1', react: '18.3.1' }) });
const npmAndYarn = createProject({ 'package.json': { name: 'app' }, 'package-lock.json': lock({ 'left-pad': '1.3.0' }), 'yarn.lock': 'left-pad@*:\n  version "1.3.0"\n' });
const brokenLock = createProject({ 'package.json': { name: 'app' }, 'package-lock.json': '{ "lockfileVersion": 3, "packages": ' });
after(() => [npmLocked, npmAndYarn, brokenLock].forEach((project) => project.remove()));
const PIN = /^Pin to 1\.3\.0, the version package-lock\.json installs \(safe: npm ci installs the same packages\)$/;

testRule(riskyDependencySpec, {
  valid: [
    { code: manifest({ express: '^4.19.0', lodash: '4.17.21', '@scope/x': '~1.2.0' }), filename: 'package.json', options: { baselineImports: [] } },
    { code: manifest({ tool: 'github:me/tool' }), filename: 'package.json', options: { baselineImports: ['tool'] } },
    { code: manifest({ tool: 'github:me/tool' }), filename: 'package.json' },
    { code: manifest({ tool: 'github:me/tool' }), filename: 'config.json', options: { baselineImports: [] } },
  ],
  invalid: [
    {
      code: manifest({ a: 'git+https://github.com/me/a.git', b: 'https://example.com/b-1.0.0.tgz', c: 'file:../c', d: 'me/d#main', e: '*', f: 'latest' }),
      filename: 'package.json',
      options: { baselineImports: ['express'] },
      errors: [
        { line: 4, column: 10, message: /^'a', added to dependencies, comes from 'git\+https:\/\/github\.com\/me\/a\.git', not from the registry/ },
        { line: 5, column: 10, message: /comes from 'https:\/\/example\.com\/b-1\.0\.0\.tgz'/ },
        { line: 6, column: 10, message: /'file:\.\.\/c'/ },
        { line: 7, column: 10, message: /'me\/d#main'/ },
        { line: 8, column: 10, message: /^'e', added to dependencies, accepts any version \('\*'\)/ },
        { line: 9, column: 10, message: /accepts any version \('latest'\)/ },
      ],
    },
    {
      // npm's lockfile installs a version: pinning to it keeps `npm ci` installing the same packages.
      code: manifest({ 'left-pad': '*', '@scope/kit': 'latest', 'workspace-lib': '*', nested: '*', unlocked: 'x' }),
      filename: 'package.json',
      options: { baselineImports: [], packages: npmLocked.packagesFor('package.json') },
      errors: [
        { line: 4, column: 17, fixes: [{ safety: 'safe', title: PIN, output: manifest({ 'left-pad': '1.3.0', '@scope/kit': 'latest', 'workspace-lib': '*', nested: '*', unlocked: 'x' }) }] },
        { line: 5, column: 19, fixes: [{ safety: 'safe', title: /^Pin to 2\.0\.1, /, output: manifest({ 'left-pad': '*', '@scope/kit': '2.0.1', 'workspace-lib': '*', nested: '*', unlocked: 'x' }) }] },
        { line: 6, column: 22, fixes: [] },
        { line: 7, column: 15, fixes: [] },
        { line: 8, column: 17, fixes: [] },
      ],
    },
    {
      // A peer range says what consumers may bring: pinning it would change what they can install.
      code: manifest({ react: '*' }, 'peerDependencies'),
      filename: 'package.json',
      options: { baselineImports: [], packages: npmLocked.packagesFor('package.json') },
      errors: [{ line: 4, column: 14, message: /added to peerDependencies/, fixes: [] }],
    },
    {
      // A Yarn lockfile beside npm's: the project may install with Yarn, which would see package.json change.
      code: manifest({ 'left-pad': '*' }),
      filename: 'package.json',
      options: { baselineImports: [], packages: npmAndYarn.packagesFor('package.json') },
      errors: [{ line: 4, column: 17, fixes: [] }],
    },
    {
      code: manifest({ 'left-pad': '*' }),
      filename: 'package.json',
      options: { baselineImports: [], packages: brokenLock.packagesFor('package.json') },
      errors: [{ line: 4, column: 17, fixes: [] }],
    },
  ],
});
