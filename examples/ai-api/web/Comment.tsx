import React, { useEffect, useRef } from 'react';

interface CommentProps {
  author: string;
  html: string;
  website?: string;
}

// Renders a user comment; comments support basic formatting, so we render their HTML.
export function Comment({ author, html, website }: CommentProps) {
  return (
    <div className="comment">
      <strong>{website ? <a href={website} target="_blank">{author}</a> : author}</strong>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}

// Shows the search term from the URL above the results.
export function SearchHeading() {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const term = new URLSearchParams(window.location.search).get('q') ?? '';
    if (heading.current) heading.current.innerHTML = `Results for <em>${term}</em>`;
  }, []);
  return <h2 ref={heading} />;
}
