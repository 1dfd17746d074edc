import { suppress, waitingBand } from '../../src/domain/outflow/outflow-suppression';

describe('outflow monitor suppression', () => {
  test('[O32] no count under 5 is shown', () => {
    const r = suppress(new Map([['BW', 9], ['MO', 6], ['JEUGD', 3], ['GGZ', 2]]));
    expect(r.cells).toEqual([
      { value: 'BW', count: 9, suppressed: false },
      { value: 'GGZ', count: null, suppressed: true },
      { value: 'JEUGD', count: null, suppressed: true },
      { value: 'MO', count: 6, suppressed: false },
    ]);
    expect(r.total).toBe(20);
  });

  test('[O32] a single small cell is not left to be worked out from the total', () => {
    const r = suppress(new Map([['BW', 6], ['MO', 1], ['GGZ', 8]]));
    expect(r.cells.filter((c) => c.suppressed).map((c) => c.value).sort()).toEqual(['BW', 'MO']);
    expect(r.total).toBe(15);
  });

  test('[O32] a total under 5 is not shown either', () => {
    expect(suppress(new Map([['BW', 3]]))).toEqual({ cells: [{ value: 'BW', count: null, suppressed: true }], total: null });
  });

  test('waiting time counts in bands', () => {
    expect([10, 90, 200, 400].map(waitingBand)).toEqual(['UNDER_3_MONTHS', '3_TO_6_MONTHS', '6_TO_12_MONTHS', '12_MONTHS_OR_MORE']);
  });
});
