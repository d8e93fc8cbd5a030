import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { BodyTooLarge, payloadTooLarge, readBodyWithin, TRPC_BODY_LIMIT } from "@/server/http/body-limit";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

async function handler(req: Request) {
  let request = req;
  if (req.method === "POST") {
    // Read within the limit before tRPC parses anything.
    try {
      request = new Request(req.url, { method: req.method, headers: req.headers, body: await readBodyWithin(req, TRPC_BODY_LIMIT) });
    } catch (error) {
      if (error instanceof BodyTooLarge) return payloadTooLarge(error);
      throw error;
    }
  }
  return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router: appRouter, createContext: () => createContext({ headers: req.headers }) });
}

export { handler as GET, handler as POST };
