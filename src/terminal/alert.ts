// The drawer's alert line (role="alert"). It keeps the last problem it said, so that a step which
// could not run (no connection, a refused run) can name the reason in its badge.
export class AlertLine {
  /** The last problem: the last alert, why the connection was lost, or "Cancelled". */
  problem = '';
  readonly #box: HTMLElement;

  constructor(box: HTMLElement) {
    this.#box = box;
  }

  say(text: string): void {
    this.#box.textContent = text;
    if (text) this.problem = text;
  }

  /** What the line says now ('' when nothing). */
  get text(): string {
    return this.#box.textContent ?? '';
  }
}
