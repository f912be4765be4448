/** Runs once when the server starts: the in-process notification schedule (Node runtime only). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNotificationScheduler } = await import("./lib/notify/scheduler");
    startNotificationScheduler();
  }
}
