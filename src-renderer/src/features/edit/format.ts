/** Money in the API's ticks (1e10 = 1 USD), shown with a tenth of a cent so the $0.002 input charge is visible. */
export function formatTicks(ticks: number): string {
  return `$${(ticks / 1e10).toFixed(3)}`;
}
