// The parser on its own: bundled as dist/parser.js and loaded on first parse (see parse.ts), since TypeScript is most
// of the code and compiling it at start-up would cost every run, even one that parses nothing.
export { parse, TSError } from '@typescript-eslint/typescript-estree';
