/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit) as its own step;
  // the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // Native / WebAssembly packages load files relative to themselves at run time,
  // so they must stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pg",
    "pg-boss",
    "@prisma/adapter-pg",
    // Reads its font metrics from files beside itself (login cards, server/accounts/cards-pdf.ts).
    "pdfkit",
    // Koa-based; loads its views and helpers at run time (the OpenID Connect provider, server/oidc).
    "oidc-provider",
  ],
};

export default nextConfig;
