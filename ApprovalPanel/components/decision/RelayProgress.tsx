import * as React from "react";
import { makeStyles, shorthands, Spinner, Text, tokens } from "@fluentui/react-components";
import type { DecisionPhase } from "../../hooks/useDecision";
import type { Translate } from "../shared/text";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    ...shorthands.margin(0),
    paddingInlineStart: tokens.spacingHorizontalXL,
  },
  done: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  waiting: { color: tokens.colorNeutralForeground2 },
  row: {
    display: "inline-flex",
    alignItems: "center",
    ...shorthands.gap(tokens.spacingHorizontalS),
  },
});

type StepState = "done" | "active" | "bad";

/** The steps of a relayed decision: recorded → waiting for the flow → applied / counted / refused / failed. */
export function RelayProgress({ phase, t }: { phase: DecisionPhase; t: Translate }): React.ReactElement | null {
  const styles = useStyles();
  const steps: Array<{ id: string; text: string; state: StepState }> = [];
  switch (phase.kind) {
    case "relayRecording":
      steps.push({ id: "record", text: t("Relay_Recording"), state: "active" });
      break;
    case "relayWaiting":
      steps.push({ id: "record", text: t("Relay_Recorded"), state: "done" }, { id: "wait", text: t("Relay_Waiting"), state: "active" });
      break;
    case "relayTimedOut":
      steps.push({ id: "record", text: t("Relay_Recorded"), state: "done" }, { id: "wait", text: t("Relay_StillWaiting"), state: "bad" });
      break;
    case "relayRefused":
    case "relayFailed":
      steps.push(
        { id: "record", text: t("Relay_Recorded"), state: "done" },
        { id: "outcome", text: phase.kind === "relayRefused" ? t("Relay_Refused") : t("Relay_Failed"), state: "bad" },
      );
      break;
    case "relayCounted":
      steps.push({ id: "record", text: t("Relay_Recorded"), state: "done" }, { id: "outcome", text: t("Relay_Counted"), state: "done" });
      break;
    case "sent":
      if (phase.via !== "relay") return null;
      steps.push({ id: "record", text: t("Relay_Recorded"), state: "done" }, { id: "outcome", text: t("Relay_Applied"), state: "done" });
      break;
    default:
      return null;
  }
  return (
    <ol className={styles.list} aria-label={t("Relay_StepsLabel")}>
      {steps.map((step) => (
        <li key={step.id} className={step.state === "done" ? styles.done : step.state === "bad" ? styles.bad : styles.waiting}>
          <span className={styles.row}>
            {step.state === "active" ? <Spinner size="extra-tiny" /> : null}
            <Text>{step.text}</Text>
          </span>
        </li>
      ))}
    </ol>
  );
}
