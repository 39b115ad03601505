// The pane's tab list on one line however narrow the pane: the tabs never wrap, and where they do not
// fit the list scrolls sideways. The tabs are the children, plain <Tab> elements, so that a view is
// added with one more <Tab> and nothing else.
import * as React from 'react';
import { makeStyles, mergeClasses, TabList, tokens } from '@fluentui/react-components';
import type { SelectTabData, SelectTabEvent } from '@fluentui/react-components';

const useStyles = makeStyles({
  tabs: {
    flexWrap: 'nowrap',
    minWidth: 0,
    overflowX: 'auto',
    overflowY: 'hidden',
    whiteSpace: 'nowrap',
    scrollbarWidth: 'thin',
    '& [role=tab]': { flexShrink: 0 },
    // a narrow pane: tighter tabs, so that more fit at 320 px
    '@media (max-width: 360px)': {
      '& [role=tab]': { paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
    },
  },
});

export interface PaneTabListProps {
  selectedValue: string;
  onTabSelect: (event: SelectTabEvent, data: SelectTabData) => void;
  'aria-label': string;
  className?: string;
  children: React.ReactNode;
}

/**
 * A TabList on one line. (Fluent's Overflow with a "Fler" menu was tried: it put a button among the
 * tabs, which a tablist may not hold, and hid tabs that people look for by name.)
 */
export function PaneTabList({ selectedValue, onTabSelect, className, children, ...rest }: PaneTabListProps): React.ReactElement {
  const styles = useStyles();
  return (
    <TabList
      className={mergeClasses(styles.tabs, className)}
      selectedValue={selectedValue}
      onTabSelect={onTabSelect}
      aria-label={rest['aria-label']}
    >
      {children}
    </TabList>
  );
}
