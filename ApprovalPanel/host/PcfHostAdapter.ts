import { webLightTheme, type Theme } from "@fluentui/react-components";
import { normalizeGuid } from "../domain/ids";
import { nameText as text } from "../domain/json";
import { runToShow } from "../domain/runToShow";
import type { Guid } from "../domain/types";
import type { IInputs } from "../generated/ManifestTypes";
import { panelConfigFrom } from "./config";
import { formatDateTime } from "./formatDateTime";
import { localeOf } from "./locale";
import type { HostAdapter, HostInfo } from "./HostAdapter";

/**
 * Parts of the context that model-driven apps provide at run time but @types/powerapps-component-framework
 * does not declare (mode.contextInfo, page). Read only through this narrow view, and always optionally.
 */
interface UndeclaredContextParts {
  mode?: { contextInfo?: { entityId?: string | null; entityTypeName?: string | null } };
  page?: { entityId?: string | null; entityTypeName?: string | null; getClientUrl?: () => string };
  webAPI?: ComponentFramework.WebApi | null;
  formatting?: ComponentFramework.Formatting | null;
  fluentDesignLanguage?: { tokenTheme?: Theme } | null;
}

/**
 * Microsoft's pcf-start test harness has no webAPI (each call alerts and rejects). Its page always contains the
 * control-size inputs with id "control-dimensions" (pcf-start harness.js), which a model-driven form never has.
 */
export function isPcfStartHarness(): boolean {
  return typeof document !== "undefined" && document.getElementById("control-dimensions") != null;
}

/** The only code that reads the PCF context. Create one per updateView (the context object is replaced). */
export function createHostAdapter(context: ComponentFramework.Context<IInputs>): HostAdapter {
  const extra = context as unknown as UndeclaredContextParts;

  const webApiPresent = (): boolean => extra.webAPI != null && typeof extra.webAPI.retrieveRecord === "function" && !isPcfStartHarness();

  const clientUrl = (): string | null => {
    try {
      const url = text(extra.page?.getClientUrl?.());
      return url === null ? null : url.replace(/\/+$/, "");
    } catch {
      return null;
    }
  };

  const info = (): HostInfo => {
    const settings = context.userSettings;
    const params = context.parameters;
    const width = context.mode?.allocatedWidth;
    const entityTypeName = text(extra.mode?.contextInfo?.entityTypeName) ?? text(extra.page?.entityTypeName);
    const run = runToShow({
      formTable: entityTypeName,
      formRecordId: extra.mode?.contextInfo?.entityId ?? extra.page?.entityId ?? null,
      boundValue: params?.boundField?.raw ?? null,
    });
    return {
      recordId: run.runId,
      run,
      entityTypeName,
      user: {
        id: normalizeGuid(settings?.userId) ?? "",
        name: settings?.userName ?? "",
        securityRoleIds: (settings?.securityRoles ?? []).map((r) => normalizeGuid(r)).filter((r): r is Guid => r !== null),
      },
      languageId: settings?.languageId ?? 1033,
      locale: localeOf(settings?.languageId ?? 1033),
      isRTL: settings?.isRTL === true,
      hasWebApi: webApiPresent(),
      allocatedWidth: typeof width === "number" && width > 0 ? width : null,
      theme: extra.fluentDesignLanguage?.tokenTheme ?? webLightTheme,
      config: panelConfigFrom({
        requireRejectComment: params?.requireRejectComment?.raw,
        requireApproveComment: params?.requireApproveComment?.raw,
        allowSelfApproval: params?.allowSelfApproval?.raw,
        historyPageSize: params?.historyPageSize?.raw,
        decisionRelayTable: params?.decisionRelayTable?.raw,
        approvalPolicyTable: params?.approvalPolicyTable?.raw,
      }),
    };
  };

  return {
    info,
    getString: (key) => {
      try {
        const value = context.resources?.getString(key);
        return typeof value === "string" && value !== "" ? value : key;
      } catch {
        return key;
      }
    },
    formatDateTime: (isoUtc) => formatDateTime(isoUtc, { formatting: extra.formatting, userSettings: context.userSettings }),
    openRecord: (table, id) => {
      const entityId = normalizeGuid(id);
      if (entityId === null || !context.navigation?.openForm) return;
      context.navigation.openForm({ entityName: table, entityId }).catch(() => undefined);
    },
    openNewRecord: (table, values) => {
      if (!context.navigation?.openForm) return;
      context.navigation.openForm({ entityName: table }, values).catch(() => undefined);
    },
    clientUrl,
    webAPI: () => (webApiPresent() ? context.webAPI : null),
  };
}
