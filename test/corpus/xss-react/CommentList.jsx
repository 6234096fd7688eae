import React, { useEffect, useState } from 'react';

export default function CommentList({ postId }) {
  const [comments, setComments] = useState([]);

  useEffect(() => {
    fetch(`/api/posts/${postId}/comments`)
      .then((r) => r.json())
      .then(setComments);
  }, [postId]);

  return (
    <ul className="comments">
      {comments.map((comment) => (
        <li key={comment.id}>
          <strong>{comment.author}</strong>
          <p>{comment.text}</p> {/* safe */}
          <div dangerouslySetInnerHTML={{ __html: comment.html }} /> {/* expect: dom-xss */}
        </li>
      ))}
    </ul>
  );
}

export function Greeting() {
  const name = new URLSearchParams(window.location.search).get('name');
  return <h1 dangerouslySetInnerHTML={{ __html: 'Hello, ' + name }} />; // expect: dom-xss
}

export function Style({ theme }) {
  const css = `.app { color: ${theme === 'dark' ? '#fff' : '#111'}; }`;
  return <style dangerouslySetInnerHTML={{ __html: css }} />; // safe
}
