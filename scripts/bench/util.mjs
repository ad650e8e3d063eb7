// Small helpers of the bench.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x, d = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {Array<{ start: number, end: number | null }>} reqs */
export function waves(reqs) {
  const sorted = [...reqs].sort((a, b) => a.start - b.start);
  const wave = new Map();
  for (const r of sorted) {
    let w = 1;
    for (const q of sorted) {
      if (q !== r && q.end !== null && q.end <= r.start) w = Math.max(w, wave.get(q) + 1);
    }
    wave.set(r, w);
  }
  return sorted.length ? Math.max(...wave.values()) : 0;
}
