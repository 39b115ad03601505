// The pane's tab list on one line however narrow the pane: Fluent's Overflow puts the tabs that do not
// fit into a "Fler" menu (the TabList-with-overflow pattern of Fluent UI v9). The tabs are the children,
// plain <Tab> elements, so that a view is added with one more <Tab> and nothing else.
import * as React from 'react';
import {
  Button,
  makeStyles,
  mergeClasses,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  TabList,
  tokens,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from '@fluentui/react-components';
import type { SelectTabData, SelectTabEvent, TabProps } from '@fluentui/react-components';
import { PANE_TEXTS } from '../texts';

const useStyles = makeStyles({
  // One line: the tabs never wrap; what does not fit goes into the menu
  tabs: {
    flexWrap: 'nowrap',
    minWidth: 0,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    // a narrow pane: tighter tabs, so that three fit at 320 px
    '@media (max-width: 360px)': {
      '& [role=tab]': { paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
    },
  },
  more: { minWidth: 'auto', flexShrink: 0, paddingLeft: tokens.spacingHorizontalS, paddingRight: tokens.spacingHorizontalS },
});

interface TabInfo {
  value: string;
  label: React.ReactNode;
}

function OverflowMenuItem({ tab, onSelect }: { tab: TabInfo; onSelect: (value: string) => void }): React.ReactElement | null {
  const visible = useIsOverflowItemVisible(tab.value);
  if (visible) return null;
  return <MenuItem onClick={() => onSelect(tab.value)}>{tab.label}</MenuItem>;
}

function OverflowMenu({ tabs, onSelect }: { tabs: TabInfo[]; onSelect: (value: string) => void }): React.ReactElement | null {
  const styles = useStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          appearance="transparent"
          ref={ref}
          className={styles.more}
          aria-label={PANE_TEXTS.moreViews(overflowCount)}
          data-testid="more-views"
        >
          {PANE_TEXTS.more}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {tabs.map((tab) => (
            <OverflowMenuItem key={tab.value} tab={tab} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export interface PaneTabListProps {
  selectedValue: string;
  onTabSelect: (event: SelectTabEvent, data: SelectTabData) => void;
  'aria-label': string;
  className?: string;
  children: React.ReactNode;
}

/** A TabList whose tabs stay on one line; the ones that do not fit are offered in a menu. */
export function PaneTabList({ selectedValue, onTabSelect, className, children, ...rest }: PaneTabListProps): React.ReactElement {
  const styles = useStyles();
  const tabs: TabInfo[] = [];
  const items = React.Children.map(children, (child) => {
    if (!React.isValidElement<TabProps>(child)) return child;
    const value = String(child.props.value);
    tabs.push({ value, label: child.props.children as React.ReactNode });
    return (
      // the selected tab is the last to go into the menu
      <OverflowItem id={value} priority={value === selectedValue ? 2 : 1}>
        {child}
      </OverflowItem>
    );
  });
  const select = (value: string) => onTabSelect({} as SelectTabEvent, { value } as SelectTabData);
  // Overflow measures the tabs: where nothing has a width (no layout yet, or a DOM without layout such
  // as jsdom) every tab would count as not fitting, so the plain tab list is shown until the pane has a width.
  const probe = React.useRef<HTMLDivElement>(null);
  const [measurable, setMeasurable] = React.useState(false);
  React.useLayoutEffect(() => {
    setMeasurable((probe.current?.getBoundingClientRect().width ?? 0) > 0);
  }, []);
  if (!measurable) {
    return (
      <div ref={probe}>
        <TabList
          className={mergeClasses(styles.tabs, className)}
          selectedValue={selectedValue}
          onTabSelect={onTabSelect}
          aria-label={rest['aria-label']}
        >
          {children}
        </TabList>
      </div>
    );
  }
  return (
    <Overflow minimumVisible={1}>
      <TabList
        className={mergeClasses(styles.tabs, className)}
        selectedValue={selectedValue}
        onTabSelect={onTabSelect}
        aria-label={rest['aria-label']}
      >
        {items}
        <OverflowMenu tabs={tabs} onSelect={select} />
      </TabList>
    </Overflow>
  );
}
