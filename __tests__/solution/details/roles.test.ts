import { describe, expect, it } from "@jest/globals";
import { detailsOf } from "./fixture";

const role = (name: string, privileges: Record<string, string>) => `
  <Roles>
    <Role id="{627090ff-40a3-4053-8790-584edc5be201}" name="${name}">
      <IsCustomizable>1</IsCustomizable>
      <ReadOnlyRole>0</ReadOnlyRole>
      <RolePrivileges>
        ${Object.entries(privileges)
          .map(([p, level]) => `<RolePrivilege name="${p}" level="${level}" />`)
          .join("\n        ")}
      </RolePrivileges>
    </Role>
  </Roles>`;

describe("details of security roles", () => {
  it("lists privileges raised, lowered, added and removed with the depth before and after", () => {
    const before = role("Travel Agent", { prvDeletesb_FlightBookings: "Global", prvReadsb_TravelRequest: "Basic", prvAppendsb_Leg: "Local" });
    const after = role("Travel Agent", { prvDeletesb_FlightBookings: "Local", prvReadsb_TravelRequest: "Global", prvDeletesb_PurposeofTravel: "Global" });
    expect(detailsOf("roles", before, after)).toEqual([
      { aspect: "privilege", change: "removed", subject: "prvAppendsb_Leg", before: "Local" },
      { aspect: "privilege", change: "changed", subject: "prvDeletesb_FlightBookings", before: "Global", after: "Local" },
      { aspect: "privilege", change: "changed", subject: "prvReadsb_TravelRequest", before: "Basic", after: "Global" },
      { aspect: "privilege", change: "added", subject: "prvDeletesb_PurposeofTravel", after: "Global" },
    ]);
  });

  it("says a rename-only change is a new name, with the old one", () => {
    const privileges = { prvReadsb_TravelRequest: "Basic" };
    expect(detailsOf("roles", role("Travel Agent", privileges), role("Travel Coordinator", privileges))).toEqual([
      { aspect: "displayName", change: "changed", before: "Travel Agent", after: "Travel Coordinator" },
    ]);
  });
});
