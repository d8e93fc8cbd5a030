// Runs once when the server starts: validate the environment up front so a
// missing variable stops start-up with a message naming it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./server/env");
}
