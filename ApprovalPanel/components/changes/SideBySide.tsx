import * as React from "react";
import { Button, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import type { ComponentChange } from "../../solution/diff";
import { TECHNICAL_TEXT } from "../shared/styles";
import { formatText, type Translate } from "../shared/text";
import type { ChangesStyles } from "./changes.styles";
import { sideBySideRows } from "./sideBySideRows";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    maxHeight: "60vh",
    overflowY: "auto",
    ...shorthands.border(tokens.strokeWidthThin, "solid", tokens.colorNeutralStroke2),
    ...shorthands.borderRadius(tokens.borderRadiusMedium),
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    tableLayout: "fixed",
  },
  caption: {
    textAlign: "start",
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  head: {
    textAlign: "start",
    ...shorthands.padding(tokens.spacingVerticalXS, tokens.spacingHorizontalS),
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  cell: {
    ...TECHNICAL_TEXT,
    verticalAlign: "top",
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    ...shorthands.padding(tokens.spacingVerticalXXS, tokens.spacingHorizontalS),
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: "solid",
    borderTopColor: tokens.colorNeutralStroke3,
  },
  // A differing line: a marker and words (for screen readers), a heavier weight and a tint, so colour is never the only cue.
  removed: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  added: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  marker: {
    display: "inline-block",
    minWidth: tokens.spacingHorizontalL,
    fontWeight: tokens.fontWeightBold,
  },
});

function Cell({ text, side, differs, t }: { text: string | null; side: "before" | "after"; differs: boolean; t: Translate }): React.ReactElement {
  const styles = useStyles();
  const marked = differs && text !== null;
  return (
    <td className={mergeClasses(styles.cell, marked && (side === "before" ? styles.removed : styles.added))} dir="ltr">
      {marked ? (
        <span className={styles.marker} aria-label={t(side === "before" ? "changes.sideBySide.removedLine" : "changes.sideBySide.addedLine")} role="img">
          {side === "before" ? "−" : "+"}
        </span>
      ) : (
        <span className={styles.marker} aria-hidden="true" />
      )}
      {text ?? ""}
    </td>
  );
}

/**
 * A changed component's text before and after, line by line, the differing lines marked. Nothing is computed until the
 * approver asks (a large form's text can run to thousands of lines).
 */
export function SideBySide({
  change,
  versions,
  styles: sectionStyles,
  t,
}: {
  change: ComponentChange;
  versions: { before: string; after: string };
  styles: ChangesStyles;
  t: Translate;
}): React.ReactElement {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const computed = React.useMemo(() => (open ? sideBySideRows(change) : null), [open, change]);
  const rows = computed?.rows ?? null;
  const name = change.current.name || change.current.key;
  return (
    <div className={sectionStyles.part} data-side-by-side={open ? "open" : "closed"}>
      <div>
        <Button
          size="small"
          appearance="subtle"
          aria-expanded={open}
          aria-label={open ? undefined : formatText(t("changes.sideBySide.showLabel"), name)}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? t("changes.sideBySide.hide") : t("changes.sideBySide.show")}
        </Button>
      </div>
      {rows !== null ? (
        rows.length === 0 ? (
          <span className={sectionStyles.text}>{t("changes.sideBySide.unavailable")}</span>
        ) : (
          <div className={styles.scroller} tabIndex={0} role="region" aria-label={formatText(t("changes.sideBySide.caption"), name)}>
            <table className={styles.table}>
              <caption className={styles.caption}>{formatText(t("changes.sideBySide.caption"), name)}</caption>
              <thead>
                <tr>
                  <th scope="col" className={styles.head}>
                    {formatText(t("changes.sideBySide.before"), versions.before)}
                  </th>
                  <th scope="col" className={styles.head}>
                    {formatText(t("changes.sideBySide.after"), versions.after)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={index} data-differs={row.differs ? "true" : undefined}>
                    <Cell text={row.before} side="before" differs={row.differs} t={t} />
                    <Cell text={row.after} side="after" differs={row.differs} t={t} />
                  </tr>
                ))}
              </tbody>
            </table>
            {computed?.truncated ? <span className={sectionStyles.text}>{t("changes.sideBySide.truncated")}</span> : null}
          </div>
        )
      ) : null}
    </div>
  );
}
