import { parseXmlString } from 'libxmljs2';
import { DOMParser } from '@xmldom/xmldom';
import serializeJavascript from 'serialize-javascript';

export function parseInvoice(xml: string) {
  const doc = parseXmlString(xml, { noent: true }); // expect: xxe
  return doc.get('//total')?.text();
}

export function parseInvoiceSafe(xml: string) {
  const doc = new DOMParser().parseFromString(xml, 'text/xml'); // safe
  return doc.getElementsByTagName('total')[0]?.textContent;
}

export function embedState(state: Record<string, unknown>): string {
  return `<script>window.__STATE__ = ${serializeJavascript(state, { isJSON: true })}</script>`; // safe
}

export function restoreState(serialized: string) {
  return eval('(' + serialized + ')'); // expect: code-injection
}
