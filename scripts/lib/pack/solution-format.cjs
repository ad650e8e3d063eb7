"use strict";
// What Dataverse's solution format fixes and both the readers and the writers use.
/**
 * Solution component types (solutioncomponent componenttype): 1 Entity, 20 Role, 26 View (savedquery), 29 Workflow,
 * 60 Form (systemform), 62 Site Map, 66 Custom Control, 70 Field Security Profile, 80 Model-driven App (appmodule),
 * 380 Environment Variable Definition.
 */
const COMPONENT_TYPE = {
  entity: "1",
  role: "20",
  view: "26",
  workflow: "29",
  form: "60",
  siteMap: "62",
  customControl: "66",
  fieldSecurityProfile: "70",
  appModule: "80",
  environmentVariableDefinition: "380",
};
/** customizations.xml sections, in the order Dataverse exports them. */
const CUSTOMIZATION_SECTIONS = [
  "Entities",
  "Roles",
  "Workflows",
  "FieldSecurityProfiles",
  "Templates",
  "EntityMaps",
  "EntityRelationships",
  "OrganizationSettings",
  "optionsets",
  "CustomControls",
  "AppModuleSiteMaps",
  "AppModules",
  "EntityDataProviders",
];
/** Sections written only when the solution has such components (exports without an app carry neither element). */
const OPTIONAL_SECTIONS = new Set(["AppModuleSiteMaps", "AppModules"]);

module.exports = { COMPONENT_TYPE, CUSTOMIZATION_SECTIONS, OPTIONAL_SECTIONS };
