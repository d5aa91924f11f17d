import type { UserRegistrationDetails } from "@microsoft/microsoft-graph-types";
import type { SimUser } from "./users";

/**
 * Who has which authentication methods when. Explicit changes (scenario state, knobs) are in
 * `user.methodEvents`. Users who start unregistered in a scenario register by themselves once an
 * **enforced** policy first asks them for MFA on a client that can show the registration interrupt
 * (50079/50072): on the spot, in that attempt, when the tenant allows it (`atPrompt: "register"`,
 * Entra's combined registration), else `registersAfterAskedMs` later. Report-only never prompts
 * anyone (docs/identity/conditional-access/concept-conditional-access-report-only.md: "the user
 * isn't prompted"), so it never makes anyone register.
 */

/** The first enforced ask of a user in (fromMs, toMs], judged with explicit methods only, with its answer delay. */
export type FirstAskFinder = (
  user: SimUser,
  fromMs: number,
  toMs: number,
) => { askedAt: number; answerMs: number } | undefined;

const SELF_REGISTERED: readonly string[] = ["microsoftAuthenticatorPush", "mobilePhone"];
const STRONG = new Set([
  "microsoftAuthenticatorPush",
  "microsoftAuthenticatorPasswordless",
  "softwareOneTimePasscode",
  "hardwareOneTimePasscode",
  "mobilePhone",
  "alternateMobilePhone",
  "officePhone",
  "fido2SecurityKey",
  "windowsHelloForBusiness",
  "temporaryAccessPass",
]);
const PASSWORDLESS = new Set([
  "microsoftAuthenticatorPasswordless",
  "fido2SecurityKey",
  "windowsHelloForBusiness",
]);

interface AskScan {
  scannedTo: number;
  ask?: { askedAt: number; answerMs: number };
}

export class RegistrationTracker {
  private readonly scans = new Map<string, AskScan>();
  private finder: FirstAskFinder = () => undefined;

  constructor(
    private readonly now: () => number,
    private readonly askingStartsAt: number,
    private readonly atPrompt: "register" | "defer" = "register",
  ) {}

  /** Set once the sign-in generator exists (it needs this tracker too). */
  useFinder(finder: FirstAskFinder): void {
    this.finder = finder;
  }

  /** Methods registered strictly before `at`, with when they were registered. */
  stateAt(user: SimUser, at: number): { methods: readonly string[]; since: number } {
    let event = user.methodEvents[0]!;
    for (const e of user.methodEvents) if (e.at < at) event = e;
    const explicit = { methods: event.methods, since: event.at };
    if (user.registersAfterAskedMs === undefined || explicit.methods.length) return explicit;
    const lag = this.atPrompt === "register" ? 0 : user.registersAfterAskedMs;
    const ask = this.askBefore(user, at - lag);
    if (ask === undefined) return explicit;
    const registeredAt = ask.askedAt + (this.atPrompt === "register" ? ask.answerMs : lag);
    return registeredAt > explicit.since && registeredAt < at
      ? { methods: SELF_REGISTERED, since: registeredAt }
      : explicit;
  }

  /** The user registers at the interrupt of the attempt starting at `at` (their first enforced ask). */
  registersAt(user: SimUser, at: number): boolean {
    if (this.atPrompt !== "register" || user.registersAfterAskedMs === undefined) return false;
    return this.askBefore(user, at + 1)?.askedAt === at && !this.explicitHasMethodAt(user, at);
  }

  hasMethodAt(user: SimUser, at: number): boolean {
    return this.stateAt(user, at).methods.some((m) => STRONG.has(m));
  }

  /** Methods judged from explicit events only: what the "asked" scan must use (no circularity). */
  explicitHasMethodAt(user: SimUser, at: number): boolean {
    let explicit = user.methodEvents[0]!;
    for (const e of user.methodEvents) if (e.at < at) explicit = e;
    return explicit.methods.some((m) => STRONG.has(m));
  }

  /** The first ask strictly before `limit`, scanning lazily; history up to now never changes. */
  private askBefore(user: SimUser, limit: number): AskScan["ask"] {
    let scan = this.scans.get(user.id);
    if (!scan) this.scans.set(user.id, (scan = { scannedTo: this.askingStartsAt }));
    if (!scan.ask) {
      const to = Math.min(limit, this.now());
      if (to > scan.scannedTo) {
        scan.ask = this.finder(user, scan.scannedTo, to);
        scan.scannedTo = to;
      }
    }
    return scan.ask && scan.ask.askedAt < limit ? scan.ask : undefined;
  }

  details(user: SimUser, now: number): UserRegistrationDetails {
    const { methods, since } = this.stateAt(user, now + 1);
    const mfa = methods.some((m) => STRONG.has(m));
    const passwordless = methods.some((m) => PASSWORDLESS.has(m));
    const preferred = methods.includes("microsoftAuthenticatorPush")
      ? "push"
      : methods.includes("softwareOneTimePasscode") || methods.includes("hardwareOneTimePasscode")
        ? "oath"
        : methods.includes("mobilePhone")
          ? "sms"
          : "none";
    return {
      id: user.id,
      userPrincipalName: user.upn,
      userDisplayName: user.displayName,
      userType: user.userType === "Guest" ? "guest" : "member",
      isAdmin: user.kind === "breakGlass",
      isMfaRegistered: mfa,
      isMfaCapable: mfa,
      isPasswordlessCapable: passwordless,
      isSsprRegistered: methods.length > 0,
      isSsprEnabled: user.kind === "person",
      isSsprCapable: methods.length > 0 && user.kind === "person",
      methodsRegistered: [...methods],
      isSystemPreferredAuthenticationMethodEnabled: true,
      systemPreferredAuthenticationMethods: mfa
        ? [passwordless ? "Fido2" : preferred === "none" ? "Sms" : capital(preferred)]
        : [],
      userPreferredMethodForSecondaryAuthentication: preferred,
      lastUpdatedDateTime: new Date(since).toISOString(),
    };
  }
}

function capital(s: string): string {
  return s === "oath" ? "SoftwareOath" : s.charAt(0).toUpperCase() + s.slice(1);
}
