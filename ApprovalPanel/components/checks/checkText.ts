import type { CheckMessage, CheckSeverity, CheckTarget, RunFact } from "../../domain/checkTypes";
import { countText } from "../shared/counts";
import { formatText, type FormatDateTime, type Translate, type ResxKey } from "../shared/text";

/** Names are listed up to this many; the count in the sentence says how many there are in all. */
const MAX_NAMES = 5;

export interface CheckTextContext {
  t: Translate;
  locale: string | undefined;
  formatDateTime: FormatDateTime;
  /** The target environment (or the stage) as the approver knows it. */
  targetName: string;
}

function dateOf(fact: RunFact, c: CheckTextContext): string {
  return fact.on !== null ? c.formatDateTime(fact.on) : c.t("Common_NotSet");
}

function versionOf(fact: RunFact, c: CheckTextContext): string {
  return fact.version ?? c.t("Common_NotSet");
}

function namesOf(names: string[]): string {
  return names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(", ")}, …` : names.join(", ");
}

/**
 * The sentence for one check. A switch over the message keys with arguments; the rest read the key of their name.
 * Counted messages use the plural forms of the user's language (countText); {0} is then the count.
 */
export function checkText(message: CheckMessage, c: CheckTextContext): string {
  const { t, locale } = c;
  const previousName = (name: string | null): string => name ?? t("Check_PreviousStageUnnamed");
  switch (message.key) {
    case "supersededSucceeded": {
      const deployed = formatText(t("Check_supersededSucceeded"), versionOf(message.newest, c), dateOf(message.newest, c));
      if (message.waiting === null) return deployed;
      return `${deployed} ${countText(t, locale, "Check_supersededAlsoWaiting", message.waiting.count, [versionOf(message.waiting.newest, c)])}`;
    }
    case "supersededPending":
      return countText(t, locale, "Check_supersededPending", message.count, [versionOf(message.newest, c)]);
    case "supersededMoreThan":
      return countText(t, locale, "Check_supersededMoreThan", message.count, [versionOf(message.newest, c)]);
    case "supersededNotReached":
      return countText(t, locale, "Check_supersededNotReached", message.count);
    case "targetOlder":
      return formatText(t("Check_targetOlder"), message.version, versionOf(message.deployed, c), c.targetName, dateOf(message.deployed, c));
    case "targetSame":
      return formatText(t("Check_targetSame"), versionOf(message.deployed, c), c.targetName, dateOf(message.deployed, c));
    case "targetLast":
      return formatText(t("Check_targetLast"), c.targetName, versionOf(message.deployed, c), dateOf(message.deployed, c));
    case "targetFirst":
      return formatText(t("Check_targetFirst"), c.targetName);
    case "sourceMovedOn":
      return formatText(t("Check_sourceMovedOn"), message.sourceVersion, message.version);
    case "previousSucceeded":
      return formatText(t("Check_previousSucceeded"), message.version, previousName(message.previousStage), dateOf(message.run, c));
    case "previousNever":
      return formatText(t("Check_previousNever"), message.version, previousName(message.previousStage));
    case "previousNotFound":
      return countText(t, locale, "Check_previousNotFound", message.count, [message.version, previousName(message.previousStage)]);
    case "previousUnavailable":
      return formatText(t("Check_previousUnavailable"), previousName(message.previousStage));
    case "connectionsMissing":
      return countText(t, locale, "Check_connectionsMissing", message.names.length, [namesOf(message.names)]);
    case "variablesMissing":
      return countText(t, locale, "Check_variablesMissing", message.names.length, [namesOf(message.names)]);
    case "validationErrors":
      return countText(t, locale, "Check_validationErrors", message.errors);
    case "validationWarnings":
      return countText(t, locale, "Check_validationWarnings", message.warnings);
    case "waitingLong":
      return countText(t, locale, "Check_waitingLong", message.days);
    case "expired":
      return formatText(t("Check_expired"), c.formatDateTime(message.at));
    case "expiresOn":
      return formatText(t("Check_expiresOn"), c.formatDateTime(message.at));
    default: {
      // The checks without arguments: the key is the check's name, so the compiler still rejects one without words.
      const key: ResxKey = `Check_${message.key}`;
      return t(key);
    }
  }
}

/** Words read before each check by screen readers: the icon alone says the severity only to sighted users. */
export const severityTextKey = (severity: CheckSeverity): ResxKey => `Checks_Severity_${severity}`;

/** Fluent MessageBar intents: blocker is the error colour, a passed check the success colour. */
export const SEVERITY_INTENT: Readonly<Record<CheckSeverity, "error" | "warning" | "info" | "success">> = {
  blocker: "error",
  warning: "warning",
  info: "info",
  ok: "success",
};

export function targetLinkText(target: CheckTarget, t: Translate): string {
  if (target.kind === "run") return formatText(t("Check_Link_Run"), target.run.version ?? t("Common_Unnamed"));
  return t(`Check_Link_${target.section}`);
}
