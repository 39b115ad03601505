// Types of the allocation engine's input and result.
// Source of every concept: ../shared/spec/allocation-model.md (the "spec").
import Decimal from 'decimal.js';

/** How a federation's municipal part is split among its municipalities (spec step 9). */
export type SplitMethod = 'lika' | 'invanare' | 'forsorjningsstod';

/** Trappan: reasonable equity, three bands (spec "Parameters"). */
export interface TrappanParameters {
  /** Gräns 1 [7 000 000 kr] */
  limit1: Decimal;
  /** Gräns 2 [15 000 000 kr] */
  limit2: Decimal;
  /** Andel 1: rate below limit1 [20 %] */
  rate1: Decimal;
  /** Andel 2: rate between limit1 and limit2 [15 %] */
  rate2: Decimal;
  /** Andel 3: rate above limit2 [10 %] */
  rate3: Decimal;
}

/** Model parameters (spec "Parameters"); shares are fractions (0.75 = 75 %). */
export interface ModelParameters {
  /** År (informational only) */
  year?: number;
  /** B, Statlig ram, whole kronor (required) */
  budget: Decimal;
  /** G, Grundtilldelning [400 000 kr] */
  baseAllocation: Decimal;
  /** w_fm, Vikt försörjningsmått [0.75] */
  weightSupportMeasure: Decimal;
  /** w_pop, Vikt invånare 16–64 [0.25] */
  weightPopulation: Decimal;
  /** d, Maximal minskning, the spärr [0.10] */
  maxDecrease: Decimal;
  trappan: TrappanParameters;
  /** Tak riktade medel [500 000 kr] (targeted-funds rounds; carried, not used by steps 1–10) */
  targetedFundsCap: Decimal;
}

/** One federation (samordningsförbund), spec "Inputs". Optional = blank in the workbook. */
export interface FederationInput {
  name: string;
  /** VO: Syd, Väst, Mitt, Stockholm, Nord (free text) */
  vo?: string;
  region?: string;
  /** prev_f, last year's state allocation; undefined = new federation */
  previousAllocation?: Decimal;
  /** equity_f, eget kapital; undefined = unknown */
  equity?: Decimal;
  /** total_prev_f, last year's total member funds; undefined = 2·prev_f */
  previousTotalFunds?: Decimal;
  /** K_f, what the municipalities together can contribute; undefined = can match in full */
  municipalContribution?: Decimal;
  /** R_f, what the region can contribute; undefined = can match in full */
  regionContribution?: Decimal;
  /** request_f, application for additional funds (≥ 0); undefined = 0 */
  request?: Decimal;
  /** returned_f, funds handed back (≥ 0); undefined = 0 */
  returned?: Decimal;
  /** months_f, 1–12; undefined = 12 */
  months?: number;
  /** undefined = 'invanare' */
  splitMethod?: SplitMethod;
}

/** One area: a municipality or part of one (spec "Inputs"). */
export interface AreaInput {
  federation: string;
  municipality: string;
  /** Område / stadsdel, for municipalities split between federations */
  area?: string;
  /** pop_a, inhabitants 16–64 */
  population: Decimal;
  /** fm_a, försörjningsmått (any unit, the same on all rows) */
  supportMeasure: Decimal;
  /** fs_a, number of försörjningsstöd recipients */
  supportRecipients?: Decimal;
}

export interface ModelInput {
  parameters: ModelParameters;
  federations: FederationInput[];
  areas: AreaInput[];
}

/** Warning codes (spec "Warnings"). */
export type WarningCode =
  | 'EGET_KAPITAL'
  | 'EK_SAKNAS'
  | 'SPÄRR'
  | 'SPÄRR_EJ'
  | 'MATCHNING'
  | 'ÅTERLÄMNAT'
  | 'YTTERLIGARE_DELVIS'
  | 'NY'
  | 'DELÅR'
  | 'MINSKNING';

export interface Warning {
  code: WarningCode;
  /** Swedish text, e.g. "Eget kapital 2 000 000 kr över rimlig nivå 1 040 000 kr" */
  text: string;
}

/** Whole-krona values as written to the workbook (spec "Rounding"). */
export interface RoundedFederation {
  ideal: Decimal;
  afterFloor: Decimal;
  matched: Decimal;
  extra: Decimal;
  final: Decimal;
  municipalShare: Decimal;
  regionShare: Decimal;
  reasonableEquity: Decimal;
}

/** Every intermediate of one federation, exact (unrounded) unless in `rounded`. */
export interface FederationResult {
  name: string;
  vo?: string;
  region?: string;
  /** Input row index (0-based, order of ModelInput.federations) */
  index: number;
  /** FM_f, POP_f (step 1) */
  supportMeasure: Decimal;
  population: Decimal;
  /** FM_f/ΣFM and POP_f/ΣPOP (step 1) */
  supportMeasureShare: Decimal;
  populationShare: Decimal;
  /** key_f (step 1) */
  key: Decimal;
  /** m_f = months/12 (step 2) */
  monthsFactor: Decimal;
  months: number;
  /** base_f, need_f, ideal_f (step 2) */
  base: Decimal;
  need: Decimal;
  ideal: Decimal;
  /** basis_f and reasonable_f (step 3) */
  reasonableEquityBasis: Decimal;
  reasonableEquity: Decimal;
  equity?: Decimal;
  excessEquity: boolean;
  /** prev_f > 0 and protection not removed (step 4/5) */
  protected: boolean;
  /** prev_f > 0 but protection removed in step 5 (SPÄRR_EJ) */
  protectionRemoved: boolean;
  previousAllocation?: Decimal;
  /** floor_f at the applied spärr (undefined when not protected) */
  floor?: Decimal;
  /** (1 − applied spärr)·prev_f·m_f for every federation with prev_f > 0 (MINSKNING, SPÄRR_EJ) */
  decreaseThreshold?: Decimal;
  /** A_f(λ) (step 4) */
  afterFloor: Decimal;
  /** A_f was lifted to floor_f (SPÄRR) */
  liftedToFloor: boolean;
  /** cap_f (step 6); undefined = unlimited */
  cap?: Decimal;
  /** matched_f (step 6) */
  matched: Decimal;
  /** cut_f = A_f − matched_f (step 6) */
  cut: Decimal;
  /** matched was limited by cap_f (MATCHNING) */
  cappedByMatching: boolean;
  returned: Decimal;
  request: Decimal;
  /** want_f (step 7) */
  want: Decimal;
  /** 1 or 2 for applicants (want > 0), undefined otherwise (step 7) */
  tier?: 1 | 2;
  /** extra_f (step 7) */
  extra: Decimal;
  /** final_f (step 8) */
  final: Decimal;
  /** final_f/2 each (step 9) */
  municipalShare: Decimal;
  regionShare: Decimal;
  splitMethod: SplitMethod;
  warnings: Warning[];
  rounded: RoundedFederation;
}

/** One municipality's share of a federation's municipal part (step 9). */
export interface MunicipalContributionResult {
  federation: string;
  municipality: string;
  method: SplitMethod;
  /** the method's weights were all 0 (no inhabitants or no recipients given), so the split is equal */
  equalFallback: boolean;
  /** the municipality's share of the federation's municipal part (0..1) */
  share: Decimal;
  /**
   * the basis of its share: inhabitants 16–64 (invånare) or försörjningsstöd recipients
   * (försörjningsstöd) of its areas in the federation; undefined for lika (and recipients not given)
   */
  basis?: Decimal;
  /** exact amount: share · Kommunernas andel (rounded) */
  amount: Decimal;
  /** whole kronor, LR split of the federation's rounded Kommunernas andel */
  rounded: Decimal;
}

export type ScenarioLabel = 'Balans' | 'Överskott' | 'Underskott' | 'Underskott och överskott';

export interface AllocationResult {
  parameters: ModelParameters;
  /** In input order */
  federations: FederationResult[];
  municipalContributions: MunicipalContributionResult[];
  /** N */
  federationCount: number;
  /** ΣFM, ΣPOP */
  totalSupportMeasure: Decimal;
  totalPopulation: Decimal;
  /** T = Σ ideal (step 2) */
  pool: Decimal;
  /** P = B − T (step 2) */
  partYearRemainder: Decimal;
  /** λ (step 4/5) */
  lambda: Decimal;
  /** d' ≥ d, the applied spärr (step 5) */
  appliedMaxDecrease: Decimal;
  /** step 5 was needed */
  deficit: boolean;
  /** S after step 6 */
  surplus: Decimal;
  /** U exact (step 7) */
  undistributed: Decimal;
  scenario: { deficit: boolean; surplus: boolean; label: ScenarioLabel };
  totals: {
    /** Σ of rounded columns; final + undistributed = budget exactly */
    ideal: Decimal;
    afterFloor: Decimal;
    matched: Decimal;
    extra: Decimal;
    final: Decimal;
    undistributed: Decimal;
    municipalShare: Decimal;
    regionShare: Decimal;
  };
}

/** One problem with the model input (typed, descriptive). */
export interface ModelIssue {
  code:
    | 'BUDGET_TOO_SMALL'
    | 'NO_AREAS'
    | 'WEIGHTS_NOT_100'
    | 'NEGATIVE_AMOUNT'
    /** an amount or count above 10^15 (a typing or unit error) */
    | 'AMOUNT_TOO_LARGE'
    | 'RETURN_AND_REQUEST'
    | 'UNKNOWN_FEDERATION'
    | 'DUPLICATE_FEDERATION'
    | 'MISSING_RECIPIENTS'
    | 'INVALID_MONTHS'
    | 'INVALID_PARAMETER'
    | 'NO_FEDERATIONS'
    | 'ZERO_TOTALS'
    /** a federation or municipality without a name */
    | 'MISSING_NAME'
    /** a value that is not a finite number (or a required number that is missing) */
    | 'INVALID_NUMBER'
    /** the same Förbund + Kommun + Område twice, or the same Kommun + Område in two federations */
    | 'DUPLICATE_AREA';
  /** Swedish message */
  message: string;
  federation?: string;
  /** index into ModelInput.areas when the issue concerns an area */
  areaIndex?: number;
  /** field name of FederationInput/AreaInput/ModelParameters concerned */
  field?: string;
}

/** Thrown by allocate() with every problem of the input at once. */
export class ModelInputError extends Error {
  readonly issues: ModelIssue[];
  constructor(issues: ModelIssue[]) {
    super(issues.map((i) => i.message).join('\n'));
    this.name = 'ModelInputError';
    this.issues = issues;
  }
}
