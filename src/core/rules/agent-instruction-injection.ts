// agent-instruction-injection: text in agent instruction files that tells the agent to skip review, switch checks
// off, hide what it does or send data elsewhere.
import type { Rule } from '../rule';

interface Directive {
  pattern: RegExp;
  /** Negated forms ("never disable the tests") are advice, not a planted instruction. */
  negatable: boolean;
  describe: string;
}

const DATA = String.raw`(?:(?<=\s|^)\.env\b|env(?:ironment)?\s+var(?:iable)?s|secrets?|credentials?|(?:access\s+|api\s+|auth\s+)?tokens?|api[\s_-]?keys?|passwords?|ssh\s+keys?|private\s+keys?|id_rsa|cookies|source\s+code|the\s+(?:code|codebase|repository|repo)|(?:repository|file)\s+contents)`;
const ELSEWHERE = String.raw`(?:https?:\/\/\S+|(?:an?|the|our|this|my)?\s*(?:external|remote|third[-\s]party|webhook|pastebin|gist|discord|telegram|slack|e-?mail)\b[^.\n]{0,20}|\S+\.(?:ngrok|requestbin|pipedream|webhook)\S*)`;

const DIRECTIVES: readonly Directive[] = [
  { pattern: /\bignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|system|other)\s+(?:instructions|prompts?|rules|guidelines)\b/gi, negatable: false, describe: 'tells the agent to ignore its other instructions' },
  { pattern: /\b(?:do\s+not|don't|never|without)\s+(?:ask(?:ing)?|wait(?:ing)?|prompt(?:ing)?|request(?:ing)?|check(?:ing)?\s+with)\s+(?:the\s+user\s+|anyone\s+|a\s+human\s+)?(?:for\s+)?(?:approval|confirmation|permission|review)\b/gi, negatable: false, describe: 'tells the agent to act without approval' },
  { pattern: /\bwithout\s+(?:any\s+|a\s+)?(?:human\s+|code\s+|peer\s+)?(?:review|approval|sign-?off)\b/gi, negatable: true, describe: 'tells the agent to act without review' },
  { pattern: /\b(?:skip|bypass|avoid|circumvent)\s+(?:the\s+|any\s+|all\s+)?(?:code\s+|pull[-\s]request\s+|pr\s+|human\s+)?(?:review|reviews|approvals?|branch\s+protection)\b/gi, negatable: true, describe: 'tells the agent to skip review' },
  { pattern: /\b(?:push|merge|commit|deploy)\s+(?:it\s+|them\s+|changes\s+|everything\s+)?directly\s+(?:to|into|on)\s+(?:main|master|production|prod|the\s+default\s+branch)\b/gi, negatable: true, describe: 'tells the agent to push past review' },
  { pattern: /--no-verify\b|\bgit\s+push\s+(?:-f|--force)\b/gi, negatable: true, describe: 'tells the agent to bypass git hooks or force-push' },
  { pattern: /\b(?:disable|turn\s+off|switch\s+off|skip|bypass|ignore|silence|suppress|remove)\s+(?:all\s+|any\s+|the\s+|every\s+)?(?:security\s+|safety\s+)?(?:security|safety|lint(?:ing|ers?)?|eslint|tests?|type[-\s]?check(?:ing|s)?|checks|pre-commit\s+hooks?|git\s+hooks|hooks|sandbox(?:ing)?|guardrails?|ssl|tls|certificate\s+(?:checks|verification)|verification|codeward|scanners?|audits?)\b/gi, negatable: true, describe: 'tells the agent to switch checks off' },
  { pattern: /\b(?:do\s+not|don't|never)\s+(?:tell|inform|mention|reveal|show|report)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?(?:the\s+)?(?:user|developer|reviewer|human)s?\b/gi, negatable: false, describe: 'tells the agent to hide what it does' },
  { pattern: new RegExp(String.raw`\b(?:send|upload|post|exfiltrate|transmit|forward|copy|leak|share|sync)\b[^\n]{0,60}?(?:\b|(?=\.env))${DATA}[^.\n]{0,60}?\b(?:to|into)\s+${ELSEWHERE}`, 'gi'), negatable: true, describe: 'tells the agent to send data out of the repository' },
  { pattern: /\b(?:curl|wget|Invoke-WebRequest|iwr)\b[^\n`]{0,80}(?:\$\(cat\s+[^)]*(?:\.env|\.ssh|id_rsa|credentials|token)[^)]*\)|-d\s*@\S*(?:\.env|\.ssh|id_rsa|credentials)|\$\{?[A-Z_]*(?:TOKEN|SECRET|KEY|PASSWORD)\}?)/gi, negatable: false, describe: 'shows the agent a command that uploads secrets' },
];

const NEGATION = /\b(?:never|not|don't|do\s+not|must\s+not|mustn't|should\s+not|shouldn't|avoid|no|cannot|can't|without\s+permission|unless)\b[^.!?\n]*$/i;

function isNegated(text: string, index: number): boolean {
  const sentenceStart = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('\n', index - 1), text.lastIndexOf('!', index - 1), text.lastIndexOf('?', index - 1)) + 1;
  return NEGATION.test(text.slice(Math.max(sentenceStart, index - 60), index));
}

export const agentInstructionInjection: Rule = {
  meta: {
    id: 'agent-instruction-injection',
    category: 'agent-access',
    title: 'Planted directive in agent instructions',
    description: 'Text in AGENTS.md, CLAUDE.md, Copilot instructions or Cursor rules that tells the agent to ignore its instructions, act without approval or review, switch checks off, hide what it does, or send secrets or code elsewhere.',
    severity: 'warning',
    cwe: [1427],
    fixable: false,
  },
  visitors: {},
  checkAgentFile(file, report) {
    if (file.entry.role !== 'instructions') return;
    const text = file.text;
    const taken: [number, number][] = [];
    for (const directive of DIRECTIVES) {
      for (const match of text.matchAll(directive.pattern)) {
        const start = match.index ?? 0;
        const end = start + match[0].trimEnd().length;
        if (directive.negatable && isNegated(text, start)) continue;
        if (taken.some(([from, to]) => start < to && from < end)) continue;
        taken.push([start, end]);
        report({
          range: [start, end],
          message: `"${match[0].trim().replace(/\s+/g, ' ').slice(0, 80)}" ${directive.describe}: whoever wrote it steers every agent that works in this repository. Remove it unless the team meant it.`,
          confidence: directive.negatable ? 'medium' : 'high',
        });
      }
    }
  },
};
