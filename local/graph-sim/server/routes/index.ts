import type { RouteDef } from "../router";
import { directoryRoutes } from "./directory";
import { groupRoutes } from "./groups";
import { policyRoutes } from "./policies";
import { registrationRoutes } from "./registration";
import { signInRoutes } from "./sign-ins";
import { userRoutes } from "./users";

export const graphRoutes: readonly RouteDef[] = [
  ...policyRoutes,
  ...userRoutes,
  ...groupRoutes,
  ...signInRoutes,
  ...registrationRoutes,
  ...directoryRoutes,
];
