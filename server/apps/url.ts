/**
 * The only URLs a tile may open: absolute http(s), no user:password@ part (a classic way to
 * dress a link up as another site), and no longer than a browser handles well. Everything else
 * (javascript:, data:, relative paths) is refused when an admin saves the tile, and again by the
 * launch route before it redirects, so a row written some other way still can't run script.
 */
export function safeAppUrl(raw: string): URL | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > 2000) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || !url.hostname) return null;
  return url;
}
