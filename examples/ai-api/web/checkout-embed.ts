// Runs inside the checkout iframe that partner sites embed; tells the host page who signed in.
export interface SignedInUser {
  id: number;
  email: string;
  name: string;
}

export function notifyHostOfLogin(token: string, user: SignedInUser): void {
  window.parent.postMessage({ type: 'acme:signed-in', token, user }, '*');
}

export function notifyHostOfResize(): void {
  window.parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, '*');
}
