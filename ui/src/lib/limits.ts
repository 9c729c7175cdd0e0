// The bounds forms check before sending: the backend's own numbers (the generated `LIMITS`).
import { LIMITS } from "../backend";

export { LIMITS };

/** Digits only, as many as the backend accepts. */
export const PIN_PATTERN = new RegExp(`^\\d{${LIMITS.pin_min_len},${LIMITS.pin_max_len}}$`);

/** A name field's length rule (people, teams, seats, the site, holidays). */
export const NAME_MAX = LIMITS.name_max_len;
