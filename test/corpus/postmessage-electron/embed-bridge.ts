const PARENT_ORIGIN = 'https://app.acme.io';

interface AuthMessage {
  type: 'auth';
  token: string;
}

export function sendTokenToParent(token: string): void {
  window.parent.postMessage({ type: 'auth', token } satisfies AuthMessage, '*'); // expect: postmessage-origin
}

export function sendTokenToParentSafe(token: string): void {
  window.parent.postMessage({ type: 'auth', token } satisfies AuthMessage, PARENT_ORIGIN); // safe
}

window.addEventListener('message', (event) => { // expect: postmessage-origin
  if (event.data?.type === 'navigate') {
    window.location.href = event.data.url; // expect: open-redirect
  }
});

window.addEventListener('message', (event) => { // safe
  if (event.origin !== PARENT_ORIGIN) return;
  if (event.data?.type === 'theme') document.body.dataset.theme = String(event.data.theme);
});

const worker = new Worker(new URL('./resize.worker.ts', import.meta.url));
worker.postMessage({ width: 640, height: 480 }); // safe
worker.addEventListener('message', (event) => { // safe
  console.log('resized', event.data.width);
});

export function notifyOpener(result: { ok: boolean }): void {
  window.opener?.postMessage(result, window.location.origin); // safe
}
