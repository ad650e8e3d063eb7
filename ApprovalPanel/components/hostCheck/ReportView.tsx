import * as React from "react";
import { Badge, mergeClasses, Text, type BadgeProps } from "@fluentui/react-components";
import type { HostCheckItem, HostCheckOutcome, HostCheckReport } from "../../domain/hostCheck";
import { formatText, type FormatDateTime, type Translate } from "../shared/text";
import { useHostCheckStyles as useStyles } from "./hostCheck.styles";
import { approvalColumnsText, countsText, effectText, groupTextKey, itemsByGroup, outcomeTextKey } from "./hostCheckText";

/** Badge colours: the word beside the colour carries the meaning. */
const OUTCOME_COLOR: Readonly<Record<HostCheckOutcome, NonNullable<BadgeProps["color"]>>> = {
  confirmed: "success",
  missing: "danger",
  different: "warning",
  unchecked: "informative",
};

function ItemRow({ item, t }: { item: HostCheckItem; t: Translate }): React.ReactElement {
  const styles = useStyles();
  return (
    <li className={styles.item} data-host-check-item={item.id} data-outcome={item.outcome}>
      <div className={styles.head}>
        <Badge appearance="tint" shape="rounded" color={OUTCOME_COLOR[item.outcome]} className={styles.badge}>
          {t(outcomeTextKey(item.outcome))}
        </Badge>
        <Text size={200} className={styles.muted}>
          {t(groupTextKey(item.group))}
        </Text>
        <span dir="ltr" className={styles.technical}>
          {item.subject}
        </span>
      </div>
      {item.expected !== undefined || item.found !== undefined ? (
        <div className={styles.values}>
          {item.expected !== undefined ? (
            <span className={styles.value}>
              <span className={styles.term}>{t("HostCheck_Expected")}</span>
              <span dir="ltr" className={styles.technical}>
                {item.expected}
              </span>
            </span>
          ) : null}
          {item.found !== undefined ? (
            <span className={styles.value}>
              <span className={styles.term}>{t("HostCheck_Found")}</span>
              <span dir="ltr" className={styles.technical}>
                {item.found}
              </span>
            </span>
          ) : null}
        </div>
      ) : null}
      <Text className={styles.text}>{effectText(item, t)}</Text>
    </li>
  );
}

function ConfirmedRow({ item }: { item: HostCheckItem }): React.ReactElement {
  const styles = useStyles();
  // What was found is worth a glance where it is not just the expected value again (labels, a privilege's depth).
  const detail = item.found !== undefined && item.found !== item.expected ? item.found : item.effect === "optionsShown" ? item.effectArg : undefined;
  return (
    <li className={styles.confirmedRow} data-host-check-item={item.id} data-outcome={item.outcome}>
      <span dir="ltr" className={styles.technical}>
        {item.subject}
      </span>
      {detail !== undefined ? (
        <span dir="ltr" className={mergeClasses(styles.technical, styles.muted)}>
          {detail}
        </span>
      ) : null}
    </li>
  );
}
/**
 * What needs attention first, as cards with what the panel does about each; then, per group and folded away, what
 * holds. An admin reads the few lines that matter without scrolling past fifty that say "as assumed".
 */
export function ReportView({
  report,
  checkedOn,
  actions,
  t,
  locale,
  formatDateTime,
}: {
  report: HostCheckReport;
  checkedOn: string;
  actions: React.ReactNode;
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
}): React.ReactElement {
  const styles = useStyles();
  const groups = itemsByGroup(report);
  const attention = groups.flatMap(({ items }) => items.filter((i) => i.outcome !== "confirmed"));
  return (
    <>
      <Text className={styles.summary}>{countsText(report, t, locale)}</Text>
      <Text className={styles.text}>{formatText(t("HostCheck_CheckedOn"), formatDateTime(checkedOn))}</Text>
      <Text className={styles.text}>{approvalColumnsText(report, t)}</Text>
      {actions}
      <div className={styles.group} data-host-check-group="attention">
        <Text as="h3" size={300} weight="semibold" className={styles.groupHeading}>
          {t("HostCheck_NeedsAttention")}
        </Text>
        {attention.length === 0 ? (
          <Text className={styles.text}>{t("HostCheck_NothingNeedsAttention")}</Text>
        ) : (
          <ul className={styles.list}>
            {attention.map((item) => (
              <ItemRow key={item.id} item={item} t={t} />
            ))}
          </ul>
        )}
      </div>
      {groups.map(({ group, items }) => {
        const confirmed = items.filter((i) => i.outcome === "confirmed");
        if (confirmed.length === 0) return null;
        return (
          <details key={group} className={styles.confirmedGroup} data-host-check-group={group}>
            <summary className={styles.confirmedSummary}>{formatText(t("HostCheck_ConfirmedGroup"), t(groupTextKey(group)), confirmed.length)}</summary>
            <ul className={styles.confirmedList}>
              {confirmed.map((item) => (
                <ConfirmedRow key={item.id} item={item} />
              ))}
            </ul>
          </details>
        );
      })}
    </>
  );
}
