import * as df from "durable-functions";
import { PLACEHOLDER_GREET_ACTIVITY } from "./placeholder-names";

df.app.activity(PLACEHOLDER_GREET_ACTIVITY, {
  handler: (name: unknown): string => {
    if (typeof name !== "string" || name.trim() === "")
      throw new Error("placeholderGreet needs a non-empty name");
    return `Hello ${name}`;
  },
});
