// Secrets in configuration files: found with masked messages; placeholders, references and lock files are not.
import { strict as assert } from 'node:assert';
import { findTextSecrets, isSecretScannedFile } from '../../src/core/text-secrets';

/** Built at run time so the repository holds no complete key in one literal. */
const GITHUB_TOKEN = `ghp_${'Zk3Qw9Lm2Xc7Vb1Nt5Hy8Rf4Pd6Sg0JaEo2U'.slice(0, 36)}`;
const AWS_KEY = `AKIA${'Q7XK2M9PL4RT8WZN'}`;

describe('secrets in configuration files', () => {
  it('chooses the files agents commit beside code, not lock files', () => {
    for (const name of ['.env', '.env.production', '.npmrc', 'config/app.yaml', 'settings.json', 'app.properties', 'Dockerfile', 'docker-compose.yml']) {
      assert.ok(isSecretScannedFile(name), name);
    }
    for (const name of ['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'README.md', 'app.ts']) assert.ok(!isSecretScannedFile(name), name);
  });

  const flagged: [string, string, string, RegExp][] = [
    ['.env', `DATABASE_URL=postgres://app:Xq9vL2mZ8rT4wK7p@db.prod.internal:5432/shop\nGITHUB_TOKEN=${GITHUB_TOKEN}\n`, 'connection|GitHub', /…/],
    ['.npmrc', `//registry.npmjs.org/:_authToken=npm_${'a8Kq2Lx9Mw3Nv7Bp5Rt1Yz6Hc4Jd0Fg2Ue8W'}\n`, 'npm', /npm_…/],
    ['config/aws.yaml', `aws:\n  access_key_id: ${AWS_KEY}\n`, 'AWS', /AKIA…/],
    ['Dockerfile', 'FROM node:20\nENV JWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n', 'signing', /k8Tq…/],
    ['settings.json', '{\n  "stripeSecretKey": "f8a9Zq2Lx7Mw4Nv1Bp5Rt3Yz6Hc"\n}\n', 'secret', /f8a9…/],
    ['app.properties', 'db.password=Sup3r$ecretPass!\n', 'password', /Sup3…/],
  ];
  for (const [file, text, what, masked] of flagged) {
    it(`flags ${what} in ${file}, masked`, () => {
      const secrets = findTextSecrets(text, file);
      assert.ok(secrets.length >= 1, 'found');
      for (const secret of secrets) {
        const value = text.slice(secret.range[0], secret.range[1]);
        assert.ok(value.length >= 8, `range covers the value: ${value}`);
        assert.ok(!secret.message.includes(value), 'the message never holds the secret');
      }
      assert.match(secrets.map((secret) => secret.message).join('\n'), masked);
    });
  }

  it('reports the exact range of the value', () => {
    const text = 'A=1\nJWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n';
    const [secret] = findTextSecrets(text, '.env');
    assert.equal(text.slice(secret.range[0], secret.range[1]), 'k8Tq2Zx9Lw4Vm7Np3Rb6');
  });

  const clean: [string, string][] = [
    ['.env.example', 'API_KEY=your-api-key-here\nDB_PASSWORD=changeme\n'],
    ['.env', 'API_KEY=${API_KEY}\nJWT_SECRET=\nPORT=3000\nNODE_ENV=production\n'],
    ['docker-compose.yml', 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n'],
    ['config.json', '{\n  "tokenType": "Bearer",\n  "passwordMinLength": 12,\n  "secretName": "prod/db"\n}\n'],
    ['package.json', '{\n  "name": "x",\n  "integrity": "sha512-abcdefghijklmnopqrstuvwxyz0123456789"\n}\n'],
    ['.env', '# codeward-ignore-next-line hardcoded-secret -- revoked key kept for the migration test\nJWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n'],
    ['test/fixtures/.env', 'JWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n'],
  ];
  for (const [file, text] of clean) {
    it(`does not flag ${file}: ${text.split('\n')[0]}`, () => assert.deepEqual(findTextSecrets(text, file), []));
  }
});
