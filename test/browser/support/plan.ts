/** Reading a redrive or repair plan as the open confirm step shows it. */
import type { Page } from 'playwright-core';

/** A figure of the plan in the open dialog, by its data-testid. */
export const inPlan = (testId: string) => `dialog[open] [data-testid="${testId}"]`;

/** The plan's last errors as shown: error name → count, as the text a user reads. */
export async function planErrors(page: Page): Promise<Record<string, string>> {
  const rows = page.locator(inPlan('plan-error'));
  const shown: Record<string, string> = {};
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const name = (await row.locator('[data-testid="plan-error-name"]').textContent()) ?? '';
    shown[name.trim()] = ((await row.locator('[data-testid="plan-error-count"]').textContent()) ?? '').trim();
  }
  return shown;
}
