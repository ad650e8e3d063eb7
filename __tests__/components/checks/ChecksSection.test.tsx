import { describe, expect, it, jest } from "@jest/globals";
import * as React from "react";
import { fireEvent, screen, within } from "@testing-library/react";
import { ChecksSection } from "../../../ApprovalPanel/components/checks/ChecksSection";
import type { Check, CheckMessage, CheckResult, RunFact } from "../../../ApprovalPanel/domain/checkTypes";
import { formatDateTime, renderInFluent } from "../sections/helpers";
import { t, tf } from "../sections/strings";

const NEWER: RunFact = { id: "0a1b2c3d-4e5f-4061-8a7b-8c9d0e1f2a01", version: "1.4.2.2", on: "2024-05-01T12:30:00Z", stageName: "Production" };
const DEPLOYED: RunFact = { id: "1b2c3d4e-5f60-4172-9b8c-9d0e1f2a3b02", version: "1.4.1.0", on: "2024-04-29T11:00:00Z", stageName: "Production" };

function renderChecks(checks: Check[], waiting = false) {
  const onOpenRun = jest.fn();
  const onShowSection = jest.fn();
  const result: CheckResult = { checks, waiting };
  renderInFluent(
    <ChecksSection
      result={result}
      t={t}
      locale="en-US"
      formatDateTime={formatDateTime}
      targetName="Contoso Production"
      onOpenRun={onOpenRun}
      onShowSection={onShowSection}
    />,
  );
  return { onOpenRun, onShowSection, region: screen.getByRole("region", { name: t("Section_Checks") }) };
}

const one = (message: CheckMessage, severity: Check["severity"] = "info", target?: Check["target"]): Check => ({ id: "superseded", severity, message, target });

describe("ChecksSection: the sentence of every check", () => {
  it.each<[CheckMessage, string]>([
    [{ key: "supersededSucceeded", newest: NEWER, waiting: null }, tf("Check_supersededSucceeded", "1.4.2.2", "on 2024-05-01 at 12:30 UTC")],
    [
      { key: "supersededSucceeded", newest: NEWER, waiting: { count: 2, newest: { ...NEWER, version: "1.4.2.4" } } },
      `${tf("Check_supersededSucceeded", "1.4.2.2", "on 2024-05-01 at 12:30 UTC")} ${tf("Check_supersededAlsoWaiting_other", "2", "1.4.2.4")}`,
    ],
    [{ key: "supersededPending", count: 1, newest: NEWER }, tf("Check_supersededPending_one", "1", "1.4.2.2")],
    [{ key: "supersededPending", count: 3, newest: NEWER }, tf("Check_supersededPending_other", "3", "1.4.2.2")],
    [{ key: "supersededMoreThan", count: 20, newest: NEWER }, tf("Check_supersededMoreThan_other", "20", "1.4.2.2")],
    [{ key: "supersededNotReached", count: 1250 }, tf("Check_supersededNotReached_other", "1,250")],
    [{ key: "supersededNone" }, t("Check_supersededNone")],
    [{ key: "historyUnavailable" }, t("Check_historyUnavailable")],
    [
      { key: "targetOlder", version: "1.4.0.0", deployed: DEPLOYED },
      tf("Check_targetOlder", "1.4.0.0", "1.4.1.0", "Contoso Production", "on 2024-04-29 at 11:00 UTC"),
    ],
    [{ key: "targetSame", deployed: DEPLOYED }, tf("Check_targetSame", "1.4.1.0", "Contoso Production", "on 2024-04-29 at 11:00 UTC")],
    [{ key: "targetLast", deployed: DEPLOYED }, tf("Check_targetLast", "Contoso Production", "1.4.1.0", "on 2024-04-29 at 11:00 UTC")],
    [{ key: "targetFirst" }, tf("Check_targetFirst", "Contoso Production")],
    [{ key: "targetUnavailable" }, t("Check_targetUnavailable")],
    [{ key: "sourceMovedOn", sourceVersion: "1.4.3.0", version: "1.4.2.0" }, tf("Check_sourceMovedOn", "1.4.3.0", "1.4.2.0")],
    [
      { key: "previousSucceeded", version: "1.4.2.0", previousStage: "Test", run: DEPLOYED },
      tf("Check_previousSucceeded", "1.4.2.0", "Test", "on 2024-04-29 at 11:00 UTC"),
    ],
    [{ key: "previousNever", version: "1.4.2.0", previousStage: null }, tf("Check_previousNever", "1.4.2.0", t("Check_PreviousStageUnnamed"))],
    [{ key: "previousNotFound", version: "1.4.2.0", previousStage: "Test", count: 20 }, tf("Check_previousNotFound_other", "20", "1.4.2.0", "Test")],
    [{ key: "previousUnavailable", previousStage: "Test" }, tf("Check_previousUnavailable", "Test")],
    [{ key: "connectionsMissing", names: ["a_sp"] }, tf("Check_connectionsMissing_one", "1", "a_sp")],
    [{ key: "variablesMissing", names: ["v1", "v2", "v3", "v4", "v5", "v6", "v7"] }, tf("Check_variablesMissing_other", "7", "v1, v2, v3, v4, v5, …")],
    [{ key: "settingsUnreadable" }, t("Check_settingsUnreadable")],
    [{ key: "validationErrors", errors: 2, warnings: 1 }, tf("Check_validationErrors_other", "2")],
    [{ key: "validationFailed" }, t("Check_validationFailed")],
    [{ key: "validationWarnings", warnings: 1 }, tf("Check_validationWarnings_one", "1")],
    [{ key: "validationPassed" }, t("Check_validationPassed")],
    [{ key: "validationNotRun" }, t("Check_validationNotRun")],
    [{ key: "validationUnreadable" }, t("Check_validationUnreadable")],
    [{ key: "waitingLong", days: 9 }, tf("Check_waitingLong_other", "9")],
  ])("%o", (message, text) => {
    const { region } = renderChecks([one(message)]);
    expect(within(region).getByText(text)).toBeInTheDocument();
  });
});

describe("ChecksSection: severity, links and the quiet states", () => {
  it("tells screen readers each line's severity, which the icon shows only to sighted users", () => {
    const { region } = renderChecks([one({ key: "validationFailed" }, "blocker"), one({ key: "supersededNone" }, "ok")]);
    const items = within(region).getAllByRole("listitem");
    expect(items[0]).toHaveTextContent(new RegExp(`^${t("Checks_Severity_blocker")}`));
    expect(items[1]).toHaveTextContent(new RegExp(`^${t("Checks_Severity_ok")}`));
  });

  it("opens the run a check names, and takes the user to the section it refers to", () => {
    const { region, onOpenRun, onShowSection } = renderChecks([
      one({ key: "supersededPending", count: 1, newest: NEWER }, "info", { kind: "run", run: NEWER }),
      { id: "connections", severity: "warning", message: { key: "connectionsMissing", names: ["a_sp"] }, target: { kind: "section", section: "settings" } },
    ]);
    fireEvent.click(within(region).getByRole("button", { name: tf("Check_Link_Run", "1.4.2.2") }));
    expect(onOpenRun).toHaveBeenCalledWith(NEWER.id);
    fireEvent.click(within(region).getByRole("button", { name: t("Check_Link_settings") }));
    expect(onShowSection).toHaveBeenCalledWith("settings");
  });

  it("says 'No warnings' only when nothing above a note is left and nothing is still loading", () => {
    renderChecks([one({ key: "targetLast", deployed: DEPLOYED }), one({ key: "supersededNone" }, "ok")]);
    expect(screen.getByText(t("Checks_NoWarnings"))).toBeInTheDocument();
  });

  it("does not say 'No warnings' while a check still waits for the history", () => {
    renderChecks([one({ key: "validationPassed" }, "ok")], true);
    expect(screen.queryByText(t("Checks_NoWarnings"))).toBeNull();
    expect(screen.getByText(t("Checks_Waiting"))).toBeInTheDocument();
  });

  it("does not say 'No warnings' next to a warning", () => {
    renderChecks([one({ key: "settingsUnreadable" }, "warning")]);
    expect(screen.queryByText(t("Checks_NoWarnings"))).toBeNull();
  });
});
