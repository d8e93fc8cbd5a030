// Loads @prisma/schema-engine-wasm on Node 20.
//
// The package's entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which
// Node 20 can't import; so we instantiate the .wasm ourselves against the package's JS glue,
// the same wiring its entry point does.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/** Records the last Rust panic message; the wasm glue calls set_message before trapping. */
export const panicRegistry = {
  message: "",
  set_message(message) {
    this.message = message;
  },
  get() {
    return this.message;
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

/** @returns {Promise<typeof import("@prisma/schema-engine-wasm")>} */
export async function loadSchemaEngineWasm() {
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const runtime = await import(pathToFileURL(gluePath).href);
  const bytes = await readFile(join(dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": runtime });
  runtime.__wbg_set_wasm(instance.exports);
  /** @type {any} */ (instance.exports).__wbindgen_start();
  return runtime;
}
