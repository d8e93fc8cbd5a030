// The few HTML pages oidc-provider renders itself (logout confirmation, errors): plain, no scripts,
// readable at any width.
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Staffroom</title><link rel="icon" href="/favicon.svg"><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}h1{font-size:1.25rem}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;min-height:44px}</style></head><body><main>${body}</main></body></html>`;
}
