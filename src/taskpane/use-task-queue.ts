// The pane's requests to Excel, one after the other (never two at once), with progress and errors in
// the pane's state.
import * as React from 'react';
import type { PaneAction } from './state';
import { excelErrorText } from './controller';

/** Runs a task: its label, the work (which may change the label as it goes), quiet or blocking. */
export type RunTask = (
  label: string,
  action: (setLabel: (label: string) => void) => Promise<void>,
  options?: { quiet?: boolean },
) => Promise<void>;

/**
 * A blocking task (writing, computing) makes the buttons inactive — they keep focus (disabledFocusable)
 * — and another blocking action asked for meanwhile is ignored; a quiet task (reading what a view
 * shows, selecting a cell) disables nothing, and what is asked meanwhile waits for it. `running` tells
 * whether a blocking task runs (selection events are ignored then).
 */
export function useTaskQueue(dispatch: React.Dispatch<PaneAction>): { task: RunTask; running: React.RefObject<boolean> } {
  const running = React.useRef(false);
  const queue = React.useRef<Promise<void>>(Promise.resolve());
  const task = React.useCallback<RunTask>(
    (label, action, options = {}) => {
      const quiet = options.quiet === true;
      if (!quiet) {
        if (running.current) return Promise.resolve();
        running.current = true;
        dispatch({ type: 'progress', quiet, label });
      }
      const setLabel = (l: string | undefined) => dispatch({ type: 'progress', quiet, label: l });
      const run = async () => {
        dispatch({ type: 'taskStarted', quiet, label });
        try {
          await action(setLabel);
        } catch (e) {
          dispatch({ type: 'taskFailed', error: excelErrorText(e) });
        } finally {
          if (!quiet) running.current = false;
          setLabel(undefined);
        }
      };
      const next = queue.current.then(run);
      queue.current = next;
      return next;
    },
    [dispatch],
  );
  return { task, running };
}
