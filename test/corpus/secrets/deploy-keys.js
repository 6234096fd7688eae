// Signs release manifests before upload.
const crypto = require('crypto');

const SIGNING_KEY = /* expect: hardcoded-secret */ `-----BEGIN RSA PRIVATE KEY-----
CLlJs9Ajv2vDpX50zDpz5Pdu1ObQHF1zkE+BQxPXAi8MFBICuLAGG/wtP0jx3eF9
3BrNENqH8sxepJlOyCmuxib40ZJpU4RJaS+6KSO+Mfy/mFMVt5NnHH4l3viyc6jD
XE0Bu1DtHseTMy+KszKT4vEqXowtS6MbezfA2bQp9gW3ZP9xU8N8VxXWcC07Gwzw
bCJprDKPPFHQ6xp1+lQMydOv1l/znZeImDprDs23
-----END RSA PRIVATE KEY-----`;

function stripPemHeader(pem) {
  return pem.replace('-----BEGIN RSA PRIVATE KEY-----', '').replace('-----END RSA PRIVATE KEY-----', ''); // safe
}

function signManifest(manifest) {
  return crypto.sign('sha256', Buffer.from(JSON.stringify(manifest)), SIGNING_KEY).toString('base64');
}

const DISCORD_ALERTS = 'https://discord.com/api/webhooks/520997456778198604/XxyM43KsO_RnVOxyBbHAC5EG5DpEogZAM95TnyyWV5ERPh_9e9WZhiWcTlzABftR7XQk'; // expect: hardcoded-secret

module.exports = { signManifest, stripPemHeader, DISCORD_ALERTS };
