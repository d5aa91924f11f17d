/** shared/text: text from outside made safe to show in a terminal or a log. */
export { cleanFreeText } from "./terminal-safe";
