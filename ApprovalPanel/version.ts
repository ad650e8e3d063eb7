// Written by `npm run version`; keep equal to the manifest's control version.
export const PANEL_VERSION = "1.0.0";
