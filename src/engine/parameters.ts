// Model parameters as data, with defaults and their public sources.
// spec: docs/model.md §P
import Decimal from 'decimal.js';
import { D } from './decimal';
import type { ModelParameters } from './types';

/** Every parameter except the budget, at its default (spec "Parameters", defaults in brackets). */
export const DEFAULT_PARAMETERS: Readonly<Omit<ModelParameters, 'budget' | 'year'>> = Object.freeze({
  baseAllocation: new D(400_000),
  weightSupportMeasure: new D('0.75'),
  weightPopulation: new D('0.25'),
  maxDecrease: new D('0.10'),
  trappan: Object.freeze({
    limit1: new D(7_000_000),
    limit2: new D(15_000_000),
    rate1: new D('0.20'),
    rate2: new D('0.15'),
    rate3: new D('0.10'),
  }),
  targetedFundsCap: new D(500_000),
});

/** Full parameter set: the given budget B and every other parameter at its default. */
export function defaultParameters(budget: Decimal.Value): ModelParameters {
  return {
    budget: new D(budget),
    baseAllocation: DEFAULT_PARAMETERS.baseAllocation,
    weightSupportMeasure: DEFAULT_PARAMETERS.weightSupportMeasure,
    weightPopulation: DEFAULT_PARAMETERS.weightPopulation,
    maxDecrease: DEFAULT_PARAMETERS.maxDecrease,
    trappan: { ...DEFAULT_PARAMETERS.trappan },
    targetedFundsCap: DEFAULT_PARAMETERS.targetedFundsCap,
  };
}

/** Public source of each parameter (spec "Sources"). */
export const PARAMETER_SOURCES: Readonly<Record<keyof ModelParameters, string>> = Object.freeze({
  budget:
    'Statlig ram: beslutas årligen av regeringen (regleringsbrev till Försäkringskassan); finsam.se "Statens fördelningsmodell"',
  year: 'Informativt; anger vilket års tilldelning som beräknas',
  baseAllocation:
    'Grundtilldelning 400 000 kr per förbund: finsam.se "Statens fördelningsmodell"; förslaget "Fördelningsmodell för statens medelstilldelning till samordningsförbunden" (2015-01-22)',
  weightSupportMeasure:
    'Vikt försörjningsmått 75 %: förslaget "Fördelningsmodell för statens medelstilldelning till samordningsförbunden" (2015-01-22); finsam.se "Statens fördelningsmodell"',
  weightPopulation:
    'Vikt invånare 16–64 år 25 %: förslaget "Fördelningsmodell för statens medelstilldelning till samordningsförbunden" (2015-01-22); finsam.se "Statens fördelningsmodell"',
  maxDecrease:
    'Spärr, högst 10 % minskning mot föregående års statliga tilldelning: förslaget 2015-01-22; finsam.se "Statens fördelningsmodell"; förtydligandet av processen 2019',
  trappan:
    'Trappan för rimligt eget kapital (20 % av de första 7 000 000 kr, 15 % av delen 7–15 000 000 kr, 10 % därutöver): finsam.se "Finansiering från parterna"',
  targetedFundsCap:
    'Tak 500 000 kr per ansökan om riktade medel: Försäkringskassans skrivelse om riktade medel 2016; jfr skrivelsen om ytterligare statliga medel 2017. Används inte i stegen 1–10.',
});
