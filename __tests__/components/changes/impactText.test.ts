import { describe, expect, it } from "@jest/globals";
import { impactOf, impactText } from "../../../ApprovalPanel/components/changes/impactText";
import { t, tf } from "../sections/strings";
import { AFTER, BEFORE, compare, component } from "./fixtures";

const TARGET = "Contoso Production";
const sentence = (c: ReturnType<typeof compare>, known = true) => impactText(impactOf(c, known, t), TARGET, t, "en-US");

describe("Is this upgrade additive?", () => {
  it("a managed solution that leaves a column out: approving deletes it from the target, named with its table", () => {
    const view = impactOf(compare(BEFORE, AFTER, true), true, t);
    expect(view.state).toBe("deletes");
    expect(sentence(compare(BEFORE, AFTER, true))).toBe(
      tf(
        "changes.impact.deletes",
        TARGET,
        tf("changes.impact.group", t("Changes_Kind_columns"), "1", tf("changes.impact.inTable", "Legacy Code", "contoso_expense")),
      ),
    );
  });

  it("an unmanaged solution: what it leaves out stays in the target", () => {
    const text = sentence(compare(BEFORE, AFTER, false));
    expect(text.startsWith(tf("changes.impact.keeps", TARGET, "").slice(0, 20))).toBe(true);
    expect(text).toContain("Legacy Code");
  });

  it("nothing removed: the upgrade only adds or changes, and so does a first deployment", () => {
    expect(sentence(compare(BEFORE, [...BEFORE, component("roles", "r2", "Auditor")]))).toBe(tf("changes.impact.additive", TARGET));
    expect(sentence(compare(null, AFTER))).toBe(tf("changes.impact.additive", TARGET));
  });

  it("no earlier file to compare with although the stage holds a deployment: says it is not known", () => {
    expect(sentence(compare(null, AFTER), false)).toBe(tf("changes.impact.unknown", TARGET));
  });

  it("a removed table carries its columns, forms and views: they are not counted again; a shell table deletes nothing", () => {
    const before = [
      component("tables", "contoso_trip", "Trip"),
      component("columns", "contoso_trip.contoso_km", "Kilometres", "f1", { table: "contoso_trip" }),
      component("tables", "account", "Account", "f1", { unmodified: true }),
      component("roles", "r1", "Trip Planner"),
    ];
    const view = impactOf(compare(before, []), true, t);
    expect(view.groups).toEqual([
      { kind: "tables", names: ["Trip"] },
      { kind: "roles", names: ["Trip Planner"] },
    ]);
  });

  it("many removed: the first five names of a kind, then how many more", () => {
    const before = Array.from({ length: 7 }, (_, i) => component("pluginSteps", `s${i}`, `Step ${i}`));
    const text = sentence(compare(before, []));
    expect(text).toContain("Step 4");
    expect(text).not.toContain("Step 5");
    expect(text).toContain(tf("Changes_AndMore_other", "2"));
  });
});
