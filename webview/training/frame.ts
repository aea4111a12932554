// Coalesces updates to one draw per animation frame: snapshots may arrive
// faster than the webview can draw, and only the latest matters.
export class FrameScheduler {
  private pending = false;

  constructor(private readonly draw: () => void) {}

  request(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }
}
