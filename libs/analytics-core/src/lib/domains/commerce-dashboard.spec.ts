import { commerceGrowth, commerceSummary, revenueShares } from './commerce-dashboard';

describe('commerceSummary', () => {
  it('divides revenue by priced orders and buyers by visitors', () => {
    // 3 orders, 2 in the tenant's currency worth 100 + 50; 4 visitors, 2 of them bought
    const summary = commerceSummary({ orders: 3, pricedOrders: 2, revenue: 150, visitors: 4, buyers: 2 });
    expect(summary.averageCartValue).toBe(75);
    expect(summary.conversionRate).toBe(0.5);
  });

  it('is all zeros without visitors or orders', () => {
    expect(commerceSummary({ orders: 0, pricedOrders: 0, revenue: 0, visitors: 0, buyers: 0 })).toMatchObject({ averageCartValue: 0, conversionRate: 0 });
  });
});

describe('commerceGrowth', () => {
  it('compares with the previous period; 1.0 after nothing', () => {
    const current = commerceSummary({ orders: 3, pricedOrders: 3, revenue: 300, visitors: 6, buyers: 3 });
    const previous = commerceSummary({ orders: 2, pricedOrders: 2, revenue: 0, visitors: 4, buyers: 1 });
    // revenue 300 after 0 → 1.0; orders (3 − 2) / 2 = 0.5; conversion 0.5 after 0.25 → (0.5 − 0.25) / 0.25 = 1
    expect(commerceGrowth(current, previous)).toEqual({ revenue: 1, orders: 0.5, conversionRate: 1 });
  });
});

describe('revenueShares', () => {
  it('gives each slice its part of the revenue', () => {
    // 60 + 20 + 20 = 100
    const shares = revenueShares([
      { key: 'electronics', revenue: 60, orders: 2 },
      { key: 'books', revenue: 20, orders: 1 },
      { key: 'toys', revenue: 20, orders: 1 },
    ]);
    expect(shares.map((slice) => slice.revenueShare)).toEqual([0.6, 0.2, 0.2]);
  });
});
