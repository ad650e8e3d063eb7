import { runToShow } from "../../ApprovalPanel/domain/runToShow";

const RUN = "f0000000-0000-4000-8000-000000000003";
const FORM = "a1b2c3d4-0000-4000-8000-000000000001";

describe("which run the panel shows", () => {
  test.each([
    ["a Deployment Stage Run form: the form's own record, whatever the bound column holds", "deploymentstagerun", FORM, "ContosoExpenses - UAT", FORM],
    ["the table named in another case", "DeploymentStageRun", `{${FORM.toUpperCase()}}`, RUN, FORM],
    ["a host that names no table (the pcf-start harness): the form's record", null, FORM, null, FORM],
  ])("%s", (_name, formTable, formRecordId, boundValue, expected) => {
    expect(runToShow({ formTable, formRecordId, boundValue })).toEqual({ source: "form", runId: expected });
  });

  test("another table's form: the run id in the bound column, braces and case as a user may paste them", () => {
    expect(runToShow({ formTable: "apnl_approvalrequest", formRecordId: FORM, boundValue: ` {${RUN.toUpperCase()}} ` })).toEqual({
      source: "boundColumn",
      runId: RUN,
      problem: null,
    });
  });

  test.each([
    ["empty", null],
    ["empty", "   "],
    ["malformed", "not-a-guid"],
    ["malformed", `${RUN}x`],
    ["malformed", "../deploymentstageruns"],
  ])("another table's form whose bound column is %s (%p): no run, and the reason", (problem, boundValue) => {
    expect(runToShow({ formTable: "apnl_approvalrequest", formRecordId: FORM, boundValue })).toEqual({ source: "boundColumn", runId: null, problem });
  });
});
