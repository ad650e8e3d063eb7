import * as React from "react";

/** setTimeout holds at most 2^31 − 1 ms (about 24.8 days); an expiry further off is not waited for. */
const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * Whether `expiry` has passed, turning true at that moment while the panel stays open: the checks then say the
 * request expired, as the decision section (which asks the clock on every render) already does. When it turns true,
 * Date.now() has reached the expiry: a timer may fire a little early, and then waits for the rest.
 */
export function useExpiryPassed(expiry: Date | null): boolean {
  const at = expiry?.getTime() ?? null;
  const [passed, setPassed] = React.useState(() => at !== null && Date.now() >= at);
  React.useEffect(() => {
    if (at === null) {
      setPassed(false);
      return undefined;
    }
    const wait = at - Date.now();
    setPassed(wait <= 0);
    if (wait <= 0 || wait > LONGEST_TIMER_MS) return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const check = (): void => {
      const left = at - Date.now();
      if (left > 0) timer = setTimeout(check, left);
      else setPassed(true);
    };
    timer = setTimeout(check, wait);
    return () => clearTimeout(timer);
  }, [at]);
  return passed;
}
