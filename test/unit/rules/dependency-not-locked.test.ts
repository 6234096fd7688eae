import { dependencyNotLocked } from '../../../src/core/rules/dependency-not-locked';
import { testRule } from '../../helpers/rule-tester';
import { createProject } from '../../helpers/project';

const MANIFEST = `${JSON.stringify({ name: 'app', dependencies: { express: '^4.19.0', 'left-pad': '^1.3.0' }, peerDependencies: { react: '^18.0.0' } }, null, 2)}\n`;
const npm = createProject({
  'package.json': MANIFEST,
  'package-lock.json': { name: 'app', lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/express': { version: '4.19.2' } } },
});
const yarn = createProject({ 'package.json': MANIFEST, 'yarn.lock': '# yarn lockfile v1\n\nexpress@^4.19.0:\n  version "4.19.2"\n' });
const pnpm = createProject({ 'package.json': MANIFEST, 'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n\n  express@4.19.2:\n    resolution: {integrity: sha512-x}\n" });
const unlocked = createProject({ 'package.json': MANIFEST });
after(() => [npm, yarn, pnpm, unlocked].forEach((project) => project.remove()));
const options = (project: typeof npm, baselineImports?: string[]) => ({ packages: project.packagesFor('package.json'), baselineImports });

const leftPad = (line: number) => ({ line, column: 5, message: /^'left-pad', added to dependencies, is not in the lockfile/ });

testRule(dependencyNotLocked, {
  valid: [
    { code: MANIFEST, filename: 'package.json', options: options(npm) },
    { code: MANIFEST, filename: 'package.json', options: options(npm, ['left-pad']) },
    { code: MANIFEST, filename: 'package.json', options: options(unlocked, []) },
  ],
  invalid: [
    { code: MANIFEST, filename: 'package.json', options: options(npm, []), errors: [leftPad(5)] },
    { code: MANIFEST, filename: 'package.json', options: options(yarn, ['express']), errors: [leftPad(5)] },
    { code: MANIFEST, filename: 'package.json', options: options(pnpm, []), errors: [leftPad(5)] },
  ],
});
