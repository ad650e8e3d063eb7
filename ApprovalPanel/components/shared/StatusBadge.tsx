import * as React from "react";
import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { StatusTone } from "../../domain/status";

export interface StatusBadgeProps {
  tone: StatusTone;
  label: string;
}

const useStyles = makeStyles({
  // Fluent's Badge has a fixed height; host labels such as "Pending Approval" wrap in narrow
  // table cells and would spill out of it. Let the badge grow with its text instead.
  badge: {
    height: "auto",
    minHeight: tokens.lineHeightBase200,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    textAlign: "center",
  },
});

/** A tinted badge whose text carries the meaning; the colour only repeats it. StatusTone names are Badge colours. */
export function StatusBadge({ tone, label }: StatusBadgeProps): React.ReactElement {
  const styles = useStyles();
  return (
    <Badge appearance="tint" color={tone} shape="rounded" className={styles.badge}>
      {label}
    </Badge>
  );
}
