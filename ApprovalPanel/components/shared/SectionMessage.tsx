import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface SectionMessageProps {
  intent: "error" | "warning" | "info";
  /** Short, bold first line (optional). */
  title?: string;
  message: string;
  /** Extra text such as the server's own message, shown as plain text. */
  detail?: string | null;
  /** When given, a Retry button is shown. */
  onRetry?: () => void;
  retryLabel?: string;
}

/**
 * "This part could not be shown" inside one section, so one failure never blanks the panel.
 * layout="multiline": the "auto" layout measures itself with ResizeObserver, which older hosts and jsdom lack.
 */
export function SectionMessage({ intent, title, message, detail, onRetry, retryLabel }: SectionMessageProps): React.ReactElement {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {message}
        {detail ? <div>{detail}</div> : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            {retryLabel}
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
