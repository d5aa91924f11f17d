import type { DeviceDetail, SignInLocation } from "@microsoft/microsoft-graph-types";
import { guid, pick, unit } from "./prng";
import type { LegacyClient, Platform } from "./scenario-schema";
import type { SimUser } from "./users";

/** Well-known first-party app ids, as they appear in real sign-in logs. */
export const EXCHANGE_ONLINE = "00000002-0000-0ff1-ce00-000000000000";
export const ADMIN_PORTAL_APPS = new Set(["c44b4083-3bb0-49c1-b47d-974e53cbdf3c"]);

export interface SimApp {
  readonly appId: string;
  readonly displayName: string;
  readonly kind: "firstParty" | "lineOfBusiness";
  /** Used only from this day of the month (UTC), then for `monthEndShare` of sign-ins: see ScenarioApp. */
  readonly usedFromDayOfMonth?: number;
  readonly monthEndShare?: number;
}

/** Whether people use the app on the day of `at` (a month-end app only in the month's last days). */
export function inUseOn(app: SimApp | undefined, at: number): boolean {
  return app?.usedFromDayOfMonth === undefined || new Date(at).getUTCDate() >= app.usedFromDayOfMonth;
}

/** The client side of one sign-in: what the log shows and what it can do. */
export interface SimClient {
  readonly clientAppUsed: string;
  /** The conditions.clientAppTypes bucket a policy matches against. */
  readonly clientAppType: "browser" | "mobileAppsAndDesktopClients" | "exchangeActiveSync" | "other";
  readonly platform: Platform;
  readonly deviceDetail: DeviceDetail;
  readonly ipAddress: string;
  readonly location: SignInLocation;
  /** Basic-authentication protocols: there is no way to show an MFA prompt. */
  readonly legacy: boolean;
  /** Non-interactive credentials (a service account's ROPC flow) cannot answer a prompt either. */
  readonly canPrompt: boolean;
  /** A managed device that satisfies compliantDevice. */
  readonly compliant: boolean;
}

const OS: Record<Platform, string> = {
  iOS: "Ios",
  Android: "Android",
  Windows: "Windows 10",
  macOS: "MacOs",
};
const LOCATIONS: SignInLocation[] = [
  { city: "Redmond", state: "Washington", countryOrRegion: "US" },
  { city: "London", state: "England", countryOrRegion: "GB" },
  { city: "Dublin", state: "Dublin", countryOrRegion: "IE" },
];

/** Share of a person's sign-ins that go through one of their legacy clients, when they have any. */
const LEGACY_SHARE = 0.35;
/** Share of a phone owner's sign-ins made on the phone. */
const PHONE_SHARE = 0.4;

export interface Usage {
  appId: string;
  client: SimClient;
}

/** What this sign-in of this user is: which app, from which device and client (pure in its inputs). */
export function chooseUsage(seed: number, user: SimUser, h: number): Usage {
  if (user.kind === "service") {
    return {
      appId: user.apps[pick(user.apps.length, h, 11)] ?? EXCHANGE_ONLINE,
      client: clientOf(seed, user, 0),
    };
  }
  if (user.legacyClients.length && unit(h, 12) < LEGACY_SHARE) {
    const protocol = pick(user.legacyClients.length, h, 13);
    return { appId: EXCHANGE_ONLINE, client: clientOf(seed, user, LEGACY + protocol) };
  }
  const appId = user.apps[pick(user.apps.length, h, 14)] ?? EXCHANGE_ONLINE;
  if (user.phone && unit(h, 15) < PHONE_SHARE) return { appId, client: clientOf(seed, user, PHONE) };
  return { appId, client: clientOf(seed, user, unit(h, 16) < 0.5 ? LAPTOP_BROWSER : LAPTOP_APP) };
}

/** The clients a user signs in from: a handful each, so each is built once and shared (read-only). */
const SERVICE = 0;
const PHONE = 1;
const LAPTOP_BROWSER = 2;
const LAPTOP_APP = 3;
const LEGACY = 4;

const clientsByUser = new WeakMap<SimUser, { seed: number; clients: SimClient[] }>();

function clientOf(seed: number, user: SimUser, variant: number): SimClient {
  let known = clientsByUser.get(user);
  if (known?.seed !== seed) clientsByUser.set(user, (known = { seed, clients: [] }));
  return (known.clients[variant] ??= buildClient(seed, user, variant));
}

function buildClient(seed: number, user: SimUser, variant: number): SimClient {
  const location = LOCATIONS[user.hash % LOCATIONS.length]!;
  const octet = 1 + (user.hash % 250);
  if (variant === SERVICE) {
    return {
      clientAppUsed: "Mobile Apps and Desktop clients",
      clientAppType: "mobileAppsAndDesktopClients",
      platform: "Windows",
      deviceDetail: {
        deviceId: "",
        displayName: "",
        operatingSystem: "Windows",
        browser: "",
        isCompliant: false,
        isManaged: false,
        trustType: "",
      },
      ipAddress: `10.20.0.${octet}`,
      location,
      legacy: false,
      canPrompt: false,
      compliant: false,
    };
  }
  if (variant >= LEGACY) return legacyClient(user.legacyClients[variant - LEGACY]!, user, location, octet);
  if (variant === PHONE) {
    const platform = user.phone ?? "iOS";
    return {
      clientAppUsed: "Mobile Apps and Desktop clients",
      clientAppType: "mobileAppsAndDesktopClients",
      platform,
      deviceDetail: {
        deviceId: "",
        displayName: "",
        operatingSystem: OS[platform],
        browser: "Rich Client 4.66.0",
        isCompliant: false,
        isManaged: false,
        trustType: "",
      },
      ipAddress: `198.51.100.${octet}`,
      location,
      legacy: false,
      canPrompt: true,
      compliant: false,
    };
  }
  const platform = user.laptop;
  const managed = platform === "Windows";
  const inBrowser = variant === LAPTOP_BROWSER;
  const browser = !inBrowser ? "Rich Client 16.0.0" : platform === "Windows" ? "Edge 142.0.0" : "Safari 18.1";
  return {
    clientAppUsed: inBrowser ? "Browser" : "Mobile Apps and Desktop clients",
    clientAppType: inBrowser ? "browser" : "mobileAppsAndDesktopClients",
    platform,
    deviceDetail: {
      deviceId: managed ? guid(seed, user.hash, 0xde71ce) : "",
      displayName: managed ? `LT-${user.upn.split("@")[0]!.slice(0, 10).toUpperCase()}` : "",
      operatingSystem: OS[platform],
      browser,
      isCompliant: managed,
      isManaged: managed,
      trustType: managed ? "Azure AD joined" : "",
    },
    ipAddress: `203.0.113.${octet}`,
    location,
    legacy: false,
    canPrompt: true,
    compliant: managed,
  };
}

function legacyClient(
  protocol: LegacyClient,
  user: SimUser,
  location: SignInLocation,
  octet: number,
): SimClient {
  const activeSync = protocol === "Exchange ActiveSync";
  const platform: Platform = activeSync ? (user.phone ?? "iOS") : user.laptop;
  return {
    clientAppUsed: protocol,
    clientAppType: activeSync ? "exchangeActiveSync" : "other",
    platform,
    deviceDetail: {
      deviceId: "",
      displayName: "",
      operatingSystem: activeSync ? OS[platform] : "",
      browser: "",
      isCompliant: false,
      isManaged: false,
      trustType: "",
    },
    ipAddress: `192.0.2.${octet}`,
    location,
    legacy: true,
    canPrompt: false,
    compliant: false,
  };
}
