// Progressive enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to the error summary so screen-reader and keyboard users land on what to fix.
  const summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();

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
