/** A test's cookie jar for calling Auth.js's routes as a browser would. */
export type Jar = Map<string, string>;

/** Keeps the cookies a response sets. */
export function remember(jar: Jar, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...value] = pair!.split("=");
    jar.set(name!.trim(), value.join("="));
  }
}

/** The Cookie header that sends the jar back. */
export const cookieHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
