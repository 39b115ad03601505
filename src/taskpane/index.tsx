// Entry of the task pane: wait for Office, pick the theme, render the pane over the Office.js host.
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickTheme } from './theme';
import { createOfficeHost } from '../excel/office-host';

function start(): void {
  const container = document.getElementById('root');
  if (!container) return;
  const officeTheme = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
  const theme = pickTheme(officeTheme);
  document.body.style.backgroundColor = String(theme.colorNeutralBackground1);
  document.body.style.margin = '0';
  createRoot(container).render(<App host={createOfficeHost()} theme={theme} />);
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady(() => start());
} else {
  const root = document.getElementById('root');
  if (root) root.textContent = 'Office.js kunde inte läsas in. Öppna tillägget i Excel.';
}
