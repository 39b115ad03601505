// The native Excel chart written with a run: ideal vs final allocation per federation. The plan
// places it (WritePlan.chart, src/workbook/plan.ts); office-host.ts draws it.
export { RUN_CHART_TITLE as CHART_TITLE } from '../workbook/types';
