import { newCapabilityImport } from '../../../src/core/rules/new-capability-import';
import { testRule } from '../../helpers/rule-tester';

testRule(newCapabilityImport, {
  valid: [
    "import { exec } from 'child_process';",
    { code: "import { exec } from 'node:child_process';", options: { baselineImports: ['node:child_process'] } },
    { code: "import { exec } from 'child_process';", options: { baselineImports: ['node:child_process'] } },
    { code: "import fs from 'node:fs';\nimport path from 'path';", options: { baselineImports: [] } },
    { code: "import type { ChildProcess } from 'child_process';", options: { baselineImports: [] } },
  ],
  invalid: [
    {
      code: "import { exec } from 'node:child_process';\nconst vm = require('vm');\nimport { createServer } from 'https';\nimport('node:inspector');\nimport { Worker } from 'worker_threads';\nimport dgram from 'dgram';\nimport net from 'net';\nimport tls from 'tls';\nimport http from 'http';",
      options: { baselineImports: ['node:fs'] },
      errors: [
        { line: 1, column: 22, message: /^New capability: shell and process execution \(this file did not import 'child_process' before\)\.$/ },
        { line: 2, column: 20, message: /code evaluation/ },
        { line: 3, column: 30, message: /HTTPS servers/ },
        { line: 4, column: 8, message: /debugger protocol/ },
        { line: 5, column: 24, message: /background threads/ },
        { line: 6, column: 19, message: /UDP/ },
        { line: 7, column: 17, message: /raw network sockets/ },
        { line: 8, column: 17, message: /TLS sockets/ },
        { line: 9, column: 18, message: /HTTP servers/ },
      ],
    },
  ],
});
