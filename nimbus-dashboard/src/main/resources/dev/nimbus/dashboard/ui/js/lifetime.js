// What a view started (polls, streams) and must stop when the user leaves it.

export function lifetime() {
  const controller = new AbortController();
  const timers = new Set();
  const resumers = new Set();
  let alive = true;
  return {
    signal: controller.signal,
    get alive() {
      return alive;
    },
    /**
     * Runs task now, then again every `ms` after each run ends (never two at once); a failing run
     * is reported to the task's own handler and the polling goes on. While the tab is hidden it
     * waits, and runs again as soon as the tab is shown.
     */
    every(ms, task) {
      const run = async () => {
        if (!alive) {
          return;
        }
        if (document.hidden) {
          const resume = () => {
            document.removeEventListener('visibilitychange', resume);
            resumers.delete(resume);
            run();
          };
          resumers.add(resume);
          document.addEventListener('visibilitychange', resume);
          return;
        }
        try {
          await task();
        } catch (e) {
          if (e.name !== 'AbortError') {
            console.warn('poll failed', e);
          }
        }
        if (alive) {
          const t = setTimeout(() => {
            timers.delete(t);
            run();
          }, ms);
          timers.add(t);
        }
      };
      run();
    },
    dispose() {
      alive = false;
      timers.forEach(clearTimeout);
      resumers.forEach((resume) => document.removeEventListener('visibilitychange', resume));
      controller.abort();
    },
  };
}
