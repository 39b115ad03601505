// The run's warnings that lead somewhere: each opens the list of its federations, and a federation's
// name selects its row on Förbund. Those that need action come first, under their own heading, apart
// from the informational ones (normal outcomes of the rules).
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Caption1,
  Link,
  List,
  ListItem,
  makeStyles,
  Body1Strong,
  Text,
  tokens,
} from '@fluentui/react-components';
import { formatNumber } from '../../workbook/format';
import type { WarningFederation, WarningGroup } from '../summary-model';
import { PANE_TEXTS } from '../texts';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  header: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', minWidth: 0 },
  code: { color: tokens.colorNeutralForeground3 },
  // Action warnings are marked on their edge in the warning colour (not by colour alone: they also have their own heading)
  actionItem: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  infoItem: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke2}` },
  federations: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingLeft: 0, margin: 0 },
  federation: { listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  text: { color: tokens.colorNeutralForeground2 },
  subheading: { margin: 0 },
});

function WarningItem({
  group,
  onSelect,
  disabled,
}: {
  group: WarningGroup;
  onSelect: (f: WarningFederation) => void;
  disabled?: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const count = group.federations.length;
  return (
    <AccordionItem
      value={group.code}
      className={group.action ? styles.actionItem : styles.infoItem}
      data-code={group.code}
      data-action={String(group.action)}
      data-testid="warning"
    >
      <AccordionHeader>
        <span className={styles.header}>
          <Text data-testid="warning-meaning">{group.meaning}</Text>
          <Caption1 className={styles.code}>({group.code})</Caption1>
          <Badge
            appearance={group.action ? 'filled' : 'tint'}
            color={group.action ? 'warning' : 'informative'}
            data-testid="warning-count"
            data-count={count}
          >
            {PANE_TEXTS.federationCount(formatNumber(count))}
          </Badge>
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <List className={styles.federations} aria-label={PANE_TEXTS.warningFederations(group.meaning)}>
          {group.federations.map((f) => (
            <ListItem key={f.name} className={styles.federation} data-federation={f.name}>
              {f.row === undefined ? (
                <Text weight="semibold">{f.name}</Text>
              ) : (
                <Link as="button" onClick={() => onSelect(f)} disabled={disabled} aria-label={PANE_TEXTS.goToFederation(f.name)}>
                  {f.name}
                </Link>
              )}
              {f.text && <Caption1 className={styles.text}>{f.text}</Caption1>}
            </ListItem>
          ))}
        </List>
      </AccordionPanel>
    </AccordionItem>
  );
}

export function WarningList({
  groups,
  onSelect,
  disabled,
}: {
  groups: WarningGroup[];
  onSelect: (f: WarningFederation) => void;
  disabled?: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const action = groups.filter((g) => g.action);
  const info = groups.filter((g) => !g.action);
  const actionId = React.useId();
  const infoId = React.useId();
  return (
    <div className={styles.column} data-testid="warnings">
      {groups.length === 0 && <Text>{PANE_TEXTS.noWarnings}</Text>}
      {action.length > 0 && (
        <section className={styles.column} aria-labelledby={actionId} data-testid="warnings-action">
          <Body1Strong as="h3" id={actionId} className={styles.subheading}>
            {PANE_TEXTS.actionWarnings}
          </Body1Strong>
          <Accordion multiple collapsible>
            {action.map((g) => (
              <WarningItem key={g.code} group={g} onSelect={onSelect} disabled={disabled} />
            ))}
          </Accordion>
        </section>
      )}
      {info.length > 0 && (
        <section className={styles.column} aria-labelledby={infoId} data-testid="warnings-info">
          <Body1Strong as="h3" id={infoId} className={styles.subheading}>
            {PANE_TEXTS.infoWarnings}
          </Body1Strong>
          <Accordion multiple collapsible>
            {info.map((g) => (
              <WarningItem key={g.code} group={g} onSelect={onSelect} disabled={disabled} />
            ))}
          </Accordion>
        </section>
      )}
    </div>
  );
}
