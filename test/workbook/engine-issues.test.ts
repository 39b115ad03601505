// Problems only the engine finds (ModelInputError) are mapped onto the best cell, none lost.
import { ModelInputError, type ModelIssue } from '../../src/engine/types';
import { readWorkbook } from '../../src/workbook/read';
import { issueToProblem, runAllocation } from '../../src/workbook/run';
import { formatProblem } from '../../src/workbook/format';
import { smallSheets } from './fixtures';

let injected: ModelIssue[] | undefined;
let injectedError: Error | undefined;
jest.mock('../../src/engine', () => {
  const actual = jest.requireActual('../../src/engine');
  return {
    ...actual,
    allocate: (input: unknown) => {
      if (injected) throw new actual.ModelInputError(injected);
      if (injectedError) throw injectedError;
      return actual.allocate(input);
    },
  };
});

afterEach(() => {
  injected = undefined;
  injectedError = undefined;
});

const read = readWorkbook(smallSheets());
if (!read.ok) throw new Error('fixture must read');
const map = (issue: ModelIssue) => formatProblem(issueToProblem(issue, read.input, read.layout));

describe('issueToProblem', () => {
  test('an area issue goes to the area row and the field’s column', () => {
    expect(map({ code: 'NEGATIVE_AMOUNT', areaIndex: 2, field: 'population', message: 'Invånare är negativt.' })).toBe(
      'Kommuner!D4 (Beta, Invånare 16–64): Invånare är negativt',
    );
    expect(map({ code: 'MISSING_RECIPIENTS', areaIndex: 1, federation: 'Alfa', field: 'supportRecipients', message: 'x' })).toBe(
      'Kommuner!F3 (Alfa, Försörjningsstödstagare): x',
    );
    expect(map({ code: 'UNKNOWN_FEDERATION', areaIndex: 0, field: 'federation', message: 'y' })).toBe('Kommuner!A2 (Alfa): y');
    expect(map({ code: 'DUPLICATE_AREA', areaIndex: 0, field: 'unknownField', message: 'z' })).toBe('Kommuner!A2 (Alfa): z');
  });
  test('a federation issue goes to the federation row, the field’s column or the name', () => {
    expect(map({ code: 'RETURN_AND_REQUEST', federation: 'Beta', field: 'request', message: 'r' })).toBe(
      'Förbund!D3 (Beta, Ansökan ytterligare medel (kr)): r',
    );
    expect(map({ code: 'INVALID_MONTHS', federation: 'alfa', field: 'months', message: 'm' })).toBe(
      'Förbund!F2 (Alfa, Verksamhetsmånader): m',
    );
    expect(map({ code: 'NO_AREAS', federation: 'Beta', message: 'n' })).toBe('Förbund!A3 (Beta): n');
    // a column the sheet does not have: the name cell
    expect(map({ code: 'NEGATIVE_AMOUNT', federation: 'Beta', field: 'regionContribution', message: 'k' })).toBe(
      'Förbund!A3 (Beta): k',
    );
  });
  test('a parameter issue goes to its Värde cell, or the Parameter header when absent', () => {
    expect(map({ code: 'BUDGET_TOO_SMALL', field: 'budget', message: 'b' })).toBe('Parametrar!B2: b');
    expect(map({ code: 'BUDGET_TOO_SMALL', message: 'b2' })).toBe('Parametrar!B2: b2');
    expect(map({ code: 'INVALID_PARAMETER', field: 'trappanRate1', message: 't' })).toBe('Parametrar!A1: t');
    expect(map({ code: 'WEIGHTS_NOT_100', message: 'w' })).toBe('Parametrar!A1: w');
  });
  test('totals go to the Kommuner header, anything else to the Förbund header', () => {
    expect(map({ code: 'ZERO_TOTALS', field: 'supportMeasure', message: 's' })).toBe('Kommuner!E1: s');
    expect(map({ code: 'NO_FEDERATIONS', message: 'f' })).toBe('Förbund!A1: f');
    expect(map({ code: 'NO_AREAS', federation: 'Okänt', message: 'o' })).toBe('Förbund!A1: o');
  });
});

test('runAllocation reports every engine issue with an address and writes nothing', () => {
  injected = [
    { code: 'ZERO_TOTALS', field: 'population', message: 'Summan av invånare är 0.' },
    { code: 'NEGATIVE_AMOUNT', areaIndex: 1, field: 'supportMeasure', message: 'Negativt.' },
    { code: 'INVALID_PARAMETER', field: 'maxDecrease', message: 'Spärren är fel.' },
    { code: 'RETURN_AND_REQUEST', federation: 'Alfa', field: 'returned', message: 'Båda.' },
  ];
  const run = runAllocation(smallSheets());
  expect(run.ok).toBe(false);
  if (run.ok) return;
  expect(run.problems.map(formatProblem)).toEqual([
    'Parametrar!A1: Spärren är fel',
    'Förbund!E2 (Alfa, Återlämnade medel (kr)): Båda',
    'Kommuner!D1: Summan av invånare är 0',
    'Kommuner!E3 (Alfa, Försörjningsmått): Negativt',
  ]);
});

test('other errors from the engine are not swallowed', () => {
  injectedError = new RangeError('internal');
  expect(() => runAllocation(smallSheets())).toThrow('internal');
  injectedError = undefined;
  expect(runAllocation(smallSheets()).ok).toBe(true);
});

test('ModelInputError is recognised', () => {
  injected = [{ code: 'NO_FEDERATIONS', message: 'Inga förbund.' }];
  expect(() => {
    throw new ModelInputError(injected!);
  }).toThrow(ModelInputError);
  const run = runAllocation(smallSheets());
  expect(run.ok ? [] : run.problems.map(formatProblem)).toEqual(['Förbund!A1: Inga förbund']);
});
