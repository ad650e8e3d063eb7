/**
 * Work that pauses: the parser and the walks over the tree are generators that yield often. runJob runs one to the end at
 * once; on the main thread, a Slicer runs them and gives the page the event loop back every few tens of milliseconds.
 */

/** Work that pauses at each yield; see runJob and Slicer. */
export type Job<T> = Generator<void, T, void>;

/** Runs a job to its end in one go. */
export function runJob<T>(job: Job<T>): T {
  for (;;) {
    const step = job.next();
    if (step.done) return step.value;
  }
}

/**
 * Work between two returns of the event loop. A 100 ms task is what the page must never see (the bench's budget); a trace of
 * the bench showed its long tasks were a 40 ms slice plus a garbage collection of up to 60 ms, so 25 ms leaves room for one.
 */
const SLICE_MS = 25;

/** A message rather than a timer where there is one: timers are clamped to 4 ms when nested and slowed to 1 s in a hidden tab. */
export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof MessageChannel !== "function") return void setTimeout(resolve, 0);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * One time budget shared by every step of a piece of work on the main thread: the inflating, decoding and parsing of one
 * chunk after another, then the walks over the tree. Awaiting a stream's read does not end a task (its promises settle as
 * microtasks), so the work itself must give the event loop back: `pause` does when the slice is spent.
 */
export class Slicer {
  private until = performance.now() + SLICE_MS;
  constructor(private readonly signal?: AbortSignal) {}

  /** Gives the page the event loop back if this slice is spent; false when the signal aborted the work. */
  async pause(): Promise<boolean> {
    if (performance.now() < this.until) return !this.signal?.aborted;
    await yieldToPage();
    this.until = performance.now() + SLICE_MS;
    return !this.signal?.aborted;
  }

  /** Runs a job, pausing between its steps; null when the signal aborts it. */
  async run<T>(job: Job<T>): Promise<T | null> {
    for (;;) {
      const step = job.next();
      if (step.done) return step.value;
      if (performance.now() >= this.until && !(await this.pause())) return null;
    }
  }
}

/** Runs a job on the main thread, giving the page the event loop back every slice of work; null when the signal aborts it. */
export function runChunked<T>(job: Job<T>, signal?: AbortSignal): Promise<T | null> {
  return new Slicer(signal).run(job);
}
