// Test, fixture and mock files: they mint throwaway keys, tokens and weak settings on purpose (fast tests, attack fixtures).
const TEST_FILE = /(?:^|[/\\])(?:__tests__|__mocks__|__fixtures__|tests?|specs?|fixtures?|mocks?|e2e|cypress)[/\\]|\.(?:test|spec|e2e|cy)\.[cm]?[jt]sx?$/i;

export function isTestFile(filePath: string): boolean {
  return TEST_FILE.test(filePath);
}
