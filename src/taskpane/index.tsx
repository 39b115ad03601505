// Entry of the task pane: wait for Office, check that it is Excel with the API the pane needs, pick
// the theme, render the pane over the Office.js host.
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, webLightTheme } from '@fluentui/react-components';
import { App } from './App';
import { isDarkTheme, pickTheme } from './theme';
import { createOfficeHost } from '../excel/office-host';
import { unsupportedHostReason } from './host-check';
import { PANE_TEXTS } from './texts';

// The bundle runs: browser-check.js (ES5) need not tell that this Excel is too old.
(window as Window & { __finsamStarted?: boolean }).__finsamStarted = true;

function render(node: React.ReactElement, background: string, dark = false): void {
  const container = document.getElementById('root');
  if (!container) return;
  document.body.style.backgroundColor = background;
  document.body.style.margin = '0';
  // Native scrollbars and form controls in the theme's scheme; the scrollbar's room always kept, so
  // that the pane does not shift when a view grows long enough to scroll
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
  document.documentElement.style.setProperty('scrollbar-gutter', 'stable');
  createRoot(container).render(node);
}

function start(info: { host: unknown } | undefined): void {
  const officeTheme = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
  const theme = pickTheme(officeTheme);
  const requirements = typeof Office !== 'undefined' ? Office.context?.requirements : undefined;
  const reason = unsupportedHostReason(
    info,
    requirements ? (name, version) => requirements.isSetSupported(name, version) : undefined,
  );
  if (reason) {
    render(
      <FluentProvider theme={theme}>
        <main style={{ padding: 12 }}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{PANE_TEXTS.cannotStart}</MessageBarTitle>
              {reason}
            </MessageBarBody>
          </MessageBar>
        </main>
      </FluentProvider>,
      String(theme.colorNeutralBackground1),
      isDarkTheme(officeTheme),
    );
    return;
  }
  render(<App host={createOfficeHost()} theme={theme} />, String(theme.colorNeutralBackground1), isDarkTheme(officeTheme));
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady((info) => start(info));
} else {
  render(
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>{PANE_TEXTS.officeNotLoaded}</main>
    </FluentProvider>,
    String(webLightTheme.colorNeutralBackground1),
  );
}
