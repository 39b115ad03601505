// Light or dark Fluent theme following Office's theme (dark when the body background is dark).
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';

/** Relative luminance (0 black … 1 white) of a #rgb or #rrggbb colour; undefined when unreadable. */
export function luminance(color: string | undefined): number | undefined {
  if (!color) return undefined;
  let hex = color.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return undefined;
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** Office's theme colours (Office.context.officeTheme), when the host gives them. */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

export function isDarkTheme(theme: OfficeThemeColors | undefined): boolean {
  const l = luminance(theme?.bodyBackgroundColor);
  return l !== undefined && l < 0.2;
}

export function pickTheme(theme: OfficeThemeColors | undefined): Theme {
  return isDarkTheme(theme) ? webDarkTheme : webLightTheme;
}
