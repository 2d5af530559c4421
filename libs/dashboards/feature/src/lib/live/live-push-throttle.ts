/**
 * At most one push per key per interval: the first notice pushes at once, notices within the interval
 * after it fold into one trailing push at the interval's end (so the last change is never lost).
 */
export class LivePushThrottle {
  private readonly lastPush = new Map<string, number>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly intervalMs: number,
    private readonly push: (key: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  notify(key: string): void {
    if (this.pending.has(key)) return;
    const wait = (this.lastPush.get(key) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) {
      this.fire(key);
      return;
    }
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        this.fire(key);
      }, wait),
    );
  }

  /** Forgets a key (its last stream closed); a pending push is dropped. */
  forget(key: string): void {
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
    this.lastPush.delete(key);
  }

  close(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private fire(key: string): void {
    this.lastPush.set(key, this.now());
    this.push(key);
  }
}
