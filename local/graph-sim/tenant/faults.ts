/**
 * Injected failures, each in effect over a time span so past sign-ins keep their outcome:
 * MFA-provider outages (every challenge fails) and apps whose MFA flow breaks on one platform
 * for named users (the "three or four phones" of the design story).
 */
export class Faults {
  private readonly outages: { from: number; to: number }[] = [];
  /** key appId|platform|userId → effective after this instant. */
  private readonly broken = new Map<string, number>();

  addOutage(from: number, to: number): void {
    if (to > from) this.outages.push({ from, to });
  }

  outageAt(at: number): boolean {
    return this.outages.some((o) => at >= o.from && at < o.to);
  }

  breakApp(appId: string, platform: string, userId: string, since: number): void {
    const key = brokenKey(appId, platform, userId);
    if (!this.broken.has(key)) this.broken.set(key, since);
  }

  appBrokenAt(appId: string, platform: string, userId: string, at: number): boolean {
    if (this.broken.size === 0) return false;
    const since = this.broken.get(brokenKey(appId, platform, userId));
    return since !== undefined && since < at;
  }
}

function brokenKey(appId: string, platform: string, userId: string): string {
  return `${appId.toLowerCase()}|${platform.toLowerCase()}|${userId.toLowerCase()}`;
}
