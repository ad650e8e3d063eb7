import * as React from "react";
import { whenDisposed } from "../app/disposeSignal";

/** Calls `stop` when the control's destroy() aborts `signal` (at once when it already has), while mounted. */
export function useDisposeSignal(signal: AbortSignal | undefined, stop: () => void): void {
  React.useEffect(() => whenDisposed(signal, stop), [signal, stop]);
}
