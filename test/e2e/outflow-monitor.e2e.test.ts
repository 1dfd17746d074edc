import { startTestServer, type TestServer } from '../helpers/test-server';

const MONITOR = `query($c: ID!, $d: OutflowDimension!) { outflowMonitor(collaborationId: $c, dimension: $d) { dimension total minimumCell cells { value count suppressed } } }`;
const RECORD = `mutation($input: RecordOutflowInput!) { recordOutflow(input: $input) { recorded } }`;

describe('outflow monitor (issue 6)', () => {
  let s: TestServer;
  let col: string;
  beforeAll(async () => {
    s = await startTestServer();
    col = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'walcheren'`))[0].id;
    const clients = [
      ...Array.from({ length: 5 }, () => ({ targetGroup: 'BW', municipalityOfOrigin: 'Middelburg' })),
      { targetGroup: 'BW', municipalityOfOrigin: 'Vlissingen' },
      { targetGroup: 'MO', municipalityOfOrigin: 'Vlissingen' },
    ];
    for (const [i, c] of clients.entries()) {
      const reg = await s.as('consulent.walcheren').gql(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`, {
        input: { collaborationId: col, reference: `WTW-2026-5${i}`, kind: 'INDIVIDUAL' },
      });
      const r = await s.as('consulent.walcheren').gql(RECORD, {
        input: { caseId: reg.data!.registerCase.id, facility: 'Beschermd Wonen Walcheren', ageCategory: 'AGE_30_49', waitingDays: 40 + i * 30, relapse: false, ...c },
      });
      expect(r.errors).toBeUndefined();
    }
  });
  afterAll(() => s.stop());

  test('[O32] counts per dimension with no count under 5, nor one to be worked out from the total', async () => {
    const byGroup = (await s.as('consulent.walcheren').gql(MONITOR, { c: col, d: 'TARGET_GROUP' })).data!.outflowMonitor;
    expect(byGroup).toEqual({
      dimension: 'TARGET_GROUP', total: 7, minimumCell: 5,
      cells: [{ value: 'BW', count: null, suppressed: true }, { value: 'MO', count: null, suppressed: true }],
    });
    const byAge = (await s.as('consulent.walcheren').gql(MONITOR, { c: col, d: 'AGE_CATEGORY' })).data!.outflowMonitor;
    expect(byAge.cells).toEqual([{ value: 'AGE_30_49', count: 7, suppressed: false }]);
    const byRelapse = (await s.as('consulent.walcheren').gql(MONITOR, { c: col, d: 'RELAPSE' })).data!.outflowMonitor;
    expect(byRelapse.cells).toEqual([{ value: 'NO_RELAPSE', count: 7, suppressed: false }]);
    const byWait = (await s.as('consulent.walcheren').gql(MONITOR, { c: col, d: 'WAITING_TIME' })).data!.outflowMonitor;
    expect(byWait.cells.every((c: any) => c.count === null || c.count >= 5)).toBe(true);
  });

  test('[O32] only steering, coordinating, directing or privacy roles of a party see the monitor', async () => {
    const member = await s.as('corporatie.walcheren').gql(MONITOR, { c: col, d: 'FACILITY' });
    expect(member.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_MONITOR_ROLE' });
    const other = await s.as('sociaalteam.zeist').gql(MONITOR, { c: col, d: 'FACILITY' });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_PARTY' });
  });
});
