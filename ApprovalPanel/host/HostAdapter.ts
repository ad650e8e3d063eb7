import type { Theme } from "@fluentui/react-components";
import type { RunToShow } from "../domain/runToShow";
import type { CurrentUser, Guid, PanelConfig } from "../domain/types";

/** What the panel needs to know about where it runs, read once per updateView from the PCF context. */
export interface HostInfo {
  /**
   * The deployment stage run the panel shows, lower case without braces: the form's own record on a Deployment Stage
   * Run form, the bound column's run id on another table's form (domain/runToShow.ts); null when there is none yet.
   */
  recordId: Guid | null;
  /** Where recordId came from, and on another table's form why its bound column gives no run. */
  run: RunToShow;
  /** The form's table, e.g. "deploymentstagerun"; null when the host does not say (pcf-start harness). */
  entityTypeName: string | null;
  user: CurrentUser;
  languageId: number;
  /** BCP 47 locale of the user's language for Intl (numbers, plurals); undefined lets Intl choose. */
  locale?: string;
  isRTL: boolean;
  /** False in Microsoft's pcf-start harness, which has no webAPI. */
  hasWebApi: boolean;
  /** Width the form gives the control in pixels, or null when unknown. */
  allocatedWidth: number | null;
  theme: Theme;
  config: PanelConfig;
}

/**
 * The one typed view of the PCF context. Nothing else reads the context, so undocumented fields
 * (contextInfo.entityId, page.getClientUrl, fluentDesignLanguage) are touched only here.
 */
export interface HostAdapter {
  info(): HostInfo;
  /** A string from the resx files for the user's language. */
  getString(key: string): string;
  /** Format an ISO UTC date-time for the user (their time zone and format). */
  formatDateTime(isoUtc: string): string;
  /** Open a record's form in the app (navigation.openForm). */
  openRecord(table: string, id: Guid): void;
  /** Open a new record's form with columns filled in (navigation.openForm with form parameters). */
  openNewRecord(table: string, values: Record<string, string>): void;
  /** The organisation URL, e.g. https://org.crm.dynamics.com, or null when unknown. */
  clientUrl(): string | null;
  /** The host's Web API surface; only the data layer uses it. */
  webAPI(): ComponentFramework.WebApi | null;
}
