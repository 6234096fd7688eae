// Components and configuration files go through the same analyze() as scripts, with the file's own positions.
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/core/engine';
import { fileKind } from '../../src/core/file-kinds';
import { run } from '../../src/cli/main';
import { createWorkspace } from '../helpers/workspace';
import type { JsonReport } from '../../src/core/report/json';

describe('file kinds', () => {
  it('classifies scripts, components and configuration files', () => {
    assert.equal(fileKind('a.ts'), 'script');
    assert.equal(fileKind('a.d.ts'), undefined);
    assert.equal(fileKind('App.vue'), 'component');
    assert.equal(fileKind('Page.svelte'), 'component');
    assert.equal(fileKind('.env.local'), 'config');
    assert.equal(fileKind('package-lock.json'), undefined);
    assert.equal(fileKind('notes.md'), undefined);
  });

  it('analyses the script of a .vue file at the positions of the .vue file', () => {
    const text = [
      '<template>',
      '  <div v-html="message" />',
      '</template>',
      '<script setup lang="ts">',
      "import { ref } from 'vue';",
      'const message = ref(new URLSearchParams(location.search).get("m"));',
      'eval(location.hash.slice(1));',
      '</script>',
    ].join('\n');
    const findings = analyze(text, 'Widget.vue').findings.filter((finding) => finding.ruleId === 'code-injection');
    assert.deepEqual(findings.map((finding) => [finding.start.line, finding.start.column, finding.confidence]), [[7, 1, 'high']]);
  });

  it('analyses .svelte scripts and reports parse errors at the file position', () => {
    const result = analyze('<h1>x</h1>\n<script>\nconst = 1;\n</script>\n', 'A.svelte');
    assert.equal(result.notes[0].kind, 'parse-error');
    assert.equal(result.notes[0].start?.line, 3);
  });

  it('scans configuration files in a directory walk, masked, and skips lock files', async () => {
    const workspace = createWorkspace({
      '.env': 'JWT_SECRET=k8Tq2Zx9Lw4Vm7Np3Rb6\n',
      'package-lock.json': '{ "password": "k8Tq2Zx9Lw4Vm7Np3Rb6" }',
      'src/App.vue': '<script>\nexport default { mounted() { eval(location.hash); } };\n</script>\n',
    });
    try {
      let stdout = '';
      const code = await run(['scan', workspace.root, '--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => undefined });
      const report = JSON.parse(stdout) as JsonReport;
      assert.equal(code, 1);
      assert.deepEqual(report.findings.map((finding) => [finding.path, finding.ruleId, finding.line]), [
        ['.env', 'hardcoded-secret', 1],
        ['src/App.vue', 'code-injection', 2],
      ]);
      assert.ok(!stdout.includes('k8Tq2Zx9Lw4Vm7Np3Rb6'), 'the secret never appears in the output');
    } finally {
      workspace.remove();
    }
  });
});
