/**
 * Sign-in ingest: reading Graph's sign-in pages into the domain's counters fast enough to keep up
 * with the log (bench/gate-throughput.ts). The fold and its typed-array tables and pools live here,
 * between the pure rules of shared/domain (what an attempt is, how it counts) and the callers that
 * read the log (the collect activity, preview, retry of held-back users, the backtest).
 */
export {
  createSignInFold,
  createUsersFold,
  type FoldWindow,
  type SignInFold,
  type SignInFoldOptions,
  type TimeStretch,
} from "./sign-in-fold";
