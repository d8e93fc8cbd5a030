#!/usr/bin/env node
// A drop-in "schema engine binary" for the stock Prisma CLI (set PRISMA_SCHEMA_ENGINE_BINARY to
// this file; prisma.config.ts does). Prisma's native engine can't be downloaded here, so this
// drives the same engine built to WebAssembly (@prisma/schema-engine-wasm) through driver
// adapters, for PostgreSQL (postgresql://…) and embedded PGlite (file:<dir>) URLs.
//
// Protocol, as the CLI (prisma 7.10) speaks it:
//   ENGINE [--datamodels PATH]… [--datasource JSON]          JSON-RPC 2.0 over stdin/stdout,
//                                                            one message per line
//   ENGINE --datasource JSON cli can-connect-to-database|create-database|drop-database
//                                                            exit 0, or exit 1 with a JSON log
//                                                            line {level:"ERROR",fields:{error_code,
//                                                            message}} on stderr (the CLI skips
//                                                            the first stderr line)
//   ENGINE --version
//
// Node warnings go to stderr, where the CLI expects only JSON lines: silence them before loading
// anything (the helpers are imported dynamically for that reason).
process.removeAllListeners("warning");

const { readFile } = await import("node:fs/promises");
const { createInterface } = await import("node:readline");
const { createRequire } = await import("node:module");

const args = parseArgs(process.argv.slice(2));

if (args.version) {
  // The package's exports hide package.json: find it beside the module.
  const require = createRequire(import.meta.url);
  const { dirname, join } = await import("node:path");
  const pkg = require(join(dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "package.json"));
  process.stdout.write(`schema-engine-cli ${String(pkg.version).split(".").pop()} (wasm)\n`);
  process.exit(0);
}

const { parseDatasourceUrl } = await import("./datasource.mjs");

if (args.cliCommand) {
  const { runCliCommand } = await import("./cli-commands.mjs");
  // The first stderr line is skipped by the CLI.
  logLine("INFO", { message: `Starting schema engine CLI (${args.cliCommand})` });
  try {
    const url = args.datasource?.url;
    if (!url) throw Object.assign(new Error("No datasource URL was given."), { errorCode: "P1012" });
    await runCliCommand(args.cliCommand, parseDatasourceUrl(url));
    process.exit(0);
  } catch (error) {
    const err = /** @type {any} */ (error);
    // Without an error code the CLI shows the message as a plain engine error.
    logLine("ERROR", { error_code: err.errorCode, message: err.message ?? String(err) }, "schema_engine::logger");
    process.exit(1);
  }
}

await serveJsonRpc();

// ---------------------------------------------------------------------------------------------

async function serveJsonRpc() {
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  const { loadSchemaEngineWasm, panicRegistry } = await import("./wasm.mjs");
  const { postgresFactory, pgliteFactory } = await import("./adapters.mjs");
  const { createDatabase } = await import("./cli-commands.mjs");

  const url = args.datasource?.url;
  /** @type {ReturnType<typeof parseDatasourceUrl> | undefined} */
  let datasource;
  /** @type {unknown} */
  let datasourceError;
  try {
    datasource = url ? parseDatasourceUrl(url) : undefined;
  } catch (error) {
    datasourceError = error; // reported as the answer to each request
  }
  const rawFactory = !datasource
    ? undefined
    : datasource.kind === "postgres"
      ? postgresFactory(datasource.url, args.datasource?.shadowDatabaseUrl)
      : pgliteFactory(datasource.dataDir);
  const factory = rawFactory && bindMigrationAwareSqlAdapterFactory(rawFactory);

  /** @type {Promise<any> | undefined} */
  let enginePromise;
  const engine = () =>
    (enginePromise ??= (async () => {
      if (datasourceError) throw datasourceError;
      if (!factory) throw userError("P1012", "The datasource.url property is required in your Prisma config file.");
      const wasm = await loadSchemaEngineWasm();
      const datamodels = await Promise.all(args.datamodels.map(async (path) => [path, await readFile(path, "utf8")]));
      // `datamodels: []` makes the engine panic: pass undefined when there is no schema.
      return wasm.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, forwardEngineLog, factory);
    })());

  // Workaround (wasm engine 8.1.0-2.59be4fd): only devDiagnostic builds the shadow database
  // (which replays the migrations to compare them with the schema); createMigration and
  // evaluateDataLoss reuse what it cached, and fail with "shadow DB must be provided through an
  // external factory" when there is nothing cached, e.g. after applyMigrations applied
  // something. `migrate dev` calls devDiagnostic before applyMigrations: re-run it when the
  // migrations or the database changed since.
  let diagnosedMigrations = "";
  const readOnlyMethods = new Set(["getDatabaseVersion", "diagnoseMigrationHistory", "ensureConnectionValidity", "introspect", "introspectSql", "diff"]);
  const ensureShadowSchema = async (eng, params) => {
    const key = JSON.stringify(params.migrationsList);
    if (key === diagnosedMigrations) return;
    await eng.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
    diagnosedMigrations = key;
  };

  /** @type {Record<string, (params: any) => Promise<unknown>>} */
  const methods = {
    getDatabaseVersion: async (params) => (await engine()).version(params ?? undefined),
    createDatabase: async () => {
      if (datasourceError) throw datasourceError;
      if (!datasource) throw userError("P1012", "No datasource URL was given.");
      return { databaseName: await createDatabase(datasource) };
    },
    devDiagnostic: async (params) => {
      const result = await (await engine()).devDiagnostic(params);
      diagnosedMigrations = JSON.stringify(params.migrationsList);
      return result;
    },
    evaluateDataLoss: async (params) => {
      const eng = await engine();
      await ensureShadowSchema(eng, params);
      return eng.evaluateDataLoss(params);
    },
    createMigration: async (params) => {
      const eng = await engine();
      await ensureShadowSchema(eng, params);
      return eng.createMigration(params);
    },
    // The CLI prints what `diff` returns in `stdout` only when it arrives as a `print` request.
    diff: async (params) => {
      const result = await (await engine()).diff(params);
      if (result.stdout != null) await requestPrint(result.stdout);
      return { exitCode: result.exitCode };
    },
  };
  for (const name of [
    "applyMigrations",
    "dbExecute",
    "debugPanic",
    "diagnoseMigrationHistory",
    "ensureConnectionValidity",
    "introspect",
    "introspectSql",
    "markMigrationApplied",
    "markMigrationRolledBack",
    "reset",
    "schemaPush",
  ]) {
    methods[name] ??= async (params) => {
      const eng = await engine();
      return eng[name](params);
    };
  }

  // Requests from us to the CLI (only `print`), by id.
  let nextOwnId = 0;
  /** @type {Map<string, () => void>} */
  const ownRequests = new Map();
  function requestPrint(content) {
    const id = `engine-print-${++nextOwnId}`;
    return new Promise((resolve) => {
      ownRequests.set(id, () => resolve(undefined));
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });
  }

  async function handle(message) {
    if (message.method === undefined) {
      ownRequests.get(String(message.id))?.();
      ownRequests.delete(String(message.id));
      return;
    }
    const { id, method, params } = message;
    const fn = methods[method];
    if (!fn) {
      send({ jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${method}` } });
      return;
    }
    if (!readOnlyMethods.has(method) && !["devDiagnostic", "evaluateDataLoss", "createMigration"].includes(method)) {
      diagnosedMigrations = "";
    }
    try {
      const result = await fn(params);
      send({ jsonrpc: "2.0", id, result: result ?? {} });
    } catch (error) {
      send({ jsonrpc: "2.0", id, error: toRpcError(error, factory, panicRegistry) });
    }
  }

  // The CLI sends one request at a time, but keep them in order regardless; replies to our
  // `print` requests must not wait behind the request that is waiting for them.
  let queue = Promise.resolve();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined) void handle(message);
    else queue = queue.then(() => handle(message));
  });

  // The CLI ends stdin and then sends SIGTERM straight away (and waits for us to exit): finish
  // the request in flight, then close the databases (PGlite must be closed cleanly) and drop
  // leftover shadow databases.
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await queue;
    try {
      await rawFactory?.close();
    } catch (error) {
      logLine("WARN", { message: `Closing the database failed: ${String(error)}` });
    }
    // The wasm engine leaves timers behind; don't wait for them.
    process.exit(0);
  };
  lines.on("close", shutdown);
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

// ---------------------------------------------------------------------------------------------

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** One JSON log line on stderr, in the native engine's format. */
function logLine(level, fields, target = "schema_engine") {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

/** The wasm engine's log lines are already JSON, one per call. */
function forwardEngineLog(line) {
  process.stderr.write(String(line).endsWith("\n") ? String(line) : `${line}\n`);
}

function userError(errorCode, message) {
  return Object.assign(new Error(message), { errorCode });
}

// Known messages of the wasm engine that come without the error code the native engine gives.
const CODES_BY_MESSAGE = [
  [/^Database `[^`]*` does not exist/, "P1003"],
  [/^Can't reach database server/, "P1001"],
  [/^Authentication failed/, "P1000"],
];

/** Turns an engine or driver error into the JSON-RPC error the CLI understands. */
function toRpcError(error, factory, panicRegistry) {
  const err = /** @type {any} */ (error);
  // A Rust panic traps the wasm instance; its message was sent to the panic registry.
  if (err?.name === "RuntimeError") {
    const message = panicRegistry.get() || String(err.message);
    return { code: 4466, message, data: { is_panic: true, message, backtrace: err.stack } };
  }
  const fullMessage = String(err?.message ?? err);
  // The engine appends a span trace ("   0: module::function …"): keep the human part.
  let message = (fullMessage.split(/\n\s+0: /)[0] ?? fullMessage).replace(/^external connector error\n/, "");
  // A failed migration comes without the native engine's P3018 wording; the trace names it.
  const failedMigration = /apply_script\s+with migration_name="([^"]*)"/.exec(fullMessage)?.[1];
  if (failedMigration !== undefined) {
    message =
      "A migration failed to apply. New migrations cannot be applied before the error is recovered from. " +
      "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n" +
      `Migration name: ${failedMigration}\n\nDatabase error:\n${message.replace(/^Error querying the database: /, "")}`;
  }
  // A driver error that is not a DriverAdapterError reaches the engine as an id into the
  // adapter's error registry.
  message = message.replace(/External error id#(\d+)/g, (match, id) => {
    const registered = factory?.errorRegistry.consumeError(Number(id));
    return registered ? String(registered.error?.message ?? registered.error) : match;
  });
  const errorCode = (failedMigration !== undefined ? "P3018" : undefined) ?? [err?.errorCode, err?.code].find((code) => typeof code === "string" && /^P\d{4}$/.test(code)) ??
    CODES_BY_MESSAGE.find(([re]) => re.test(message))?.[1];
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: false, message: message.trimEnd(), meta: {}, ...(errorCode ? { error_code: errorCode } : {}) },
  };
}

function parseArgs(argv) {
  /** @type {{ datamodels: string[], datasource?: { url?: string, shadowDatabaseUrl?: string }, cliCommand?: string, version: boolean }} */
  const out = { datamodels: [], version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--datamodels") out.datamodels.push(String(argv[++i]));
    else if (arg === "--datasource") out.datasource = JSON.parse(String(argv[++i]));
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++;
    else if (arg === "--version" || arg === "-V") out.version = true;
    else if (arg === "cli") out.cliCommand = argv[++i];
  }
  return out;
}
