// A marketing footer with social links and a share button.
export function Footer({ pageTitle, onNewsletter }) {
  const shareUrl = `https://twitter.com/intent/tweet?text=${encodeURIComponent(pageTitle)}`;
  return (
    <footer>
      <nav>
        <a href="https://github.com/acme/widgets" target="_blank">{/* expect: reverse-tabnabbing */}GitHub</a>
        <a href={shareUrl} target="_blank" rel="noreferrer">{/* safe */}Share</a>
        <a href="/privacy" target="_blank">{/* safe */}Privacy</a>
        <a href="mailto:hello@acme.dev" target="_blank">{/* safe */}Contact</a>
        <a href="https://status.acme.dev" target="_self">{/* safe */}Status</a>
      </nav>
      <form action="https://newsletter.example.com/subscribe" target="_blank" method="post">{/* expect: reverse-tabnabbing */}
        <input type="email" name="email" />
        <button type="submit">Subscribe</button>
      </form>
      <form target="_blank" onSubmit={onNewsletter}>{/* safe */}
        <button type="submit">Preview</button>
      </form>
    </footer>
  );
}
