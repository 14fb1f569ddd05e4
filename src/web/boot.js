// The page's boot script (docs/deploy.md, "What the page loads"): says why
// the page stays empty when the app cannot start, and registers the service
// worker once it has. A file, not an inline script, for the CSP.

(() => {
  'use strict';

  let started = false;
  let shown = false;

  function showFailure(reason) {
    if (started || shown) return;
    const box = document.getElementById('boot-failed');
    if (!box) return;
    shown = true;
    for (const p of box.querySelectorAll('[data-reason]')) {
      p.hidden = p.getAttribute('data-reason') !== reason;
    }
    box.hidden = false;
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => showFailure('no-wasm'));
    } else {
      showFailure('no-wasm');
    }
  }

  // Until Trunk's loader fires TrunkApplicationStarted, any error means the
  // app did not start. Capture: a failed <script> load does not bubble.
  addEventListener(
    'error',
    (event) => {
      if (event instanceof ErrorEvent || event.target instanceof HTMLScriptElement) showFailure('load');
    },
    true,
  );
  addEventListener('unhandledrejection', () => showFailure('load'));

  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-boot-reload]')) location.reload();
  });

  addEventListener('TrunkApplicationStarted', () => {
    started = true;
    const worker = document.querySelector('meta[name="burnrate:service-worker"]')?.getAttribute('content');
    if (!worker || !('serviceWorker' in navigator)) return;
    const register = () => {
      navigator.serviceWorker.register(worker).catch((err) => {
        console.warn(`Burnrate works online only here: the service worker was refused (${err})`);
      });
    };
    if (document.readyState === 'complete') register();
    else addEventListener('load', register, { once: true });
  });
})();
