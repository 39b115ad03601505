// The ribbon's function file (commands.html): no command runs without the pane. An external file,
// since the pages' Content-Security-Policy allows no inline script.
Office.onReady(function () {});
