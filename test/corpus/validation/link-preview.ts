// Decides which links get a rich preview card and which embeds are allowed.

const YOUTUBE_WATCH = /^https?:\/\/(?:www\.)?youtube.com\/watch\?v=([\w-]{11})/; // expect: unescaped-hostname-regex
const VIMEO_VIDEO = /^https:\/\/vimeo\.com\/(\d+)$/; // safe
const TRUSTED_EMBED = /^https:\/\/[a-z0-9-]+.trusted-embeds.com\//; // expect: unescaped-hostname-regex

export function embedUrl(link: string): string | undefined {
  const youtube = YOUTUBE_WATCH.exec(link);
  if (youtube) return `https://www.youtube-nocookie.com/embed/${youtube[1]}`;
  const vimeo = VIMEO_VIDEO.exec(link);
  if (vimeo) return `https://player.vimeo.com/video/${vimeo[1]}`;
  return TRUSTED_EMBED.test(link) ? link : undefined;
}

export function isInternalLink(href: string): boolean {
  return /^https:\/\/docs.example.com/.test(href); // expect: unescaped-hostname-regex
}

export function rewriteCdn(html: string): string {
  return html.replace(/assets.example.com/g, 'cdn.example.com'); // safe
}

export function isSemver(tag: string): boolean {
  return /^v?\d+.\d+.\d+$/.test(tag); // safe
}

export function looksLikeConfigFile(name: string): boolean {
  return /^(vite|webpack).config.(js|ts)$/.test(name); // safe
}

export function isPrice(text: string): boolean {
  return /^\$\d+.\d{2}$/.test(text); // safe
}
