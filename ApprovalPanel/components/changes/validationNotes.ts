import { validationConcerning, type ValidationSummary } from "../../domain/validationResults";
import type { SolutionComponent } from "../../solution/components";
import { formatText, type Translate } from "../shared/text";

/** A column's key is "table.column": the column's own logical name is the part after the table. */
function ownName(component: SolutionComponent): string {
  const dot = component.key.indexOf(".");
  return component.kind === "columns" && dot !== -1 ? component.key.slice(dot + 1) : component.key;
}

/**
 * The lines of the run's validation results that name this component ("Missing dependency: …", "Warning: …"), to show
 * beside its change. Empty when validation was not read or names nothing of it.
 */
export function validationNotes(component: SolutionComponent, validation: ValidationSummary | null, t: Translate): string[] {
  if (validation === null || (validation.messages.length === 0 && validation.missingDependencies.length === 0)) return [];
  const found = validationConcerning(validation, { names: [component.name, component.logicalName, ownName(component)] });
  return [
    ...found.missingDependencies.map((line) => formatText(t("changes.validation.dependency"), line)),
    ...found.messages.map((m) => formatText(t("changes.validation.message"), m.type ?? t("Validation_TypeUnknown"), m.message || m.errorCode || "")),
  ];
}
