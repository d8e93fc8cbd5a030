// Cookie names for pupil sign-in, shared by proxy.ts (which sets the device id) and the server.

/** A random id per browser, for throttling pupil sign-in per device. */
export const DEVICE_COOKIE = "staffroom-device";
/** The token of a device set up by staff for shared pupil sign-in (PupilSharedDevice). */
export const SHARED_DEVICE_COOKIE = "staffroom-shared-device";
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;
