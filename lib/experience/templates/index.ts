import { euCookieBanner } from "./eu-cookie-banner";
import { marketingPreferenceCentre } from "./marketing-preference-centre";
import { piplFirstLaunchPopup } from "./pipl-first-launch-popup";
import type { ExperienceTemplate } from "./context";

export type { ExperienceTemplate } from "./context";
export { euCookieBanner, marketingPreferenceCentre, piplFirstLaunchPopup };

/** In the order the "new experience" form offers them; ids are message keys in the console. */
export const TEMPLATES: readonly ExperienceTemplate[] = [euCookieBanner, piplFirstLaunchPopup, marketingPreferenceCentre];
