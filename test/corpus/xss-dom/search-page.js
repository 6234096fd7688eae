import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { escapeHtml } from './utils/escape';
import { t } from './i18n';

const params = new URLSearchParams(window.location.search);
const query = params.get('q') || '';

const heading = document.getElementById('results-heading');
const list = document.getElementById('results');
const preview = document.getElementById('preview');
const editor = document.getElementById('editor');
const badge = document.getElementById('badge');

heading.innerHTML = `Results for <strong>${query}</strong>`; // expect: dom-xss
heading.title = query;

export function renderResults(items) {
  list.innerHTML = items.map((item) => `<li><a href="/p/${item.id}">${item.title}</a></li>`).join(''); // expect: dom-xss
  badge.innerHTML = `<strong>${items.length}</strong> results`; // safe
}

export function renderResultsSafe(items) {
  list.innerHTML = items.map((item) => `<li>${escapeHtml(item.title)}</li>`).join(''); // safe
}

editor.addEventListener('input', () => {
  preview.innerHTML = marked.parse(editor.value); // expect: dom-xss
});

export function renderPreviewSafe() {
  preview.innerHTML = DOMPurify.sanitize(marked.parse(editor.value)); // safe
}

export function showWelcome(name) {
  const banner = document.querySelector('.welcome');
  banner.textContent = `Welcome back, ${name}!`; // safe
  banner.insertAdjacentHTML('beforeend', `<span class="tag">${name}</span>`); // expect: dom-xss
}

export function clearResults() {
  list.innerHTML = ''; // safe
  heading.innerHTML = t('search.empty'); // safe
}

const hashName = decodeURIComponent(window.location.hash.slice(1));
if (hashName) document.write('<h2>Hello ' + hashName + '</h2>'); // expect: dom-xss
