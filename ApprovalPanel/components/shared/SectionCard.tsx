import * as React from "react";
import { makeStyles, shorthands, Text, tokens, useId } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalM),
    ...shorthands.padding(tokens.spacingVerticalM, tokens.spacingHorizontalL),
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    ...shorthands.gap(tokens.spacingHorizontalM, tokens.spacingVerticalS),
  },
  heading: {
    ...shorthands.margin(0),
  },
});

export interface SectionCardProps {
  /** Visible heading; also the accessible name of the region. */
  title: string;
  /** h2 by default; the root may nest sections under its own h2. */
  headingLevel?: 2 | 3;
  /** Controls shown next to the heading (e.g. a switch). */
  headerActions?: React.ReactNode;
  children?: React.ReactNode;
}

/** A labelled region: `<section aria-labelledby>` with a heading, so assistive tech lists it as a landmark. */
export function SectionCard({ title, headingLevel = 2, headerActions, children }: SectionCardProps): React.ReactElement {
  const styles = useStyles();
  const headingId = useId("apnl-section-");
  return (
    <section aria-labelledby={headingId} className={styles.root}>
      <div className={styles.header}>
        <Text as={headingLevel === 2 ? "h2" : "h3"} id={headingId} size={400} weight="semibold" className={styles.heading}>
          {title}
        </Text>
        {headerActions}
      </div>
      {children}
    </section>
  );
}
