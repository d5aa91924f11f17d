import { stepBackWave } from "../../shared/app/step-back-wave";
import { dependencies } from "../../shared/runtime/dependencies";
import { Activities } from "../activity-contracts";
import { registerActivity } from "../wave/call-activity";

registerActivity(Activities.stepBackWave, async (input) => stepBackWave(await dependencies(), input));
