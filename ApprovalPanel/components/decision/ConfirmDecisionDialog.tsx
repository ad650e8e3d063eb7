import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  FluentProvider,
  makeStyles,
  mergeClasses,
  shorthands,
  Text,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { ApprovalStatusValue, type DecisionValue } from "../../domain/types";
import { TOUCH_TARGET } from "../shared/styles";
import type { Translate } from "../shared/text";

const useStyles = makeStyles({
  // The inner provider must not paint its own box inside the surface.
  provider: { backgroundColor: "transparent" },
  touch: {
    // The same touch target as the panel on phones.
    "& button": { minHeight: TOUCH_TARGET, minWidth: TOUCH_TARGET },
  },
  content: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalS),
  },
  quote: {
    ...shorthands.margin(0),
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
    // Logical: the bar sits at the start of the line, on the right in right-to-left languages.
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorNeutralStroke1,
    backgroundColor: tokens.colorNeutralBackground3,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
});

export interface ConfirmDecisionDialogProps {
  /** The decision to confirm; null keeps the dialog closed. */
  decision: DecisionValue | null;
  comment: string;
  adminNote: string;
  t: Translate;
  theme: Theme;
  dir: "ltr" | "rtl";
  /** Touch-sized buttons (phones). */
  touch?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * "Approve this deployment?" with the comment the requester will read. The surface is portaled out of the panel,
 * so it gets its own FluentProvider to carry the host's theme and direction.
 */
export function ConfirmDecisionDialog({
  decision,
  comment,
  adminNote,
  t,
  theme,
  dir,
  touch,
  onConfirm,
  onCancel,
}: ConfirmDecisionDialogProps): React.ReactElement {
  const styles = useStyles();
  // While the dialog fades out (decision already null, the form cleared), it keeps showing what was confirmed: it
  // used to flash "Reject this deployment?" and "No comment." after an approval.
  const shown = React.useRef({ decision, comment, adminNote });
  if (decision !== null) shown.current = { decision, comment, adminNote };
  const approve = shown.current.decision === ApprovalStatusValue.Approved;
  const trimmedComment = shown.current.comment.trim();
  const trimmedNote = shown.current.adminNote.trim();
  return (
    <Dialog
      open={decision !== null}
      modalType="alert"
      onOpenChange={(_event, data) => {
        if (!data.open) onCancel();
      }}
    >
      <DialogSurface>
        <FluentProvider theme={theme} dir={dir} className={mergeClasses(styles.provider, touch && styles.touch)}>
          <DialogBody>
            <DialogTitle>{approve ? t("Confirm_ApproveTitle") : t("Confirm_RejectTitle")}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>{approve ? t("Confirm_ApproveBody") : t("Confirm_RejectBody")}</Text>
              <Text weight="semibold">{t("Confirm_CommentLabel")}</Text>
              {trimmedComment !== "" ? (
                <blockquote className={styles.quote} dir="auto">
                  {trimmedComment}
                </blockquote>
              ) : (
                <Text italic>{t("Confirm_NoComment")}</Text>
              )}
              {trimmedNote !== "" ? (
                <>
                  <Text weight="semibold">{t("Confirm_AdminNoteLabel")}</Text>
                  <blockquote className={styles.quote} dir="auto">
                    {trimmedNote}
                  </blockquote>
                </>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={onConfirm}>
                {t("Confirm_Confirm")}
              </Button>
              <Button appearance="secondary" onClick={onCancel}>
                {t("Confirm_Cancel")}
              </Button>
            </DialogActions>
          </DialogBody>
        </FluentProvider>
      </DialogSurface>
    </Dialog>
  );
}
