// The problems of a workbook that could not be run: each with its cell, the federation and column it
// concerns, and "Menade du …?" when the reader has a suggestion; a click selects the cell (the pane
// never rewrites the person's cell).
import * as React from 'react';
import {
  Button,
  Caption1,
  Link,
  List,
  ListItem,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { formatNumber } from '../../workbook/format';
import type { Problem } from '../../workbook/types';
import { topLeftCell } from '../../workbook/address';
import { PANE_TEXTS, PROBLEM_LIST_TEXTS } from '../texts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  problems: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingLeft: 0, margin: 0 },
  problem: { listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  where: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  context: { color: tokens.colorNeutralForeground2 },
  suggestion: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  more: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
});

/** "Förbund Norrby · kolumn Eget kapital (kr)", from what the problem carries ('' when nothing). */
function contextText(p: Problem): string {
  return [p.federation ? PANE_TEXTS.problemFederation(p.federation) : '', p.header ? PANE_TEXTS.problemColumn(p.header) : '']
    .filter(Boolean)
    .join(' · ');
}

/** A problem at another of its cells ("Kommuner!A9"): the same problem with that address. */
function atAddress(p: Problem, address: string): Problem | undefined {
  const bang = address.lastIndexOf('!');
  const sheetPart =
    bang < 0
      ? p.sheet
      : address
          .slice(0, bang)
          .replace(/^'(.*)'$/, '$1')
          .replace(/''/g, "'");
  const cell = topLeftCell(address);
  return cell ? { ...p, sheet: sheetPart, row: cell.row + 1, column: cell.column + 1, address } : undefined;
}

/** Further cells of one cause shown as links (the rest counted) */
const MORE_SHOWN = 8;

export function ProblemList(props: {
  problems: Problem[];
  onSelect: (p: Problem) => void;
  /** Problems whose cell cannot be selected (a missing sheet) are shown without a link */
  canSelect?: (p: Problem) => boolean;
  disabled?: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const count = props.problems.length;
  const headingId = React.useId();
  // Problems on a missing sheet have no cell to go to: only mention the links when there is one
  const anySelectable = props.problems.some((p) => !props.canSelect || props.canSelect(p));
  return (
    <div className={styles.column}>
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>{PANE_TEXTS.problemsTitle(formatNumber(count))}</MessageBarTitle>
          {PANE_TEXTS.problemsBody(anySelectable)}
        </MessageBarBody>
      </MessageBar>
      <Subtitle2 as="h2" id={headingId}>
        {PROBLEM_LIST_TEXTS.title}
      </Subtitle2>
      <List className={styles.problems} aria-labelledby={headingId} data-testid="problem-list">
        {props.problems.map((p, i) => {
          const selectable = !props.canSelect || props.canSelect(p);
          const context = contextText(p);
          const others = (p.addresses ?? []).filter((a) => a !== p.address);
          return (
            <ListItem key={`${p.address}-${i}`} className={styles.problem} data-testid="problem">
              <span className={styles.where}>
                {selectable ? (
                  <Link
                    as="button"
                    onClick={() => props.onSelect(p)}
                    disabled={props.disabled}
                    aria-label={PROBLEM_LIST_TEXTS.goTo(p.address, p.message)}
                  >
                    {p.address}
                  </Link>
                ) : (
                  <Text weight="semibold">{p.address}</Text>
                )}
                {context && (
                  <Caption1 className={styles.context} data-testid="problem-context">
                    {context}
                  </Caption1>
                )}
              </span>
              <Text data-testid="problem-message">{p.message}</Text>
              {p.suggestion && (
                <span className={styles.suggestion} data-testid="problem-suggestion">
                  {/* said once: the reader's message may already ask it */}
                  {!p.message.includes(p.suggestion) && <Text>{PANE_TEXTS.didYouMean(p.suggestion)}</Text>}
                  {selectable && (
                    <Button size="small" onClick={() => props.onSelect(p)} disabled={props.disabled}>
                      {PANE_TEXTS.selectCellToFix(p.address)}
                    </Button>
                  )}
                </span>
              )}
              {others.length > 0 && (
                <span className={styles.more} data-testid="problem-more">
                  <Caption1>{PANE_TEXTS.alsoAt(others.length)}</Caption1>
                  {others.slice(0, MORE_SHOWN).map((address) => {
                    const q = atAddress(p, address);
                    return q && selectable ? (
                      <Link key={address} as="button" onClick={() => props.onSelect(q)} disabled={props.disabled}>
                        <Caption1>{address}</Caption1>
                      </Link>
                    ) : (
                      <Caption1 key={address}>{address}</Caption1>
                    );
                  })}
                  {others.length > MORE_SHOWN && <Caption1>{PANE_TEXTS.andMore(others.length - MORE_SHOWN)}</Caption1>}
                </span>
              )}
            </ListItem>
          );
        })}
      </List>
    </div>
  );
}
