import * as df from "durable-functions";
import { dependencies } from "../../shared/runtime/dependencies";
import { verifyControlRequest, type VerifyControlInput } from "../../shared/services/control-requests";
import { Activities } from "../activity-contracts";

df.app.activity(Activities.verifyControlRequest, {
  handler: async (input: VerifyControlInput) => verifyControlRequest((await dependencies()).store, input),
});
