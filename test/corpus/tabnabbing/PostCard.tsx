// A feed card that links out to user-submitted URLs, as assistants write it.
import Link from 'next/link';

interface Post {
  id: string;
  title: string;
  url: string;
  author: { name: string; website?: string };
}

export function PostCard({ post, linkProps }: { post: Post; linkProps?: Record<string, string> }) {
  return (
    <article className="post-card">
      <h3>
        <a href={post.url} target="_blank">{/* expect: reverse-tabnabbing */}
          {post.title}
        </a>
      </h3>
      {post.author.website && (
        <a href={post.author.website} target="_blank" rel="nofollow">{/* expect: reverse-tabnabbing */}
          {post.author.name}
        </a>
      )}
      <a href={post.url} target="_blank" rel="noopener noreferrer">{/* safe */}
        Open source
      </a>
      <a href={`/posts/${post.id}/print`} target="_blank">{/* safe */}
        Print
      </a>
      <a href={post.url} target="_blank" {...linkProps}>{/* safe */}
        Mirror
      </a>
      <Link href={`/posts/${post.id}`}>Comments</Link>
    </article>
  );
}
