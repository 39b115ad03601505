/*
 * Runs before everything else in taskpane.html, in ES5 only (Internet Explorer 11 parses it).
 * Excel 2016 and 2019 (volume-licensed, and other perpetual versions before Excel 2021) show add-ins in
 * Internet Explorer 11 or the old Edge (EdgeHTML), which cannot run the pane's modern JavaScript: the
 * bundle fails to parse and the pane would stay blank. The bundle sets window.__finsamStarted as soon
 * as it runs; when the page has loaded without it, this says in Swedish which Excel is needed.
 */
(function () {
  'use strict';
  var shown = false;
  function show() {
    if (shown || window.__finsamStarted) return;
    shown = true;
    var box = document.getElementById('browser-check');
    if (!box) return;
    box.removeAttribute('hidden');
    box.setAttribute('role', 'alert');
    box.style.fontFamily = '"Segoe UI", system-ui, sans-serif';
    box.style.fontSize = '14px';
    box.style.lineHeight = '1.5';
    box.style.padding = '12px';
    box.style.color = '#242424';
    var title = document.createElement('h1');
    title.style.fontSize = '16px';
    title.appendChild(document.createTextNode('Finsam medelstilldelning kräver en nyare Excel'));
    var text = document.createElement('p');
    text.appendChild(
      document.createTextNode(
        'Den här versionen av Excel visar tillägg med Internet Explorer eller den äldre Microsoft Edge, ' +
          'där tillägget inte kan köras. Använd Microsoft 365 (Excel för Windows version 2101 eller senare), ' +
          'Excel 2021 eller senare, Excel för Mac eller Excel på webben. Excel 2016 och Excel 2019 ' +
          '(även med volymlicens) räcker inte.',
      ),
    );
    box.appendChild(title);
    box.appendChild(text);
  }
  // Engines without what the bundle needs (IE 11 has neither Promise nor fetch; EdgeHTML lacks
  // Object.fromEntries, ES2019) are told at once; any other failure to start, when the page has loaded.
  var modern =
    typeof Promise === 'function' && typeof Object.fromEntries === 'function' && typeof Array.prototype.flatMap === 'function';
  if (!modern) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
    return;
  }
  window.addEventListener('load', function () {
    if (!window.__finsamStarted) show();
  });
})();
