import { LIGHT_COLOR_NAMES, LIGHT_LABELS, type Light } from "../../contracts/appeals.js";

/** How the console paints a due light (the rule that picks it is src/core/due-light.ts). */
export const LIGHT_COLORS: Record<Light, string> = { red: "#ff4d4f", yellow: "#faad14", green: "#52c41a" };

/** "红灯：已超期" — the light's name for screen readers and tooltips. */
export function lightName(light: Light): string {
  return `${LIGHT_COLOR_NAMES[light]}：${LIGHT_LABELS[light]}`;
}
