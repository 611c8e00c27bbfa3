// The theme toggle: follows the system until the user picks, then remembers the pick
// (theme.js, loaded before the page draws, applies it).

import { ui, root } from '../ui.js';

export function wireTheme() {
  const media = matchMedia('(prefers-color-scheme: dark)');
  const dark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : media.matches);
  const update = () => {
    ui.theme.setAttribute('aria-pressed', String(dark()));
    ui.theme.title = root.dataset.theme ? 'Your choice; toggle back to follow the system' : 'Following the system; toggle to choose';
  };
  ui.theme.addEventListener('click', () => {
    const want = !dark();
    try {
      if (want === media.matches) {
        delete root.dataset.theme; // back to following the system
        localStorage.removeItem('bits-inspector-theme');
      } else {
        root.dataset.theme = want ? 'dark' : 'light';
        localStorage.setItem('bits-inspector-theme', root.dataset.theme);
      }
    } catch {
      root.dataset.theme = want ? 'dark' : 'light';
    }
    update();
  });
  media.addEventListener('change', update);
  update();
}
