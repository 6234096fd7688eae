import React, { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { useSearchParams } from 'react-router-dom';
import { marked } from 'marked';

interface Profile {
  id: string;
  name: string;
  bioHtml: string;
  website: string;
  jsonLd: Record<string, unknown>;
}

export function ProfileCard({ profile }: { profile: Profile }) {
  const [params] = useSearchParams();
  const highlight = params.get('highlight') ?? '';
  const cleanBio = useMemo(() => DOMPurify.sanitize(profile.bioHtml), [profile.bioHtml]);

  return (
    <article className="profile-card">
      <h2>{profile.name}</h2>
      <p className="highlight">{highlight}</p>
      <div className="bio" dangerouslySetInnerHTML={{ __html: cleanBio }} /> {/* safe */}
      <div className="notice" dangerouslySetInnerHTML={{ __html: `Matches for <mark>${highlight}</mark>` }} /> {/* expect: dom-xss */}
      <div className="raw-bio" dangerouslySetInnerHTML={{ __html: profile.bioHtml }} /> {/* expect: dom-xss */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(profile.jsonLd) }} /> {/* safe */}
      <a href={`/users/${profile.id}`}>View profile</a>
    </article>
  );
}

export function MarkdownPreview({ source }: { source: string }) {
  return <div className="md" dangerouslySetInnerHTML={{ __html: marked.parse(source) as string }} />; // expect: dom-xss
}

export function SafeMarkdownPreview({ source }: { source: string }) {
  const html = DOMPurify.sanitize(marked.parse(source) as string);
  return <div className="md" dangerouslySetInnerHTML={{ __html: html }} />; // safe
}

const ICON_SVG = '<svg viewBox="0 0 16 16"><path d="M8 0l8 16H0z"/></svg>';

export function WarningIcon() {
  return <span className="icon" dangerouslySetInnerHTML={{ __html: ICON_SVG }} />; // safe
}
