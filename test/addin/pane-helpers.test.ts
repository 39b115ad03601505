// Pure helpers of the pane: theme choice and the chart's bar selection.
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { isDarkTheme, luminance, pickTheme } from '../../src/taskpane/theme';
import { barsToDraw } from '../../src/taskpane/components/AllocationChart';
import { REQUIRED_EXCEL_API, unsupportedHostReason } from '../../src/taskpane/host-check';
import * as fs from 'node:fs';
import * as path from 'node:path';

describe('theme and chart helpers', () => {
  test('dark theme when Office’s body background is dark', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000')).toBe(0);
    expect(luminance('nonsense')).toBeUndefined();
    expect(isDarkTheme({ bodyBackgroundColor: '#1f1f1f' })).toBe(true);
    expect(isDarkTheme({ bodyBackgroundColor: '#FFFFFF' })).toBe(false);
    expect(isDarkTheme(undefined)).toBe(false);
    expect(pickTheme({ bodyBackgroundColor: '#262626' })).toBe(webDarkTheme);
    expect(pickTheme({ bodyBackgroundColor: '#f3f3f3' })).toBe(webLightTheme);
  });

  test('barsToDraw keeps the largest differences, in input order, above the limit', () => {
    const bars = Array.from({ length: 10 }, (_, i) => ({ name: `F${i}`, ideal: 100, final: 100 + (i % 3) * 10 * i }));
    expect(barsToDraw(bars, 20)).toBe(bars);
    expect(barsToDraw(bars, 3).map((b) => b.name)).toEqual(['F5', 'F7', 'F8']);
  });
});

describe('where the pane can run', () => {
  test('only in Excel with the requirement set of the manifest; otherwise a Swedish reason', () => {
    const manifest = fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.xml'), 'utf8');
    expect(manifest).toContain(`<Set Name="ExcelApi" MinVersion="${REQUIRED_EXCEL_API}"/>`);
    const supportsUpTo = (max: number) => (name: string, version: string) => name === 'ExcelApi' && Number(version) <= max;
    expect(unsupportedHostReason({ host: 'Excel' }, supportsUpTo(1.8))).toBeUndefined();
    expect(unsupportedHostReason({ host: 'Excel' }, undefined)).toBeUndefined();
    expect(unsupportedHostReason({ host: 'Excel' }, supportsUpTo(1.7))).toMatch(/saknar ExcelApi 1\.8/);
    expect(unsupportedHostReason({ host: null }, supportsUpTo(1.8))).toMatch(/^Tillägget körs inte i Excel/);
    expect(unsupportedHostReason({ host: 'Word' }, supportsUpTo(1.8))).toMatch(/^Tillägget körs inte i Excel/);
    expect(unsupportedHostReason(undefined, undefined)).toMatch(/^Tillägget körs inte i Excel/);
  });
});

describe('text helpers', () => {
  test('keepNumbersTogether: no line break inside an amount or before its unit; other spaces stay', () => {
    const { keepNumbersTogether } = jest.requireActual<typeof import('../../src/taskpane/texts')>('../../src/taskpane/texts');
    const nb = '\u00a0';
    expect(keepNumbersTogether('upp till 15 000 000 kr, 20 % av 7 000 000 kr')).toBe(
      `upp till 15${nb}000${nb}000${nb}kr, 20${nb}% av 7${nb}000${nb}000${nb}kr`,
    );
    expect(keepNumbersTogether('Cell Parametrar!B5. Standard: 400 000 kr.')).toBe(
      `Cell Parametrar!B5. Standard: 400${nb}000${nb}kr.`,
    );
    // two separate numbers stay apart ("80 × 400 000"), a year before a word stays as it is
    expect(keepNumbersTogether('80 × 400 000 kr')).toBe(`80 × 400${nb}000${nb}kr`);
    expect(keepNumbersTogether('2025 kronor och 12 1234')).toBe('2025 kronor och 12 1234');
  });
});
