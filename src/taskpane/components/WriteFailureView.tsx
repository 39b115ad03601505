// A write that did not complete (issue 15): what the workbook holds now, in words, with the ways out.
import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { WriteFailure } from '../controller';
import { WRITE_FAILURE_ACTIONS, WRITE_FAILURE_TEXTS } from '../texts';

/**
 * A write that did not complete: what the workbook holds now, in words, with the ways out (run again;
 * remove the partial output). Never a summary: the run was not written.
 */
export function WriteFailureView(props: {
  failure: WriteFailure;
  busy: boolean;
  onCalculate: () => void;
  onRemove: () => void;
}): React.ReactElement {
  const { state, error, hadOutput } = props.failure;
  const title = WRITE_FAILURE_TEXTS[state].title;
  const body = WRITE_FAILURE_TEXTS[state].body(hadOutput);
  return (
    <MessageBar intent="error" layout="multiline" data-testid="write-failed" data-state={state}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {error.replace(/\.$/, '')}. {body}
      </MessageBarBody>
      <MessageBarActions>
        <Button disabledFocusable={props.busy} onClick={props.onCalculate}>
          {WRITE_FAILURE_ACTIONS.calculateAgain}
        </Button>
        {state !== 'unchanged' && (
          <Button disabledFocusable={props.busy} onClick={props.onRemove}>
            {WRITE_FAILURE_ACTIONS.removePartial}
          </Button>
        )}
      </MessageBarActions>
    </MessageBar>
  );
}
