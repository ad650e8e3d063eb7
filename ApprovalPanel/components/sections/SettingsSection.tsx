import * as React from "react";
import { makeStyles, shorthands, Text, tokens, useId } from "@fluentui/react-components";
import { parseDeploymentSettings, type ConnectionReferenceSetting, type EnvironmentVariableSetting } from "../../domain/deploymentSettings";
import { DataText } from "../shared/fields";
import { PagedTable, type PagedColumn } from "../shared/PagedTable";
import { ParsedJsonSection } from "../shared/ParsedJsonSection";
import { SubHeading } from "../shared/SubHeading";
import { formatText, type Translate } from "../shared/text";

const useStyles = makeStyles({
  part: {
    display: "flex",
    flexDirection: "column",
    ...shorthands.gap(tokens.spacingVerticalXS),
    minWidth: 0,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SettingsSectionProps {
  /** deploymentsettingsjson as the host stores it. */
  deploymentSettingsJson: string | null | undefined;
  t: Translate;
  headingLevel?: 2 | 3;
  /** Phones: the tables become stacked cards. */
  narrow?: boolean;
}

function orNotSet(value: string | null, t: Translate): React.ReactNode {
  return value === null || value === "" ? t("Common_NotSet") : <DataText text={value} />;
}

/** Environment variable values and connection references the deployment will apply. */
function SettingsSectionView({ deploymentSettingsJson, t, headingLevel = 2, narrow = false }: SettingsSectionProps): React.ReactElement {
  const styles = useStyles();
  const envHeadingId = useId("apnl-envvars-");
  const connHeadingId = useId("apnl-connrefs-");
  const parsed = React.useMemo(() => parseDeploymentSettings(deploymentSettingsJson), [deploymentSettingsJson]);

  const envColumns: Array<PagedColumn<EnvironmentVariableSetting>> = [
    { id: "schema", header: t("Settings_SchemaName"), render: (row) => <DataText text={row.schemaName} /> },
    { id: "value", header: t("Settings_Value"), render: (row) => orNotSet(row.value, t) },
  ];
  const connColumns: Array<PagedColumn<ConnectionReferenceSetting>> = [
    { id: "logical", header: t("Settings_LogicalName"), render: (row) => <DataText text={row.logicalName} /> },
    { id: "connection", header: t("Settings_ConnectionId"), render: (row) => orNotSet(row.connectionId, t) },
    { id: "connector", header: t("Settings_ConnectorId"), render: (row) => orNotSet(row.connectorId, t) },
  ];

  return (
    <ParsedJsonSection
      title={t("Section_Settings")}
      headingLevel={headingLevel}
      parsed={parsed}
      noneText={t("Settings_None")}
      unreadableText={(problem) => formatText(t("Settings_Unreadable"), t(`Settings_Problem_${problem}`))}
      skippedText={(count) => formatText(t("Settings_Skipped"), count)}
      isEmpty={(settings) => settings.environmentVariables.length === 0 && settings.connectionReferences.length === 0}
    >
      {({ environmentVariables, connectionReferences }) => (
        <>
          <div className={styles.part}>
            <SubHeading level={headingLevel} id={envHeadingId}>
              {formatText(t("Settings_EnvironmentVariables"), environmentVariables.length)}
            </SubHeading>
            {environmentVariables.length === 0 ? (
              <Text className={styles.muted}>{t("Settings_NoEnvironmentVariables")}</Text>
            ) : (
              <PagedTable columns={envColumns} rows={environmentVariables} labelledBy={envHeadingId} t={t} stacked={narrow} />
            )}
          </div>
          <div className={styles.part}>
            <SubHeading level={headingLevel} id={connHeadingId}>
              {formatText(t("Settings_ConnectionReferences"), connectionReferences.length)}
            </SubHeading>
            {connectionReferences.length === 0 ? (
              <Text className={styles.muted}>{t("Settings_NoConnectionReferences")}</Text>
            ) : (
              <PagedTable columns={connColumns} rows={connectionReferences} labelledBy={connHeadingId} t={t} stacked={narrow} />
            )}
          </div>
        </>
      )}
    </ParsedJsonSection>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const SettingsSection = React.memo(SettingsSectionView);
