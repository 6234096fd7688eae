// Single-file components (.vue, .svelte): their <script> blocks analysed in place, positions unchanged.

export interface ScriptView {
  /** The file's text with everything outside <script> blocks blanked (line breaks kept), so offsets map 1:1. */
  text: string;
  /** A virtual file name whose extension tells the parser the script's language. */
  virtualPath: string;
}

const SFC_EXTENSION = /\.(?:vue|svelte)$/i;
const SCRIPT_BLOCK = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

export function isSingleFileComponent(filePath: string): boolean {
  return SFC_EXTENSION.test(filePath);
}

/** Replaces every character except line breaks with a space. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

export function scriptView(text: string, filePath: string): ScriptView {
  let view = '';
  let last = 0;
  let typescript = false;
  let jsx = false;
  for (const match of text.matchAll(SCRIPT_BLOCK)) {
    const attributes = match[1];
    const bodyStart = (match.index ?? 0) + match[0].indexOf('>') + 1;
    const body = match[2];
    const lang = /\blang\s*=\s*["']?(\w+)/i.exec(attributes)?.[1]?.toLowerCase();
    typescript ||= lang === 'ts' || lang === 'tsx';
    jsx ||= lang === 'tsx' || lang === 'jsx';
    view += blank(text.slice(last, bodyStart)) + body;
    last = bodyStart + body.length;
  }
  view += blank(text.slice(last));
  const extension = typescript ? (jsx ? '.tsx' : '.ts') : '.jsx';
  return { text: view, virtualPath: `${filePath}${extension}` };
}
