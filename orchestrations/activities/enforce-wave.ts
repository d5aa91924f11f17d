import { enforceWave } from "../../shared/app/enforce-wave";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

registerActivity(Activities.enforceWave, async (input) => enforceWave(await dependencies(), input));
