// Public API of the allocation engine (pure TypeScript, decimal.js; no Office, DOM or Node).
// Normative model: ../../../shared/spec/allocation-model.md (copied into docs by the lead).
export * from './types';
export { allocate } from './allocate';
export {
  validateModelInput,
  prepareModelInput,
  weightsAddUpTo100,
  trappanLimitsInOrder,
  isWholeKronor,
  budgetCoversBase,
  returnsAndRequests,
  issueRows,
} from './validate';
export type { AreaClash, IssueRows } from './validate';
export {
  DEFAULT_PARAMETERS,
  defaultParameters,
  PARAMETER_SOURCES,
  PARAMETERS,
  parameterSpec,
  parameterValue,
  parameterDefault,
  modelParameters,
  TRAPPAN_BRACKETS,
} from './parameters';
export type { ParameterKey, ParameterSpec, ParameterUnit, ParameterSource } from './parameters';
export { D as EngineDecimal, EXACT_DP, MAX_AMOUNT, roundHalfUp, nameKey } from './decimal';
export { allocationKey, federationTotals, shareOfTotal } from './keys';
export type { KeyShares } from './keys';
export {
  monthsFactor,
  distributableAmount,
  keyShares,
  baseAmount,
  idealAmount,
  needAmount,
  poolAmount,
  partYearRemainder,
} from './ideal';
export { trappan, reasonableEquityBasis, hasExcessEquity } from './equity';
export {
  isProtected,
  scaledPrevious,
  floorAmount,
  afterFloorAt,
  sumAfterFloorAt,
  isLiftedToFloor,
  floorBreakpoint,
  solveLambda,
} from './floor';
export type { FloorRow, LambdaSolution } from './floor';
export { isDeficit, withoutExcessEquityProtection, solveRelaxedMaxDecrease } from './deficit';
export type { RelaxRow, RelaxedSolution } from './deficit';
export { matchingCap, matchedAmount, isCappedByMatching, cutAmount, surplusAfterMatching } from './matching';
export { wantedAmount, applicantTier, serveTier, distributeAdditionalFunds } from './surplus';
export type { AdditionalFunds } from './surplus';
export { memberShares, splitWeight, effectiveSplitWeights, splitFallsBackToEqual, splitByWeights } from './members';
export type { MunicipalityWeights } from './members';
export { hasSurplus, scenarioLabel } from './scenario';
export {
  largestRemainder,
  roundColumnToSum,
  roundMatchedColumn,
  roundExtraColumn,
  roundMunicipalShare,
  regionShareFromRounded,
  roundReasonableEquity,
} from './rounding';
export type { LargestRemainderOptions } from './rounding';
export { absorbResidual } from './exact';
export type { ResidualBounds } from './exact';
export { federationWarnings, formatWarnings } from './warnings';
export { previousYearBase, changeFromPreviousYear } from './change';
export type { YearChange } from './change';
export { matchingShortfall, moneyFlows } from './flows';
export type { MoneyFlows } from './flows';
export { WARNING_DEFINITIONS, WARNING_CODES, WARNING_TEXTS, warningMeaning, ISSUE_TEXTS } from './messages';
export { ACTION_WARNING_CODES, isActionWarning } from './messages';
export type { WarningDefinition } from './messages';
export type { WarningFacts } from './warnings';
export { formatKronor, formatPercent } from './format';
export { allocatePrepared, municipalContributionsOf, nameRanks } from './allocate';
export {
  allocateLaterRound,
  validateLaterRound,
  keptAmount,
  laterRoundPot,
  keptAboveMatchingCap,
  laterRoundFinal,
  roundKeptAmount,
  laterRoundScenarioLabel,
  LaterRoundInputError,
  LATER_ROUND_TEXTS,
} from './later-round';
export type {
  DecidedAmount,
  RecordedDecision,
  LaterRoundIssue,
  LaterRoundIssueCode,
  LaterRoundProblem,
  LaterRoundFederationResult,
  LaterRoundSummary,
  LaterRoundResult,
} from './later-round';
export {
  targetedRound,
  validateTargeted,
  resolveTargetedPot,
  applicationWant,
  isOverCap,
  splitWantOverRows,
  proposeRows,
  insatsDecision,
  divideJointAmount,
  hasTypedDecision,
  TargetedInputError,
  TARGETED_TEXTS,
  TARGETED_INSATS_TYPES,
  TARGET_GROUPS,
} from './targeted';
export type {
  TargetedInsatsType,
  TargetGroup,
  InsatsDecision,
  TargetedRowInput,
  TargetedFederationInput,
  TargetedInput,
  TargetedWarning,
  TargetedWarningCode,
  TargetedIssue,
  TargetedIssueCode,
  TargetedField,
  TargetedRowResult,
  TargetedFederationShare,
  TargetedApplicationResult,
  TargetedFigures,
  TargetedTableRow,
  TargetedResult,
} from './targeted';
export { IssuesError } from './issues-error';
