import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { createContext } from "./context";
import { createCallerFactory } from "./init";
import { appRouter } from "./root";

const createCaller = createCallerFactory(appRouter);

/** tRPC for React Server Components: same procedures, same checks, no HTTP hop. */
export const serverApi = cache(async () => createCaller(await createContext({ headers: await headers() })));
