/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native / WebAssembly packages load files relative to themselves at run time,
  // so they must stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "pg",
    "pg-boss",
    "@prisma/adapter-pg",
  ],
};

export default nextConfig;
