const KEY = 'pulse.secretKey';

/** The tenant's secret key for this browser tab only (sessionStorage: gone when the tab closes). */
export function storedSecretKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeSecretKey(secretKey: string): void {
  sessionStorage.setItem(KEY, secretKey);
}

export function forgetSecretKey(): void {
  sessionStorage.removeItem(KEY);
}
