const params = new URLSearchParams(window.location.search);

export function applyTitle(): void {
  const name = params.get('name') ?? 'Guest';
  document.title = `${name} - Acme`; // safe
  const input = document.querySelector<HTMLInputElement>('#search')!;
  input.value = params.get('q') ?? ''; // safe
  document.querySelector('#greeting')!.textContent = `Hello, ${name}`; // safe
  document.querySelector<HTMLElement>('#note')!.innerText = params.get('note') ?? ''; // safe
}

export function renderList(items: { id: number; label: string }[]): void {
  const ul = document.querySelector('#list')!;
  ul.replaceChildren(...items.map((item) => Object.assign(document.createElement('li'), { textContent: item.label }))); // safe
}

export function showPreview(frame: HTMLIFrameElement): void {
  frame.srcdoc = params.get('html') ?? ''; // expect: dom-xss
}
