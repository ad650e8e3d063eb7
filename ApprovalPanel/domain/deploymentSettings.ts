/**
 * deploymentsettingsjson: the environment variable values and connection references a deployment applies.
 */
import { decodeJsonObject, isJsonObject, nameText, nonEmptyText, propertyOf, readEntries, valueText, type Parsed } from "./json";

export interface EnvironmentVariableSetting {
  schemaName: string;
  value: string | null;
}

export interface ConnectionReferenceSetting {
  logicalName: string;
  connectionId: string | null;
  connectorId: string | null;
}

export interface DeploymentSettings {
  environmentVariables: EnvironmentVariableSetting[];
  connectionReferences: ConnectionReferenceSetting[];
}

/**
 * Shape (Microsoft Learn, pipelines samples):
 * {"EnvironmentVariables":[{"SchemaName","Value"}],"ConnectionReferences":[{"LogicalName","ConnectionId","ConnectorId"}]}
 * Tools write the names in other casings (Microsoft's Terraform provider uses lower case), so names are matched case-insensitively.
 */
export function parseDeploymentSettings(text: string | null | undefined): Parsed<DeploymentSettings> {
  const decoded = decodeJsonObject(text);
  if (!decoded.ok) return decoded;
  const { root } = decoded;

  const variables = readEntries(root, "EnvironmentVariables", environmentVariableOf);
  const references = readEntries(root, "ConnectionReferences", connectionReferenceOf);
  return {
    ok: true,
    value: { environmentVariables: variables.items, connectionReferences: references.items },
    skippedEntries: variables.skipped + references.skipped,
  };
}

function environmentVariableOf(entry: unknown): EnvironmentVariableSetting | null {
  const schemaName = isJsonObject(entry) ? nameText(propertyOf(entry, "SchemaName")) : null;
  if (!isJsonObject(entry) || schemaName === null) return null;
  return { schemaName, value: valueText(propertyOf(entry, "Value")) };
}

function connectionReferenceOf(entry: unknown): ConnectionReferenceSetting | null {
  const logicalName = isJsonObject(entry) ? nameText(propertyOf(entry, "LogicalName")) : null;
  if (!isJsonObject(entry) || logicalName === null) return null;
  // An empty id means "not set" in settings files.
  return {
    logicalName,
    connectionId: nonEmptyText(propertyOf(entry, "ConnectionId")),
    connectorId: nonEmptyText(propertyOf(entry, "ConnectorId")),
  };
}
