// Shared setup of the pane's jsdom tests: polyfills Fluent UI needs, jest-axe, plain DOM checks.
import { configure, render, screen, waitFor } from '@testing-library/react';
import { toHaveNoViolations } from 'jest-axe';
import { webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import type { FakeHost } from './fake-host';
import { TextEncoder as NodeTextEncoder } from 'util';

expect.extend(toHaveNoViolations);
// Role queries skip jsdom's (very slow) computed-style visibility check; accessibility is axe's job here.
// findBy/waitFor wait up to 15 s: on a loaded 2-core machine a render after a host call can take seconds.
configure({ defaultHidden: true, asyncUtilTimeout: 15_000 });
// A pane test renders Fluent UI in jsdom and runs axe: seconds alone, minutes on a loaded machine.
jest.setTimeout(240_000);

// The pane updates its state after awaited host calls, which React reports as "not wrapped in act(...)"
// although every test waits for the result; only that warning is silenced.
// eslint-disable-next-line no-console -- kept to pass every other message through
const consoleError = console.error;
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('not wrapped in act(')) return;
    consoleError(...args);
  });
});
afterAll(() => jest.restoreAllMocks());

// jsdom lacks TextEncoder (every browser Excel runs the pane in has it); the fingerprint uses it.
if (typeof globalThis.TextEncoder === 'undefined') {
  (globalThis as { TextEncoder: unknown }).TextEncoder = NodeTextEncoder;
}

// jsdom lacks these; Fluent's positioning and motion use them.
beforeAll(() => {
  if (!('ResizeObserver' in window)) {
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (!window.matchMedia) {
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener() {},
      removeListener() {},
      addEventListener() {},
      removeEventListener() {},
      dispatchEvent: () => false,
    })) as unknown as typeof window.matchMedia;
  }
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
});

// Plain DOM checks (@testing-library/jest-dom is not a dependency).
export const enabled = (el: HTMLElement) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-disabled') !== 'true';
export const text = (el: Element) => (el.textContent ?? '').replace(/\u00a0/g, ' ');

/** axe options: the "region" rule is for whole pages; the pane is rendered alone. */
export const axeOptions = { rules: { region: { enabled: false } } };

export async function renderApp(host: FakeHost, initialView?: 'berakna' | 'parametrar' | 'forklara') {
  const utils = render(<App host={host} theme={webLightTheme} initialView={initialView} />);
  await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
  return utils;
}
