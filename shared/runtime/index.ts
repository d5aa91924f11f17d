/** shared/runtime: how the activities and HTTP functions get their dependencies (store, Graph, clock). */
export { dependencies, useDependencies, type Dependencies } from "./dependencies";
