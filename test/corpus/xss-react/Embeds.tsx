import React from 'react';
import DOMPurify from 'dompurify';

export function EmailPreview({ html }: { html: string }) {
  return <iframe title="preview" sandbox="" srcDoc={DOMPurify.sanitize(html)} />; // safe
}

export function WidgetPreview() {
  const html = new URLSearchParams(window.location.search).get('widget') ?? '';
  return <iframe title="widget" srcDoc={html} />; // expect: dom-xss
}

export function Highlighted({ text, term }: { text: string; term: string }) {
  const parts = text.split(term);
  return <p>{parts.flatMap((part, i) => (i === 0 ? [part] : [<mark key={i}>{term}</mark>, part]))}</p>; // safe
}
