/** Contract cases on what the host gives as the sources say: labels, lookups, artifacts' file columns. */
import { ACTION_MESSAGES, RUNS, USERS } from "../../../fakehost/index.cjs";
import { FV, HOSTS, actionAnswer, avery, GUID, type Json, getJson, type ContractCase } from "./surface";

export const fidelityCases = (): ContractCase[] => [
  ...HOSTS.map((host): ContractCase => ({
    name: `stagerunstatus 200000005 and a pending run's suboperation, as labelled by the ${host} host`,
    run: async (s) => {
      const runId = host === "current" ? RUNS.ownerPendingMine : RUNS.legacyPending;
      const r = await s
        .webAPI({ userId: USERS.avery, host })
        .retrieveRecord("deploymentstagerun", runId, "?$select=stagerunstatus,suboperation,operationstatus");
      return [r.stagerunstatus, r[`stagerunstatus${FV}`], r[`suboperation${FV}`], r[`operationstatus${FV}`]];
    },
    expected: [200000005, host === "current" ? "Pending Approval" : "Scheduled", "None", "Pending"],
  })),
  {
    name: "a run pending approval at Started (not 200000005)",
    run: async (s) => {
      const r = await s.webAPI(avery).retrieveRecord("deploymentstagerun", RUNS.ownerPendingOther, "?$select=stagerunstatus,operationstatus,approvalstatus");
      return [r[`stagerunstatus${FV}`], r[`operationstatus${FV}`], r[`approvalstatus${FV}`]];
    },
    expected: ["Started", "Pending", "Pending"],
  },
  {
    name: "a delegated stage with no deployment type: the stage owner may decide, anyone else is refused (the emulator's own rule)",
    run: async (s) => {
      const r = await s
        .webAPI(avery)
        .retrieveRecord(
          "deploymentstagerun",
          RUNS.nullTypePending,
          "?$select=name&$expand=deploymentstageid($select=isdelegateddeployment,delegateddeploymenttype)",
        );
      const stage = r.deploymentstageid as Json;
      const other = await actionAnswer(s, { userId: USERS.riley }, RUNS.nullTypePending, 20);
      const owner = await actionAnswer(s, avery, RUNS.nullTypePending, 20);
      return { stage: [stage.isdelegateddeployment, stage.delegateddeploymenttype], other, owner };
    },
    expected: {
      stage: [true, null],
      other: { status: 400, error: { code: "0x80040265", message: ACTION_MESSAGES.notOwner } },
      owner: { status: 204, error: undefined },
    },
  },
  {
    name: "R1 an unknown table: 404 with 0x80040217",
    run: async (s) => {
      const r = await getJson(s, { userId: USERS.morgan }, "EntityDefinitions(LogicalName='deploymentstagerunstatus')?$select=LogicalName,EntitySetName");
      return { status: r.status, code: (r.body.error as Json).code };
    },
    expected: { status: 404, code: "0x80040217" },
  },
  {
    name: "a deployment artifact: file columns read as file ids",
    run: async (s) => {
      const r = await s
        .webAPI({ userId: USERS.morgan })
        .retrieveMultipleRecords(
          "deploymentartifact",
          "?$select=name,artifactversion,artifactfile,artifactfileunmanaged&$filter=name eq 'ContosoExpenses'&$orderby=artifactversion",
        );
      const files = (a: ComponentFramework.WebApi.Entity) => [GUID.test(String(a.artifactfile)), GUID.test(String(a.artifactfileunmanaged))];
      return r.entities.map((a) => ({ version: a.artifactversion, files: files(a) }));
    },
    // One artifact per version of the seed's ContosoExpenses runs; 1.4.2.1's has no file (null, not an id).
    expected: [
      { version: "1.4.1.0", files: [true, true] },
      { version: "1.4.2.0", files: [true, true] },
      { version: "1.4.2.1", files: [false, false] },
      { version: "1.4.2.2", files: [true, true] },
    ],
  },
];
