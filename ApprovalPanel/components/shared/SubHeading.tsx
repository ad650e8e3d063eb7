import * as React from "react";
import { makeStyles, shorthands, Text } from "@fluentui/react-components";

const useStyles = makeStyles({
  heading: { ...shorthands.margin(0) },
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
