// Federation statements: the statement model (host-neutral, Swedish) and its A4 PDF.
// spec: docs/model.md §U2. No Node, DOM or Office imports.
export { federationStatement, partialReason, tierRatio, statementDate, withSection, WARNING_TITLES } from './statement';
export type {
  Statement,
  StatementAnswer,
  StatementContext,
  StatementLine,
  StatementSection,
  StatementSectionId,
} from './statement';
export { statementText } from './text';
export { statementPdf, statementFileName, wrapText, wrapWords } from './pdf';
