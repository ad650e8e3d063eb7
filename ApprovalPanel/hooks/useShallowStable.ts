import * as React from "react";

/**
 * The previous object while every field is the same (===) as before, else the new one: a hook's result that memoized
 * components can take as a prop without a list of dependencies that repeats the object's fields. The ref is written
 * during render, which is safe in React 16 and 17 (no concurrent rendering there).
 */
export function useShallowStable<T extends object>(value: T): T {
  const ref = React.useRef(value);
  const previous = ref.current as Record<string, unknown>;
  const next = value as Record<string, unknown>;
  const keys = Object.keys(next);
  const same = keys.length === Object.keys(previous).length && keys.every((k) => Object.is(previous[k], next[k]));
  if (!same) ref.current = value;
  return ref.current;
}
