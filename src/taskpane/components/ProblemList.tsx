// The problems of a workbook that could not be run: each with its cell, a click selects the cell.
import * as React from 'react';
import {
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
import { PANE_TEXTS } from '../texts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  problems: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: 0, margin: 0 },
  problem: { listStyleType: 'none' },
});

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
        Fel att rätta
      </Subtitle2>
      <List className={styles.problems} aria-labelledby={headingId} data-testid="problem-list">
        {props.problems.map((p, i) => (
          <ListItem key={`${p.address}-${i}`} className={styles.problem}>
            {props.canSelect && !props.canSelect(p) ? (
              <Text weight="semibold">{p.address}</Text>
            ) : (
              <Link
                as="button"
                onClick={() => props.onSelect(p)}
                disabled={props.disabled}
                aria-label={`Gå till ${p.address}: ${p.message}`}
              >
                {p.address}
              </Link>
            )}
            <Text>: {p.message}</Text>
          </ListItem>
        ))}
      </List>
    </div>
  );
}
