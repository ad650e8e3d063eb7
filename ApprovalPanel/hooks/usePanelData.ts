import * as React from "react";
import { createPanelLoader } from "../app/panelLoader";
import { initialPanelLoad, type PanelData, type PanelLoadState } from "../app/panelLoadState";
import type { PipelinesRepository } from "../data/PipelinesRepository";
import type { CurrentUser, Guid, PanelConfig } from "../domain/types";

export { startPanelLoad, willLoad } from "../app/panelLoader";
export type { HistoryState, LastDeploymentState, PanelData, Part, PolicyState, ReloadOptions } from "../app/panelLoadState";

/**
 * The panel's load state (app/panelLoader.ts) for React: the loader's state as this component's state. A change
 * that concerns one part (the user's roles: the administrator check) reloads only that part; unmount and the
 * control's destroy() stop every request.
 */
export function usePanelData(
  repository: PipelinesRepository,
  runId: Guid | null,
  user: CurrentUser,
  config: PanelConfig,
  disposeSignal?: AbortSignal,
): PanelData {
  const [state, setState] = React.useState<PanelLoadState>(initialPanelLoad);
  const [loader] = React.useState(() => createPanelLoader(setState));

  // Primitive dependencies: the host builds new objects on every updateView.
  const userId = user.id;
  const roleKey = user.securityRoleIds.join(",");
  const { decisionRelayTable, historyPageSize, approvalPolicyTable } = config;

  // A layout effect: wave 1 starts when the first render is committed, not after the browser has painted it.
  React.useLayoutEffect(() => {
    loader.load({
      repository,
      runId,
      user: { id: userId, securityRoleIds: roleKey === "" ? [] : roleKey.split(",") },
      config: { decisionRelayTable, historyPageSize, approvalPolicyTable },
      disposeSignal,
    });
  }, [loader, repository, runId, userId, roleKey, decisionRelayTable, historyPageSize, approvalPolicyTable, disposeSignal]);

  React.useEffect(() => () => loader.dispose(), [loader]);

  const actions = React.useMemo(
    () => ({
      reload: loader.reload,
      retryRun: () => loader.retry("run"),
      retryAdministrator: () => loader.retry("admin"),
      retryRelayDecisions: () => loader.retry("relay"),
      refreshRelayDecisions: loader.refreshRelayDecisions,
      retryHistory: () => loader.retry("history"),
      retryPolicy: () => loader.retry("policy"),
      setHistoryScope: loader.setScope,
      loadMoreHistory: loader.loadMore,
    }),
    [loader],
  );
  return { ...state, ...actions };
}
