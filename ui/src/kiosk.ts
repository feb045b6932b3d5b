// The kiosk's idle clock. After a while without use the screen is wiped, so that the next visitor
// cannot read the last one's answer; but first a warning gives whoever is still there the time to
// say so (WCAG 2.2.1). Use is anything a person does: a key, a pointer, a touch, a scroll, and a
// focus move, which is all a screen reader shows of someone reading in browse mode.

/// The events that count as someone using the kiosk.
export const ACTIVITY_EVENTS = [
  "keydown",
  "pointerdown",
  "pointermove",
  "wheel",
  "touchstart",
  "input",
  "scroll",
  "focusin",
] as const;

/// How long before the wipe the warning shows: 20 seconds, or half the idle time when that is
/// shorter, so that a short timeout still leaves some use before the warning.
export function warningSeconds(idleSeconds: number): number {
  return Math.max(1, Math.min(20, Math.floor(idleSeconds / 2)));
}

export interface IdleHandlers {
  /// The warning is due; `secondsLeft` until the wipe.
  warn(secondsLeft: number): void;
  /// One second of the warning went by.
  tick(secondsLeft: number): void;
  /// Someone used the kiosk while warned: the warning goes away.
  resume(): void;
  /// Nobody did: wipe.
  idle(): void;
}

export class IdleClock {
  private timer: number | undefined;
  private countdown: number | undefined;
  private warned = false;
  private readonly warnAfterMs: number;
  private readonly warnSeconds: number;

  constructor(
    idleSeconds: number,
    private readonly handlers: IdleHandlers,
  ) {
    this.warnSeconds = warningSeconds(idleSeconds);
    this.warnAfterMs = (idleSeconds - this.warnSeconds) * 1000;
  }

  /// Someone used the kiosk: the clock starts again, and a warning showing goes away.
  activity(): void {
    this.stop();
    if (this.warned) {
      this.warned = false;
      this.handlers.resume();
    }
    this.timer = window.setTimeout(() => this.warn(), this.warnAfterMs);
  }

  stop(): void {
    window.clearTimeout(this.timer);
    window.clearInterval(this.countdown);
  }

  private warn(): void {
    this.warned = true;
    let left = this.warnSeconds;
    this.handlers.warn(left);
    this.countdown = window.setInterval(() => {
      left -= 1;
      if (left > 0) {
        this.handlers.tick(left);
        return;
      }
      this.stop();
      this.warned = false;
      this.handlers.idle();
    }, 1000);
  }
}
