/** The id of the record a create made, from the OData-EntityId header Dataverse answers with (".../set(<id>)"). */
export function createdId(headers: Headers): string | undefined {
  return /\(([0-9a-f-]{36})\)$/.exec(headers.get("OData-EntityId") ?? "")?.[1];
}
