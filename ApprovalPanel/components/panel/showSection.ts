/** Moves the view and the keyboard focus to a section's heading (the checks' "Show ..." links, the host check). */
export function showSection(element: HTMLElement | null): void {
  const heading = element?.querySelector<HTMLElement>("h2, h3");
  if (!element || !heading) return;
  heading.tabIndex = -1;
  element.scrollIntoView?.({ block: "start" });
  heading.focus();
}
