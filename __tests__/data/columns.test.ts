/**
 * The run table's column table (domain/hostColumns.ts) is the one place a host column is written: the fake host, the
 * test fixtures, the mapping, the select lists and the host check must all agree with it.
 */
import { describe, expect, test } from "@jest/globals";
import { BASELINE_COLUMNS, HISTORY_COLUMNS, REREAD_COLUMNS, STAGE_RUN_COLUMNS, webApiName } from "../../ApprovalPanel/data/columns";
import { mapRun } from "../../ApprovalPanel/data/mapping";
import { TABLE_ASSUMPTIONS } from "../../ApprovalPanel/domain/hostCheck";
import { STAGE_RUN_TABLE } from "../../ApprovalPanel/domain/types";
import { schemaFor, type HostVariant } from "../../fakehost/index.cjs";
import { buildRun, FIXTURE_COLUMNS } from "../support/fixtures";

const NAMES = STAGE_RUN_COLUMNS.map(webApiName);

function fakeHostRunColumns(variant: HostVariant): Set<string> {
  const table = schemaFor(variant).byLogical.get(STAGE_RUN_TABLE);
  if (table === undefined) throw new Error(`the ${variant} fake host has no run table`);
  return new Set(table.columns.map((c) => c.name));
}

describe("the run column table", () => {
  test("names each column once", () => {
    expect(new Set(NAMES).size).toBe(NAMES.length);
    const fields = STAGE_RUN_COLUMNS.flatMap((c) => (c.field === null ? [] : [c.field]));
    expect(new Set(fields).size).toBe(fields.length);
  });

  test("the fake host's current run table has every column", () => {
    const current = fakeHostRunColumns("current");
    expect(NAMES.filter((name) => !current.has(name))).toEqual([]);
  });

  test("every column the fake host's older variant lacks is optional: such a host gets no field, not null", () => {
    const current = fakeHostRunColumns("current");
    const legacy = fakeHostRunColumns("legacy");
    const lacking = [...current].filter((name) => !legacy.has(name));
    expect(lacking.length).toBeGreaterThan(0);
    for (const name of lacking) {
      const column = STAGE_RUN_COLUMNS.find((c) => webApiName(c) === name);
      expect({ name, optional: column?.optional }).toEqual({ name, optional: true });
    }
  });

  test("the test fixtures' run rows and declared columns cover every column", () => {
    const row = buildRun();
    expect(NAMES.filter((name) => !(name in row))).toEqual([]);
    expect(NAMES.filter((name) => !FIXTURE_COLUMNS[STAGE_RUN_TABLE].includes(name))).toEqual([]);
  });

  test("mapRun fills every field from a full row", () => {
    const run = mapRun(buildRun()) as unknown as Record<string, unknown>;
    for (const column of STAGE_RUN_COLUMNS)
      if (column.field !== null) expect({ field: column.field, mapped: column.field in run }).toEqual({ field: column.field, mapped: true });
  });

  test("a host without a column: an optional field is left out, any other is null", () => {
    const full = buildRun();
    for (const column of STAGE_RUN_COLUMNS) {
      if (column.field === null || column.read === "id") continue;
      const row = Object.fromEntries(Object.entries(full).filter(([key]) => key !== webApiName(column) && !key.startsWith(`${webApiName(column)}@`)));
      const run = mapRun(row, "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f51") as unknown as Record<string, unknown>;
      if (column.optional) expect({ field: column.field, present: column.field in run }).toEqual({ field: column.field, present: false });
      else expect({ field: column.field, value: run[column.field] }).toEqual({ field: column.field, value: null });
    }
  });

  test("the select lists and the host check's run columns come from it", () => {
    for (const list of [HISTORY_COLUMNS, REREAD_COLUMNS, BASELINE_COLUMNS]) expect(list.filter((name) => !NAMES.includes(name))).toEqual([]);
    expect(HISTORY_COLUMNS).toEqual(STAGE_RUN_COLUMNS.filter((c) => c.history).map(webApiName));
    expect(REREAD_COLUMNS).toEqual(STAGE_RUN_COLUMNS.filter((c) => c.reread).map(webApiName));
    const assumed = TABLE_ASSUMPTIONS.find((t) => t.logicalName === STAGE_RUN_TABLE);
    expect(assumed?.columns.map((c) => c.name)).toEqual(STAGE_RUN_COLUMNS.map((c) => c.column));
    expect(assumed?.columns.map((c) => c.types)).toEqual(STAGE_RUN_COLUMNS.map((c) => c.types));
  });
});
