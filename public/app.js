// Progressive enhancements only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // The main menu folds behind its button under 768 px (app.css): the button shows and opens it.
  const menuButton = document.querySelector('.main-nav__toggle');
  if (menuButton) {
    const nav = menuButton.closest('.main-nav');
    const setOpen = (open) => {
      menuButton.setAttribute('aria-expanded', String(open));
      nav.classList.toggle('main-nav--open', open);
    };
    menuButton.hidden = false;
    nav.classList.add('main-nav--foldable');
    menuButton.addEventListener('click', () => setOpen(menuButton.getAttribute('aria-expanded') !== 'true'));
    nav.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && menuButton.getAttribute('aria-expanded') === 'true') {
        setOpen(false);
        menuButton.focus();
      }
    });
  }

  // Move focus to the error summary so screen-reader and keyboard users land on what to fix.
  const summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();

  // A table stacks on a phone (app.css): a cell whose view gave it no data-label is named after its
  // column's header, so the stacked rows keep their column names.
  for (const table of document.querySelectorAll('table.table')) {
    const headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headRow) continue;
    const names = [];
    for (const th of headRow.cells) for (let i = 0; i < th.colSpan; i++) names.push(th.textContent.trim());
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          if (cell.tagName === 'TD' && !cell.hasAttribute('data-label') && names[column]) cell.setAttribute('data-label', names[column]);
          column += cell.colSpan;
        }
      }
    }
  }

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
