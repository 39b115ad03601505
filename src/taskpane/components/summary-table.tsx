// What the pane's tables share (the summary's, Kontrollera's, Riktade medel's, the decisions'): amounts
// right-aligned in tabular figures, rows that wrap onto two lines in a narrow pane, the change from last
// year in kronor over its percentage. A table's own layout stays in its file.
import * as React from 'react';
import { Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { PANE_TEXTS, signedKronor, signedShare } from '../texts';

/**
 * Below this pane width a row takes two lines: the name over the whole width (a name such as
 * "Samordningsförbundet Vitsippesjöarna" needs its room to wrap between words), the amounts under it.
 * The table is made of ARIA-role elements (noNativeElements), so that its rows can wrap.
 */
export const NARROW = '@media (max-width: 419px)';

export const useTableStyles = makeStyles({
  row: { flexWrap: 'wrap', [NARROW]: { paddingBottom: tokens.spacingVerticalXS } },
  nameCell: { flex: '1 1 0', minWidth: 0, [NARROW]: { flexBasis: '100%' } },
  amountCell: { flex: '0 0 9em', justifyContent: 'flex-end', [NARROW]: { flex: '1 1 0' } },
  changeCell: { flex: '0 0 8.5em', justifyContent: 'flex-end', [NARROW]: { flex: '1 1 0' } },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  headerEnd: { justifyContent: 'flex-end', textAlign: 'right' },
  stacked: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' },
  muted: { color: tokens.colorNeutralForeground2 },
  groupRow: { backgroundColor: tokens.colorNeutralBackground3 },
  groupCell: {
    flex: '1 1 100%',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
  },
});

export function Change({ change, share }: { change: number | null; share: number | null }): React.ReactElement {
  const styles = useTableStyles();
  if (change === null)
    return (
      <Caption1 className={styles.muted} data-testid="change-kr">
        {PANE_TEXTS.newFederationShort}
      </Caption1>
    );
  return (
    <span className={styles.stacked}>
      <Text data-testid="change-kr">{signedKronor(change)}</Text>
      {share !== null && (
        <Caption1 className={styles.muted} data-testid="change-share">
          {signedShare(share)}
        </Caption1>
      )}
    </span>
  );
}
