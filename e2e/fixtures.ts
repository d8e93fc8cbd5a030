/** The demo admin the e2e server seeds (see e2e/server.ts). */
export const ADMIN = { email: "admin@oakfield.example", password: "e2e-demo-password-1" };
export const SCHOOL_NAME = "Oakfield Primary School";
/** The Wonde emulator behind the e2e server; follows E2E_PORT (3100 → 4110) so two e2e runs can share a machine. */
export const E2E_EMULATOR_PORT = Number(process.env.E2E_PORT ?? 3100) + 1010;
