/**
 * Copy text to the clipboard; false when the browser refuses (no permission, an insecure context, an iframe without
 * clipboard-write), so the caller can offer the text to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator === "undefined" || !navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
