const PHONE_RE = /^(?:\+?1[-. ]?)?\(?([0-9]{3})\)?[-. ]?([0-9]{3})[-. ]?([0-9]{4})$/; // safe
const SEMVER_RE = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/; // safe
const WORDS_RE = /^([a-z]+)*$/; // expect: regex-dos
const TRAILING_DIGITS_RE = /(\d+)+$/; // expect: regex-dos
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i; // safe

function isPhone(value) {
  return PHONE_RE.test(value);
}

function parseVersion(value) {
  return SEMVER_RE.exec(value);
}

function isLowerWords(value) {
  return WORDS_RE.test(value);
}

function endsWithDigits(value) {
  return TRAILING_DIGITS_RE.test(value);
}

function isUuid(value) {
  return UUID_RE.test(value);
}

const LEVELS = ['debug', 'info', 'warn', 'error'];
const levelRe = new RegExp(`^(${LEVELS.join('|')})$`); // safe

module.exports = { isPhone, parseVersion, isLowerWords, endsWithDigits, isUuid, levelRe };
