// Progressive enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary so screen-reader and keyboard users land on what to fix.
  const summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();

  // An old link to a section of the case (/accompaniments/1#notices, from a mail or a bookmark)
  // opens the tab that holds it, since the case page shows one tab at a time.
  const tabs = document.querySelector('nav[data-section-tabs]');
  const wanted = window.location.hash.slice(1);
  if (tabs && wanted && !document.getElementById(wanted)) {
    const tab = JSON.parse(tabs.getAttribute('data-section-tabs'))[wanted];
    const url = new URL(window.location.href);
    // The overview is the address without ?tab= (src/accompaniments/tabs.ts, tabUrl).
    if (tab && (url.searchParams.get('tab') || 'overview') !== tab) {
      if (tab === 'overview') url.searchParams.delete('tab'); else url.searchParams.set('tab', tab);
      window.location.replace(url.toString());
    }
  }

  // Forms that change something important ask for confirmation first.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }

  // Disable submit buttons once clicked, so a slow answer does not lead to double posts.
  for (const form of document.querySelectorAll('form[method="post"]')) {
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return;
      for (const button of form.querySelectorAll('button[type="submit"]')) {
        button.setAttribute('aria-disabled', 'true');
        setTimeout(() => { button.disabled = true; }, 0);
      }
    });
  }
});
