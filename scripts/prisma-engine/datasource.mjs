// Datasource URLs understood by our schema engine (provider "postgresql"):
//
//   postgresql://user:pass@host:port/db   (or postgres://)  a PostgreSQL server, via @prisma/adapter-pg
//   file:<path>                                              an embedded PGlite database stored in
//                                                            the directory <path>; a relative path
//                                                            resolves against the working directory
//                                                            (the CLI runs the engine in the project
//                                                            root); file:///abs/path also works.
//
// The Prisma CLI only requires the URL to be a string (it never checks the scheme against the
// provider; the native engine would), and it parses `file:` URLs well enough to print
// `PostgreSQL database "pglite" ... at "file:…"`. That's why PGlite uses `file:` rather than
// an invented scheme.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {{ kind: "postgres", url: string }} PostgresDatasource
 * @typedef {{ kind: "pglite", dataDir: string }} PGliteDatasource
 * @param {string} url
 * @param {string} [cwd]
 * @returns {PostgresDatasource | PGliteDatasource}
 */
export function parseDatasourceUrl(url, cwd = process.cwd()) {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", url };
  if (/^file:/i.test(url)) {
    const dataDir = url.startsWith("file://")
      ? fileURLToPath(url)
      : resolve(cwd, decodeURIComponent(url.slice("file:".length).replace(/[?#].*$/, "")));
    return { kind: "pglite", dataDir };
  }
  throw new Error(
    `Unsupported datasource URL scheme in "${redactUrl(url)}": use postgresql://… for PostgreSQL or file:<dir> for an embedded PGlite database.`,
  );
}

/** Hides the password of a URL for messages. */
export function redactUrl(url) {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, "//$1:***@");
}
