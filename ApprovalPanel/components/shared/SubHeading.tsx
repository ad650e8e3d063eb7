import * as React from "react";
import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  heading: { ...shorthands.margin(0) },
  part: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    minWidth: 0,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A heading one level below its section's heading. */
export function SubHeading({ level, id, children }: { level: 2 | 3; id?: string; children: React.ReactNode }): React.ReactElement {
  const styles = useStyles();
  return (
    <Text as={level === 2 ? "h3" : "h4"} id={id} size={300} weight="semibold" className={styles.heading}>
      {children}
    </Text>
  );
}

export interface SubSectionProps {
  /** The level of the section's own heading. */
  level: 2 | 3;
  /** For a list or table the heading names (aria-labelledby). */
  headingId?: string;
  title: React.ReactNode;
  /** Nothing to show: this line, muted, stands in for the content. */
  emptyText?: string | null;
  children?: React.ReactNode;
}

/** A titled part of a section: its sub-heading, then its content (or a muted line when there is none). */
export function SubSection({ level, headingId, title, emptyText, children }: SubSectionProps): React.ReactElement {
  const styles = useStyles();
  return (
    <div className={styles.part}>
      <SubHeading level={level} id={headingId}>
        {title}
      </SubHeading>
      {emptyText !== undefined && emptyText !== null ? <Text className={styles.muted}>{emptyText}</Text> : children}
    </div>
  );
}
