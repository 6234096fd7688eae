import React, { useEffect, useRef } from 'react';

interface CommentProps {
  author: string;
  html: string;
}

// Renders a user comment; comments support basic formatting, so we render their HTML.
export function Comment({ author, html }: CommentProps) {
  return (
    <div className="comment">
      <strong>{author}</strong>
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
