import * as React from "react";
import { useId } from "@fluentui/react-components";
import { parseDeploymentSettings, type ConnectionReferenceSetting, type EnvironmentVariableSetting } from "../../domain/deploymentSettings";
import { DataText } from "../shared/fields";
import { PagedTable, type PagedColumn } from "../shared/PagedTable";
import { ParsedJsonSection, type ParsedJsonSectionKeys } from "../shared/ParsedJsonSection";
import { SubSection } from "../shared/SubHeading";
import { formatNumber } from "../shared/counts";
import { formatText, type Translate } from "../shared/text";

const SETTINGS_KEYS: ParsedJsonSectionKeys = {
  title: "Section_Settings",
  none: "Settings_None",
  unreadable: "Settings_Unreadable",
  problems: { invalidJson: "Settings_Problem_invalidJson", wrongShape: "Settings_Problem_wrongShape" },
  skipped: "Settings_Skipped",
};

export interface SettingsSectionProps {
  /** deploymentsettingsjson as the host stores it. */
  deploymentSettingsJson: string | null | undefined;
  t: Translate;
  /** The user's locale (plural forms). */
  locale?: string;
  headingLevel?: 2 | 3;
  /** Phones: the tables become stacked cards. */
  narrow?: boolean;
}

function orNotSet(value: string | null, t: Translate): React.ReactNode {
  return value === null || value === "" ? t("Common_NotSet") : <DataText text={value} />;
}

/** Environment variable values and connection references the deployment will apply. */
function SettingsSectionView({ deploymentSettingsJson, t, locale, headingLevel = 2, narrow = false }: SettingsSectionProps): React.ReactElement {
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
      keys={SETTINGS_KEYS}
      t={t}
      locale={locale}
      headingLevel={headingLevel}
      parsed={parsed}
      isEmpty={(settings) => settings.environmentVariables.length === 0 && settings.connectionReferences.length === 0}
    >
      {({ environmentVariables, connectionReferences }) => (
        <>
          <SubSection
            level={headingLevel}
            headingId={envHeadingId}
            title={formatText(t("Settings_EnvironmentVariables"), formatNumber(locale, environmentVariables.length))}
            emptyText={environmentVariables.length === 0 ? t("Settings_NoEnvironmentVariables") : null}
          >
            <PagedTable columns={envColumns} rows={environmentVariables} labelledBy={envHeadingId} t={t} locale={locale} stacked={narrow} />
          </SubSection>
          <SubSection
            level={headingLevel}
            headingId={connHeadingId}
            title={formatText(t("Settings_ConnectionReferences"), formatNumber(locale, connectionReferences.length))}
            emptyText={connectionReferences.length === 0 ? t("Settings_NoConnectionReferences") : null}
          >
            <PagedTable columns={connColumns} rows={connectionReferences} labelledBy={connHeadingId} t={t} locale={locale} stacked={narrow} />
          </SubSection>
        </>
      )}
    </ParsedJsonSection>
  );
}

/** Memoized: the panel re-renders on every status change, and this section only needs to when its own props change. */
export const SettingsSection = React.memo(SettingsSectionView);
