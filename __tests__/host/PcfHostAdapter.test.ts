import { describe, expect, test } from "@jest/globals";
import { teamsDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createHostAdapter } from "../../ApprovalPanel/host/PcfHostAdapter";
import { createMockContext } from "../support/mockContext";
import { IDS, USERS } from "../support/fixtures";

describe("createHostAdapter", () => {
  test("the user id loses its braces and upper case; roles are normalised", () => {
    const host = createMockContext({ user: USERS.admin });
    expect(host.context.userSettings.userId).toMatch(/^\{[0-9A-F-]+\}$/);
    const info = createHostAdapter(host.context).info();
    expect(info.user).toEqual({ id: USERS.admin.id, name: "Adele Vance", securityRoleIds: USERS.admin.securityRoles });
  });

  test("the record id comes from contextInfo, upper case or braced, and falls back to page", () => {
    const upper = createMockContext({ recordId: `{${IDS.runs.approved.toUpperCase()}}` });
    expect(createHostAdapter(upper.context).info().recordId).toBe(IDS.runs.approved);

    const pageOnly = createMockContext({ recordId: IDS.runs.rejected, omit: ["contextInfo"] });
    const info = createHostAdapter(pageOnly.context).info();
    expect(info.recordId).toBe(IDS.runs.rejected);
    expect(info.entityTypeName).toBe("deploymentstagerun");

    const none = createMockContext({ omit: ["contextInfo", "page"] });
    expect(createHostAdapter(none.context).info()).toMatchObject({ recordId: null, entityTypeName: null });
  });

  test("a new record (no id) gives a null record id", () => {
    const host = createMockContext({ recordId: "" });
    expect(createHostAdapter(host.context).info().recordId).toBeNull();
  });

  test("the client URL comes from page.getClientUrl without a trailing slash", () => {
    expect(createHostAdapter(createMockContext({ clientUrl: "https://org.crm4.dynamics.com/" }).context).clientUrl()).toBe("https://org.crm4.dynamics.com");
    expect(createHostAdapter(createMockContext({ omit: ["page"] }).context).clientUrl()).toBeNull();
  });

  test("the Web API is offered in a host and withheld in the pcf-start harness or when missing", () => {
    const real = createHostAdapter(createMockContext().context);
    expect(real.info().hasWebApi).toBe(true);
    expect(real.webAPI()).not.toBeNull();

    const harness = createHostAdapter(createMockContext({ harness: true }).context);
    expect(harness.info()).toMatchObject({ hasWebApi: false, entityTypeName: null, recordId: null });
    expect(harness.webAPI()).toBeNull();

    const missing = createHostAdapter(createMockContext({ omit: ["webAPI"] }).context);
    expect(missing.info().hasWebApi).toBe(false);
    expect(missing.webAPI()).toBeNull();
  });

  test("the theme is the host's Fluent theme, else web light", () => {
    expect(createHostAdapter(createMockContext().context).info().theme).toBe(webLightTheme);
    const themed = createMockContext({
      fluentDesignLanguage: { tokenTheme: teamsDarkTheme, brand: {} as never, isDarkTheme: true } as unknown as ComponentFramework.FluentDesignState,
    });
    expect(createHostAdapter(themed.context).info().theme).toBe(teamsDarkTheme);
  });

  test("config defaults follow the manifest when the form sets nothing", () => {
    const host = createMockContext({
      parameters: { requireRejectComment: null, requireApproveComment: null, allowSelfApproval: null, historyPageSize: null, decisionRelayTable: null },
    });
    expect(createHostAdapter(host.context).info().config).toEqual({
      requireRejectComment: true,
      requireApproveComment: false,
      allowSelfApproval: false,
      historyPageSize: 20,
      decisionRelayTable: null,
      // The table this solution ships: a stage without a policy row keeps the form's rules.
      approvalPolicyTable: "apnl_approvalpolicy",
    });
  });

  test("config reads the form's values", () => {
    const host = createMockContext({
      parameters: {
        requireRejectComment: "no",
        requireApproveComment: "yes",
        allowSelfApproval: "yes",
        historyPageSize: 50,
        decisionRelayTable: "  apnl_approvaldecision ",
        approvalPolicyTable: "Contoso_StagePolicy",
      },
    });
    expect(createHostAdapter(host.context).info().config).toEqual({
      requireRejectComment: false,
      requireApproveComment: true,
      allowSelfApproval: true,
      historyPageSize: 50,
      decisionRelayTable: "apnl_approvaldecision",
      approvalPolicyTable: "contoso_stagepolicy",
    });
  });

  test.each([
    [0, 1],
    [-5, 1],
    [1000, 250],
    [250, 250],
    [7.6, 8],
  ])("historyPageSize %p is clamped to %p", (raw, expected) => {
    const host = createMockContext({ parameters: { historyPageSize: raw } });
    expect(createHostAdapter(host.context).info().config.historyPageSize).toBe(expected);
  });

  test.each([
    ["apnl_ApprovalDecision", "apnl_approvaldecision"],
    ["approvaldecision", null],
    ["apnl_approvaldecision'); drop", null],
    ["https://x/apnl_t", null],
    ["", null],
    ["1x_table", null],
  ])("decisionRelayTable %p becomes %p", (raw, expected) => {
    const host = createMockContext({ parameters: { decisionRelayTable: raw } });
    expect(createHostAdapter(host.context).info().config.decisionRelayTable).toBe(expected);
  });

  test("an unknown enum value keeps the default", () => {
    const host = createMockContext({ parameters: { requireRejectComment: "maybe", allowSelfApproval: "YES" } });
    const { config } = createHostAdapter(host.context).info();
    expect(config.requireRejectComment).toBe(true);
    expect(config.allowSelfApproval).toBe(true);
  });

  test("dates are formatted by the host in the user's local behaviour", () => {
    const host = createMockContext();
    const adapter = createHostAdapter(host.context);
    expect(adapter.formatDateTime("2025-03-14T09:12:33Z")).toBe("3/14/2025 9:12 AM");
    expect(host.formatTimeCalls[0].behavior).toBe(1);
    expect(host.formatTimeCalls[0].value.toISOString()).toBe("2025-03-14T09:12:33.000Z");
  });

  test("dates fall back to Intl when formatting is missing or throws; invalid input comes back as is", () => {
    const missing = createHostAdapter(createMockContext({ omit: ["formatting"] }).context);
    const viaIntl = missing.formatDateTime("2025-03-14T09:12:33Z");
    expect(viaIntl).toMatch(/2025|25/);
    expect(viaIntl).not.toBe("2025-03-14T09:12:33Z");

    const throwing = createHostAdapter(
      createMockContext({
        formatTime: () => {
          throw new Error("formatting not supported");
        },
      }).context,
    );
    expect(throwing.formatDateTime("2025-03-14T09:12:33Z")).toBe(viaIntl);
    expect(throwing.formatDateTime("not a date")).toBe("not a date");
    expect(throwing.formatDateTime("")).toBe("");
  });

  test("strings come from the resx; a missing key shows the key", () => {
    const adapter = createHostAdapter(createMockContext().context);
    expect(adapter.getString("Manifest_DisplayName")).toBe("Approval Panel");
    expect(adapter.getString("Nope_Missing")).toBe("Nope_Missing");
  });

  test("openRecord opens the record's form", () => {
    const host = createMockContext();
    createHostAdapter(host.context).openRecord("deploymentstage", IDS.stages.owner.toUpperCase());
    expect(host.openFormCalls).toEqual([{ entityName: "deploymentstage", entityId: IDS.stages.owner }]);
  });

  test("width, language and direction come from the host", () => {
    const info = createHostAdapter(createMockContext({ allocatedWidth: 512, languageId: 1031, isRTL: true }).context).info();
    expect(info).toMatchObject({ allocatedWidth: 512, languageId: 1031, isRTL: true });
    expect(createHostAdapter(createMockContext({ allocatedWidth: -1 }).context).info().allocatedWidth).toBeNull();
  });
});
