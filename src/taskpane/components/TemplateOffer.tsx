import * as React from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { TEMPLATE_OFFER_TEXTS } from '../texts';

/** A warning that input sheets are missing, with the button that inserts the template sheets. */
export function TemplateOffer(props: {
  title: string;
  children: React.ReactNode;
  busy: boolean;
  onInsertTemplate: () => void;
}): React.JSX.Element {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.children}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={props.onInsertTemplate} disabledFocusable={props.busy}>
          {TEMPLATE_OFFER_TEXTS.insert}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
