// Applies a theme chosen earlier before the first paint (a classic script, so it runs now).
// Without a choice the page follows the system through prefers-color-scheme.
(function () {
  try {
    var theme = localStorage.getItem('bits-inspector-theme');
    if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
  } catch (e) {
    // Storage may be disabled; the system preference still applies.
  }
})();
