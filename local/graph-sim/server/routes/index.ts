import type { RouteDef } from "../router";
import { directoryRoutes } from "./directory";
import { groupDeltaRoutes } from "./groups-delta";
import { groupRoutes } from "./groups";
import { policyRoutes } from "./policies";
import { registrationRoutes } from "./registration";
import { signInRoutes } from "./sign-ins";
import { userRoutes } from "./users";

export const graphRoutes: readonly RouteDef[] = [
  ...policyRoutes,
  ...userRoutes,
  // Before groups/:id, which would take "delta" for an id.
  ...groupDeltaRoutes,
  ...groupRoutes,
  ...signInRoutes,
  ...registrationRoutes,
  ...directoryRoutes,
];
