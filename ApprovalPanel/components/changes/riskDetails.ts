import type { PrivilegeChange, RiskFlag } from "../../solution/risks";
import { countText } from "../shared/counts";
import type { Translate } from "../shared/text";
import { MAX_PRIVILEGES, MAX_RISK_NAMES, privilegeChangeText, riskComponentName, riskFacts, type PrivilegeChangeText } from "./changeText";

/** One privilege a role gains or loses: its name, which way, and the words around the name. */
export interface PrivilegeLine extends PrivilegeChangeText {
  name: string;
  direction: PrivilegeChange["direction"];
}

/** The facts behind a risk line for one of its first components, as the section and the report both show them. */
export interface RiskDetail {
  key: string;
  /** Null when the risk line names this one component already: its facts follow the sentence without a second name. */
  name: string | null;
  facts: string[];
  /** The connector's technical id when there is no readable name for it. */
  code?: string;
  /** The role's privileges raised, then lowered, the first few. */
  privileges: PrivilegeLine[];
  /** "and n more" privileges. */
  more?: string;
}

/** What a role gains or loses, where a step runs, which connector: for the first few components that have any. */
export function riskDetails(flag: RiskFlag, t: Translate, locale: string | undefined): RiskDetail[] {
  const named = flag.components.length > 1;
  return flag.components.slice(0, MAX_RISK_NAMES).flatMap((c): RiskDetail[] => {
    const facts = riskFacts(c, t, locale);
    const changes = c.privileges ?? [];
    const code = !c.connector && c.connectorId ? c.connectorId : undefined;
    if (facts.length === 0 && changes.length === 0 && code === undefined) return [];
    return [
      {
        key: c.key,
        name: named ? riskComponentName(c, t) : null,
        facts,
        ...(code !== undefined ? { code } : {}),
        privileges: changes.slice(0, MAX_PRIVILEGES).map((p): PrivilegeLine => ({ name: p.name, direction: p.direction, ...privilegeChangeText(p, t) })),
        ...(changes.length > MAX_PRIVILEGES ? { more: countText(t, locale, "Changes_AndMore", changes.length - MAX_PRIVILEGES) } : {}),
      },
    ];
  });
}
