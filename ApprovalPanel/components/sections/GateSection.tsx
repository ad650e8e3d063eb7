import * as React from "react";
import { makeStyles, shorthands, Text, tokens } from "@fluentui/react-components";
import type { DecisionEligibility } from "../../domain/decisionRules";
import type { Result, Stage } from "../../domain/types";
import { dataErrorText, serverMessageText } from "../shared/dataError";
import { isPresent } from "../shared/fields";
import { advisoryText, eligibilityText } from "../shared/gateText";
import { KeyValueList, type KeyValueItem } from "../shared/KeyValueList";
import { SectionCard } from "../shared/SectionCard";
import { SectionMessage } from "../shared/SectionMessage";
import { formatText, type Translate } from "../shared/text";

const useStyles = makeStyles({
  you: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
  },
  advisories: {
    ...shorthands.margin(0),
    paddingInlineStart: tokens.spacingHorizontalXL,
    color: tokens.colorNeutralForeground2,
  },
});

export interface GateSectionProps {
  eligibility: DecisionEligibility;
  stage: Result<Stage | null>;
  t: Translate;
  /** Reads the stage again after an error. */
  onRetryStage?: () => void;
  headingLevel?: 2 | 3;
  /** The form has a decision relay table: in service-principal stages approvers decide here and the flow applies it. */
  relay?: boolean;
  /** The stage's approval policy, after who decides. */
  children?: React.ReactNode;
}

function delegatedItem(stage: Result<Stage | null>, eligibility: DecisionEligibility, t: Translate): KeyValueItem | null {
  if (!stage.ok || stage.value === null) return null;
  const flag = stage.value.isDelegated;
  if (flag === undefined && eligibility.decider.kind === "none") return null;
  const value = flag === true ? t("Common_Yes") : flag === false ? t("Common_No") : t("Common_NotSet");
  return { id: "delegated", label: t("Gate_Delegated"), value };
}

function deploysAsItem(eligibility: DecisionEligibility, t: Translate): KeyValueItem | null {
  const decider = eligibility.decider;
  const label = t("Gate_DeploysAs");
  switch (decider.kind) {
    case "stageOwner":
      return {
        id: "as",
        label,
        value: decider.owner?.name ? formatText(t("Gate_AsStageOwnerNamed"), decider.owner.name) : t("Gate_AsStageOwner"),
      };
    case "servicePrincipal":
      return {
        id: "as",
        label,
        value: decider.clientId ? formatText(t("Gate_AsServicePrincipalWithId"), decider.clientId) : t("Gate_AsServicePrincipal"),
      };
    case "unknown":
      return { id: "as", label, value: t("Gate_AsUnknown") };
    default:
      return null;
  }
}

function whoDecidesItem(eligibility: DecisionEligibility, t: Translate, relay: boolean): KeyValueItem {
  const decider = eligibility.decider;
  const label = t("Gate_WhoDecides");
  switch (decider.kind) {
    case "stageOwner":
      return {
        id: "who",
        label,
        value: decider.owner?.name ? formatText(t("Gate_WhoStageOwnerNamed"), decider.owner.name) : t("Gate_WhoStageOwner"),
      };
    case "servicePrincipal":
      return { id: "who", label, value: relay ? t("Gate_WhoServicePrincipalRelay") : t("Gate_WhoServicePrincipal") };
    case "unknown":
      return { id: "who", label, value: t("Gate_WhoUnknown") };
    default:
      return { id: "who", label, value: t("Gate_WhoNobody") };
  }
}

/** The approval gate: whether the stage is delegated, as whom, who may decide, and whether the current user can. */
function GateSectionView({ eligibility, stage, t, onRetryStage, headingLevel, relay = false, children }: GateSectionProps): React.ReactElement {
  const styles = useStyles();
  const items = [delegatedItem(stage, eligibility, t), deploysAsItem(eligibility, t), whoDecidesItem(eligibility, t, relay)].filter(isPresent);
  return (
    <SectionCard title={t("Section_Gate")} headingLevel={headingLevel}>
      {!stage.ok ? (
        <SectionMessage
          intent="warning"
          title={t("Gate_StageUnreadable")}
          message={dataErrorText(stage.error, t)}
          detail={serverMessageText(stage.error, t)}
          onRetry={onRetryStage}
          retryLabel={t("Common_Retry")}
        />
      ) : null}
      <KeyValueList items={items} />
      {children}
      <div className={styles.you}>
        <Text weight="semibold">{t("Gate_You")}</Text>
        <Text>{eligibilityText(eligibility, t)}</Text>
        {eligibility.advisories.length > 0 ? (
          <ul className={styles.advisories}>
            {eligibility.advisories.map((advisory) => (
              <li key={advisory}>
                <Text size={200}>{advisoryText(advisory, t)}</Text>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </SectionCard>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const GateSection = React.memo(GateSectionView);
