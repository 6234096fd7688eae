// Embeddable widget: reads its configuration from the page URL and calls back into the host page.
(function () {
  const params = new URLSearchParams(window.location.search);
  const callbackName = params.get('callback') || 'onWidgetReady';
  const theme = params.get('theme') === 'dark' ? 'dark' : 'light';

  function render(data) {
    document.body.dataset.theme = theme;
    eval(`${callbackName}(${JSON.stringify(data)})`); // expect: code-injection
  }

  function runHook() {
    const hook = window.location.hash.slice(1);
    if (hook) setTimeout(hook, 0); // expect: code-injection
  }

  function tick() {
    window.requestAnimationFrame(tick);
  }

  window.setTimeout(function () { render({ ready: true }); }, 100); // safe
  window.setTimeout(runHook, 200); // safe
  tick();
})();
