// A kernel must not outlive the client that started it: Jupyter names that client in
// JPY_PARENT_PID, and ipykernel exits once it is gone. Polled from the main thread and from the
// compiler's worker thread, so a kernel stuck in a runaway cell exits too.

const POLL_MS = 1000;

/** True while process `pid` runs (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The client's pid from the environment, or null when there is none to watch (unset, 0, init). */
export function parentPid(env: NodeJS.ProcessEnv = process.env): number | null {
  const pid = Number(env.JPY_PARENT_PID);
  return Number.isInteger(pid) && pid > 1 ? pid : null;
}

/** Call `onGone` once `pid` no longer exists (checked every second; the timer keeps no one alive). */
export function watchParent(pid: number, onGone: () => void): void {
  const timer = setInterval(() => {
    if (isRunning(pid)) return;
    clearInterval(timer);
    onGone();
  }, POLL_MS);
  timer.unref();
}
