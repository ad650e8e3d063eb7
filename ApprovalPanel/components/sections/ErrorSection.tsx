import * as React from "react";
import { Button, makeStyles, shorthands, tokens, useId } from "@fluentui/react-components";
import { readableErrorMessage } from "../../domain/errorMessage";
import { SectionCard } from "../shared/SectionCard";
import type { Translate } from "../shared/text";

const useStyles = makeStyles({
  summary: {
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    color: tokens.colorPaletteRedForeground1,
  },
  toggle: { alignSelf: "flex-start" },
  details: {
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    maxHeight: "20rem",
    overflowY: "auto",
    ...shorthands.padding(tokens.spacingVerticalS, tokens.spacingHorizontalM),
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

export interface ErrorSectionProps {
  /** errormessage: may hold raw fault XML; shown as text only. */
  errorMessage: string | null | undefined;
  t: Translate;
  headingLevel?: 2 | 3;
}

/** The run's error: a readable summary, the rest behind "Show details". Renders nothing when there is no error. */
function ErrorSectionView({ errorMessage, t, headingLevel }: ErrorSectionProps): React.ReactElement | null {
  const styles = useStyles();
  const detailsId = useId("apnl-error-details-");
  const [open, setOpen] = React.useState(false);
  const readable = React.useMemo(() => readableErrorMessage(errorMessage), [errorMessage]);
  if (readable === null) return null;
  return (
    <SectionCard title={t("Section_Error")} headingLevel={headingLevel}>
      {/* The host's (usually English) message: its own direction inside a right-to-left form. */}
      <div className={styles.summary} dir="auto">
        {readable.summary}
      </div>
      {readable.details ? (
        <>
          <Button
            className={styles.toggle}
            size="small"
            appearance="secondary"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((value) => !value)}
          >
            {open ? t("Error_HideDetails") : t("Error_ShowDetails")}
          </Button>
          {/* Focusable so keyboard users can scroll long details. */}
          <div id={detailsId} hidden={!open} className={styles.details} role="group" aria-label={t("Error_DetailsLabel")} tabIndex={0} dir="auto">
            {readable.details}
          </div>
        </>
      ) : null}
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const ErrorSection = React.memo(ErrorSectionView);
