interface Comment {
  id: number;
  author: string;
  body: string;
  createdAt: string;
}

const container = document.querySelector<HTMLDivElement>('#comments')!;
const counter = document.querySelector<HTMLSpanElement>('#comment-count')!;

export async function loadComments(postId: number): Promise<void> {
  const response = await fetch(`/api/posts/${postId}/comments`);
  const comments: Comment[] = await response.json();
  counter.innerHTML = String(comments.length); // safe
  for (const comment of comments) {
    const item = document.createElement('article');
    item.innerHTML = `<h4>${comment.author}</h4><p>${comment.body}</p>`; // expect: dom-xss
    container.appendChild(item);
  }
}

export function appendCommentSafe(comment: Comment): void {
  const item = document.createElement('article');
  const author = document.createElement('h4');
  author.textContent = comment.author; // safe
  const body = document.createElement('p');
  body.textContent = comment.body;
  item.append(author, body);
  container.appendChild(item);
}

window.addEventListener('message', (event: MessageEvent) => { // expect: postmessage-origin
  if (event.data?.type === 'preview') {
    container.innerHTML = event.data.html; // expect: dom-xss
  }
});

export function renderTemplate(templateId: string): void {
  const template = document.getElementById(templateId) as HTMLTemplateElement;
  container.innerHTML = template.innerHTML; // safe
}

export function setStatus(count: number): void {
  counter.outerHTML = `<span id="comment-count">${count.toFixed(0)}</span>`; // safe
}
