import { dependencies } from "../../shared/runtime/dependencies";
import { verifyControlRequest } from "../../shared/app/control-requests";
import { Activities } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

registerActivity(Activities.verifyControlRequest, async (input) =>
  verifyControlRequest((await dependencies()).store, input),
);
