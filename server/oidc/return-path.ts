// Where a pupil goes after signing in when an app's sign-in sent them: the pupil sign-in pages
// (password, badge, pictures) always end on the launcher, so the interaction leaves its address
// in a short-lived cookie that the pupil sign-in reads.
export const APP_SIGN_IN_RETURN_COOKIE = "staffroom.app-sign-in";
export const APP_SIGN_IN_RETURN_MAX_AGE_S = 600;

const INTERACTION = /^\/oidc\/interaction\/[\w-]{1,100}$/;

/** The interaction to return to, if the cookie names one; anything else is ignored. */
export const appSignInReturn = (value: string | undefined): string | null => (value && INTERACTION.test(value) ? value : null);
