// Waiting for the page to be painted: what was drawn before the wait is on screen before
// what is drawn after it. A task that draws more right away (setTimeout 0) often runs
// before the frame, and its layout then holds back the paint of what came first.

/** How long to wait for a frame that may not come (a hidden tab draws none). */
const NO_FRAME_AFTER_MS = 100;

/** Resolves in a task of its own once the next frame has been produced. */
export function afterPaint() {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      // After the frame's animation callbacks come its layout and paint: a task queued
      // now runs after them.
      setTimeout(resolve, 0);
    };
    if (document.hidden) go();
    else {
      requestAnimationFrame(go);
      setTimeout(go, NO_FRAME_AFTER_MS);
    }
  });
}
