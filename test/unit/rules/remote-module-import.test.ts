import { remoteModuleImport } from '../../../src/core/rules/remote-module-import';
import { testRule } from '../../helpers/rule-tester';

testRule(remoteModuleImport, {
  valid: [
    "import express from 'express';\nimport x from './x';\nimport fs from 'node:fs';\nimport { t } from 'bun:test';",
    "import type { T } from 'https://esm.sh/types';",
  ],
  invalid: [
    {
      code: "import confetti from 'https://cdn.skypack.dev/canvas-confetti';\nconst lib = await import('http://cdn.example.com/lib.js');\nimport 'file:///tmp/patch.mjs';\nimport x from 'git+https://github.com/a/b.git';\nimport y from 'data:text/javascript,export default 1';",
      options: { baselineImports: ['http://cdn.example.com/lib.js'] },
      errors: [
        { line: 1, column: 22, message: /^New import of a https: location: the code is not pinned by the lockfile/ },
        { line: 2, column: 26, message: /^Import of a http: location over plain HTTP:/ },
        { line: 3, column: 8, message: /file: location/ },
        { line: 4, column: 15, message: /git\+https: location/ },
        { line: 5, column: 15, message: /data: location/ },
      ],
    },
  ],
});
