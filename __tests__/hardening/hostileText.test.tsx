import "@testing-library/jest-dom/jest-globals";
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { configure, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { buildRelayRow, buildRun, buildStage, choice, IDS, lookup, RELAY_TABLE, STAGES, USERS, type Row } from "../support/fixtures";
import { dataverseErrorResponse, webApiError } from "../support/mockContext";
import { confirmDialog, dialogButton, expectNoInjection, hostile, loadedPanel, renderPanel, s } from "./support";

jest.setTimeout(30000);
configure({ asyncUtilTimeout: 5000 });

let consoleError: ReturnType<typeof jest.spyOn>;
beforeEach(() => {
  globalThis.__pwned = undefined;
  consoleError = jest.spyOn(console, "error");
});
afterEach(() => {
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
  delete globalThis.__pwned;
});

const bodyText = (): string => document.body.textContent ?? "";

/** A decided run where every text the host stores is hostile, with its stage and two hostile history runs. */
function hostileTables(): { runs: Row[]; stage: Row; expectedShown: string[] } {
  const artifact = hostile("solution", 5);
  const text = (field: string, i: number) => hostile(field, i);
  const stage = buildStage(STAGES.owner, {
    name: text("stageName", 1),
    ...lookup("deploymentpipelineid", { id: IDS.pipeline, name: text("pipelineName", 2) }, "deploymentpipeline"),
    ...lookup("ownerid", { id: USERS.stageOwner.id, name: text("ownerName", 3) }, "systemuser"),
  });
  const settings = JSON.stringify({
    EnvironmentVariables: [{ SchemaName: text("envSchema", 0), Value: text("envValue", 1) }],
    ConnectionReferences: [{ LogicalName: text("connName", 2), ConnectionId: text("connId", 3), ConnectorId: text("connectorId", 4) }],
  });
  const validation = JSON.stringify({
    ValidationStatus: text("validationStatus", 0),
    SolutionValidationResults: [
      { SolutionValidationResultType: text("validationType", 1), Message: text("validationMessage", 2), ErrorCode: text("validationCode", 3) },
    ],
    MissingDependencies: [text("dependency", 4)],
  });
  const properties = JSON.stringify({ approverName: text("approverName", 0), adminNote: text("adminNote", 1), [text("propertyKey", 2)]: "value" });
  const common = (id: string, version: string): Partial<Parameters<typeof buildRun>[0]> => ({
    id,
    artifactName: artifact,
    artifactVersion: version,
    approvalStatus: 20,
    stageRunStatus: 200000002,
    approvalComments: text(`comments-${version}`, 3),
    approvalProperties: properties,
  });
  const run = buildRun({
    ...common(IDS.runs.approved, "1.0.0.1"),
    deploymentNotes: text("notes", 0),
    deploymentSettingsJson: settings,
    validationResults: validation,
    // A raw fault whose message is markup once its entities are decoded.
    errorMessage: `<Fault><Message>${text("faultMessage", 0).replace(/</g, "&lt;").replace(/>/g, "&gt;")}</Message><Details>${text("faultDetail", 1).replace(/</g, "&lt;")}</Details></Fault>`,
    overrides: {
      name: text("runName", 4),
      aigenerateddeploymentnotes: text("aiNotes", 5),
      ...lookup("deploymentstageid", { id: IDS.stages.owner, name: text("runStageName", 0) }, "deploymentstage"),
      ...lookup("devdeploymentenvironment", { id: IDS.environments.dev, name: text("sourceEnv", 1) }, "deploymentenvironment"),
      ...lookup("targetdeploymentenvironment", { id: IDS.environments.uat, name: text("targetEnv", 2) }, "deploymentenvironment"),
      ...lookup("createdby", { id: USERS.requester.id, name: text("requester", 3) }, "systemuser"),
      ...choice("operation", 200000202, text("operationLabel", 4)),
      ...choice("stagerunstatus", 200000002, text("statusLabel", 5)),
    },
  });
  const history = [
    buildRun({ ...common(IDS.runs.history1, "0.9.0.0"), requestedOn: "2025-02-01T10:00:00Z" }),
    buildRun({
      ...common(IDS.runs.history3, "0.8.0.0"),
      requestedOn: "2025-01-01T10:00:00Z",
      overrides: { ...lookup("createdby", { id: USERS.requester.id, name: text("historyRequester", 1) }, "systemuser") },
    }),
  ];
  return {
    runs: [run, ...history],
    stage,
    expectedShown: [
      artifact,
      text("pipelineName", 2),
      text("ownerName", 3),
      text("envSchema", 0),
      text("envValue", 1),
      text("connName", 2),
      text("connId", 3),
      text("connectorId", 4),
      text("validationStatus", 0),
      text("validationMessage", 2),
      text("notes", 0),
      text("aiNotes", 5),
      text("faultMessage", 0),
      text("runStageName", 0),
      text("sourceEnv", 1),
      text("targetEnv", 2),
      text("requester", 3),
      text("historyRequester", 1),
      text("operationLabel", 4),
      text("statusLabel", 5),
      text("comments-1.0.0.1", 3),
      text("comments-0.9.0.0", 3),
      text("adminNote", 1),
      text("approverName", 0),
      text("propertyKey", 2),
    ],
  };
}

describe("hostile text in every field renders as inert text", () => {
  it("an administrator's view of a decided run: request, gate, notes, settings, validation, error, outcome, history", async () => {
    const { runs, stage, expectedShown } = hostileTables();
    renderPanel({
      user: USERS.admin,
      recordId: IDS.runs.approved,
      tables: { deploymentstagerun: runs, deploymentstage: [stage, buildStage(STAGES.spn), buildStage(STAGES.nonDelegated)] },
    });
    await loadedPanel();
    // History rows and the admin-only approval properties arrive after the run.
    const history = screen.getByRole("region", { name: s("Section_History") });
    await within(history).findAllByText(hostile("comments-0.9.0.0", 3));
    await screen.findByText(s("Outcome_AdminProperties"));
    // Expand everything that starts collapsed (error details, technical details), so hidden text is checked too.
    const user = userEvent.setup();
    for (const button of screen.queryAllByRole("button", { name: s("Error_ShowDetails") })) await user.click(button);
    await user.click(screen.getByRole("button", { name: s("Details_Technical") }));

    for (const text of expectedShown) expect(bodyText()).toContain(text);
    expectNoInjection();
  });

  it("the decision flow: a hostile comment in the confirmation and a hostile server refusal", async () => {
    const { host } = renderPanel();
    const refusal = hostile("serverRefusal", 0);
    host.setActionHandler(() => dataverseErrorResponse(400, "0x80040265", refusal));
    await loadedPanel();
    const user = userEvent.setup();
    const comment = '<img src=x onerror="globalThis.__pwned=9"> ok';
    await user.type(screen.getByRole("textbox", { name: s("Decision_CommentLabel") }), comment);
    await user.click(screen.getByRole("button", { name: s("Decision_Approve") }));
    const dialog = await confirmDialog();
    expect(within(dialog).getByText(comment)).toBeInTheDocument();
    expectNoInjection();
    await user.click(dialogButton(dialog, s("Confirm_Confirm")));
    await screen.findByText(s("Refusal_Title"));
    expect(bodyText()).toContain(refusal);
    // What was sent is the text as typed: nothing escaped, nothing stripped.
    const body = JSON.parse(host.fetchCalls[0].body ?? "") as { ApprovalComments: string };
    expect(body.ApprovalComments).toBe(comment);
    expectNoInjection();
  });

  it("a hostile server message on a failed load and a hostile relay row (decided-by name)", async () => {
    const message = hostile("loadError", 1);
    const first = renderPanel({
      faults: [{ method: "retrieveRecord", entity: "deploymentstagerun", error: webApiError({ code: "0x80040216", message, status: 500 }) }],
    });
    await screen.findByText(s("Panel_LoadFailed"));
    expect(bodyText()).toContain(message);
    expectNoInjection();
    first.view.unmount();

    const decidedBy = hostile("relayDecidedBy", 2);
    const relayRow = { ...buildRelayRow({ outcome: 10 }), ...lookup("createdby", { id: USERS.otherApprover.id, name: decidedBy }, "systemuser") };
    renderPanel({ recordId: IDS.runs.pendingSpn, parameters: { decisionRelayTable: RELAY_TABLE }, tables: { [RELAY_TABLE]: [relayRow] } });
    await loadedPanel();
    expect((await screen.findAllByText((content) => content.includes(decidedBy))).length).toBeGreaterThan(0);
    expectNoInjection();
  });

  it("the only link-like controls are the panel's own, and none carries a URL", async () => {
    const { runs, stage } = hostileTables();
    renderPanel({ user: USERS.admin, recordId: IDS.runs.approved, tables: { deploymentstagerun: runs, deploymentstage: [stage] } });
    await loadedPanel();
    const history = screen.getByRole("region", { name: s("Section_History") });
    await within(history).findAllByText(hostile("comments-0.9.0.0", 3));
    // History's "open run" controls are buttons (navigation goes through the host), so no href exists at all.
    expect(document.body.querySelectorAll("a[href]")).toHaveLength(0);
    expect(within(history).getAllByRole("button", { name: /1\.0\.0\.1|0\.9\.0\.0|0\.8\.0\.0/ }).length).toBe(3);
  });
});
