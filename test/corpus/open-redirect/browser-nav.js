const params = new URLSearchParams(window.location.search);

export function afterLogin() {
  const returnUrl = params.get('returnUrl');
  window.location.href = returnUrl || '/home'; // expect: open-redirect
}

export function afterLoginSafe() {
  const returnUrl = params.get('returnUrl') || '/home';
  const url = new URL(returnUrl, window.location.origin);
  if (url.origin !== window.location.origin) return window.location.assign('/home');
  window.location.assign(url.pathname + url.search); // expect: open-redirect
}

export function afterLoginChecked() {
  const url = new URL(params.get('returnUrl') || '/home', window.location.origin);
  if (url.origin !== window.location.origin) return window.location.assign('/home');
  window.location.assign(url.href); // safe
}

export function goToLogin() {
  window.location.href = `${window.location.origin}/login?next=${encodeURIComponent(window.location.pathname)}`; // safe
}

export function openDocs(section) {
  window.open(`https://docs.example.com/${section}`, '_blank', 'noopener'); // safe
}

window.addEventListener('hashchange', () => {
  const dest = window.location.hash.slice(1);
  if (dest.startsWith('http')) window.location.replace(dest); // expect: open-redirect
});
