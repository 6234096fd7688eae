// Codeward screen-test fixture: scripts/vscode-test/screen-test.js opens this file in the workbench,
// reads its problems and opens the quick-fix menu on the TLS one (it never saves the file).
const https = require('https');
const express = require('express');

const app = express();
app.get('/x', (req, res) => { eval(req.query.code); });

const agent = new https.Agent({ rejectUnauthorized: false });

module.exports = { app, agent };
