// The views loaded when first opened, each in its own chunk: the pane's first bundle holds Beräkna
// only (issue 10's budget: under 250 KB gzipped; `npm run bench`, taskpane_bundle_gzip_kb). What a
// view alone needs (Förklara's combobox, Parametrar's spin buttons, Kontrollera's table, the round's
// split and merge) comes with it. docs/decisions.md "The pane's bundle budget".
import * as React from 'react';
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { PANE_TEXTS } from './texts';

/** Förklara */
export const ExplainView = React.lazy(() =>
  import(/* webpackChunkName: "forklara" */ './views/ExplainView').then((m) => ({ default: m.ExplainView })),
);
/** Parametrar */
export const ParametersView = React.lazy(() =>
  import(/* webpackChunkName: "parametrar" */ './views/ParametersView').then((m) => ({ default: m.ParametersView })),
);
/** Kontrollera (Beräkna's place on a regional workbook) */
export const CheckView = React.lazy(() =>
  import(/* webpackChunkName: "kontrollera" */ './views/CheckView').then((m) => ({ default: m.CheckView })),
);
/** Riktade medel */
export const TargetedView = React.lazy(() => import(/* webpackChunkName: "riktade" */ './views/TargetedView'));
/** Omgång (Dela upp, Hämta svar) */
export const RoundView = React.lazy(() => import(/* webpackChunkName: "omgang" */ './views/RoundView'));

const useStyles = makeStyles({
  loading: { alignSelf: 'flex-start', paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
});

/** A lazy view, with a spinner in its place while its code loads (once per view and session). */
export function LazyView({ children }: { children: React.ReactNode }): React.ReactElement {
  const styles = useStyles();
  return (
    <React.Suspense
      fallback={<Spinner className={styles.loading} size="small" labelPosition="after" label={PANE_TEXTS.loadingView} />}
    >
      {children}
    </React.Suspense>
  );
}
