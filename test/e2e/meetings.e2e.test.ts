import { startTestServer, testClock, type TestServer } from '../helpers/test-server';

const SCHEDULE = `mutation($input: ScheduleCaseMeetingInput!) { scheduleCaseMeeting(input: $input) { id scheduledAt agenda heldAt attendees { name } } }`;
const DECIDE = `mutation($input: RecordMeetingDecisionsInput!) { recordMeetingDecisions(input: $input) { id decisions heldAt } }`;
const ACTION = `mutation($input: AddActionItemInput!) { addActionItem(input: $input) { id description dueDate assignee { name } } }`;
const PLAN = `mutation($input: SetActionPlanInput!) { setActionPlan(input: $input) { id goals interventions { description informationNeed organisation { name } } } }`;
const LIST = `query($id: ID!) { case(id: $id) { meetings { agenda decisions actionItems { description
  subject { pseudonym personIdentity { content } personContact { content } } } } actionPlan { goals interventions { organisation { name } informationNeed } } } }`;

async function counts(s: TestServer) {
  const [row] = await s.ds.query(`SELECT (SELECT count(*) FROM case_meeting)::int AS meetings, (SELECT count(*) FROM action_item)::int AS items,
    (SELECT count(*) FROM action_plan)::int AS plans, (SELECT count(*) FROM intervention)::int AS interventions,
    (SELECT count(*) FROM case_meeting WHERE held_at IS NOT NULL)::int AS held`);
  return row as Record<string, number>;
}

describe('case meetings, action items and the action plan (issue 6)', () => {
  const clock = testClock('2026-05-04T09:00:00Z');
  let s: TestServer;
  let caseId: string;
  let subjectId: string;
  let meetingId: string;
  const orgOf = async (login: string) => (await s.ds.query(`SELECT organisation_id FROM member WHERE login = $1`, [login]))[0].organisation_id as string;

  beforeAll(async () => {
    s = await startTestServer({ clock: clock.clock });
    const zeistId = (await s.ds.query(`SELECT id FROM collaboration WHERE slug = 'zeist'`))[0].id;
    const d = s.as('sociaalteam.zeist');
    caseId = (await d.gql(`mutation($input: RegisterCaseInput!) { registerCase(input: $input) { id } }`, {
      input: { collaborationId: zeistId, reference: 'ZST-2026-900', kind: 'INDIVIDUAL' },
    })).data!.registerCase.id;
    await d.gql(`mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }`, {
      input: { caseId, organisationId: await orgOf('woonconsulent.zeist'), role: 'PARTNER' },
    });
    subjectId = (await d.gql(`mutation($input: AddSubjectInput!) { addSubject(input: $input) { id } }`, { input: { caseId, roleInCase: 'hoofdbewoner' } })).data!.addSubject.id;
    for (const [category, content] of [['PERSON_IDENTITY', 'J. Jansen, Slotlaan 1, Zeist'], ['PERSON_CONTACT', '06-12345678'], ['FINANCE', 'Schuld 8.000 euro']]) {
      const r = await d.gql(`mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id } }`, {
        input: { caseId, subjectId, category, content },
      });
      expect(r.errors).toBeUndefined();
    }
    await d.gql(`mutation($input: RecordInformingInput!) { recordInforming(input: $input) { id } }`, {
      input: { caseId, subjectId, status: 'INFORMED', ageBand: 'FROM_16', representation: 'SUBJECT', informedAt: '2026-05-01T10:00:00Z', method: 'mondeling' },
    });
  });
  afterAll(() => s.stop());

  const housingSeenBy = async (login: string) =>
    ((await s.as(login, 'CASE_COORDINATION').gql(`query($id: ID!) { case(id: $id) { subjects { information { housing { content } } } } }`, { id: caseId }))
      .data!.case.subjects[0].information.housing as { content: string }[]).map((i) => i.content).sort();

  test('[O18] information its provider shares only at the meeting is not viewable before it', async () => {
    for (const [content, viewableBeforeMeeting] of [['Huurachterstand', true], ['Signaal buren (pas in overleg)', false]] as const) {
      const r = await s.as('sociaalteam.zeist').gql(`mutation($input: AddInformationItemInput!) { addInformationItem(input: $input) { id viewableBeforeMeeting } }`, {
        input: { caseId, subjectId, category: 'HOUSING', content, viewableBeforeMeeting },
      });
      expect(r.errors).toBeUndefined();
    }
    expect(await housingSeenBy('woonconsulent.zeist')).toEqual(['Huurachterstand']);
    expect(await housingSeenBy('sociaalteam.zeist')).toEqual(['Huurachterstand', 'Signaal buren (pas in overleg)']);
  });

  test('[O29] a meeting with agenda and attendees taking part; decisions only once it has taken place', async () => {
    const before = await counts(s);
    const outsider = await s.as('sociaalteam.zeist').gql(SCHEDULE, {
      input: { caseId, scheduledAt: '2026-05-11T13:00:00Z', agenda: 'Toestandsbeeld', attendeeOrganisationIds: [await orgOf('wijkagent.zeist')] },
    });
    expect(outsider.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'attendeeOrganisationIds' });
    const byMember = await s.as('woonconsulent.zeist').gql(SCHEDULE, {
      input: { caseId, scheduledAt: '2026-05-11T13:00:00Z', agenda: 'Toestandsbeeld', attendeeOrganisationIds: [] },
    });
    expect(byMember.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_PROCESS_DIRECTOR' });
    expect(await counts(s)).toEqual(before);

    const m = await s.as('sociaalteam.zeist').gql(SCHEDULE, {
      input: {
        caseId, scheduledAt: '2026-05-11T13:00:00Z', agenda: 'Toestandsbeeld en plan van aanpak',
        attendeeOrganisationIds: [await orgOf('sociaalteam.zeist'), await orgOf('woonconsulent.zeist')],
      },
    });
    expect(m.errors).toBeUndefined();
    expect(m.data!.scheduleCaseMeeting.attendees).toHaveLength(2);
    meetingId = m.data!.scheduleCaseMeeting.id;

    const early = await s.as('sociaalteam.zeist').gql(DECIDE, { input: { meetingId, decisions: 'Woongoed neemt contact op' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'MEETING_NOT_HELD' });
    // [O18] scheduled but not begun: still not viewable.
    expect(await housingSeenBy('woonconsulent.zeist')).toEqual(['Huurachterstand']);
    clock.advanceDays(8);
    // [O18] from the meeting on it is.
    expect(await housingSeenBy('woonconsulent.zeist')).toEqual(['Huurachterstand', 'Signaal buren (pas in overleg)']);
    const held = await s.as('sociaalteam.zeist').gql(DECIDE, { input: { meetingId, decisions: 'Woongoed neemt contact op' } });
    expect(held.data!.recordMeetingDecisions).toMatchObject({ decisions: 'Woongoed neemt contact op', heldAt: clock.now().toISOString() });
  });

  test('[O19] an action list shows its subject only by name/address and contact details, as the policy allows; an action’s text about a subject only to whom the name and address may go', async () => {
    const a = await s.as('sociaalteam.zeist', 'CASE_COORDINATION').gql(ACTION, {
      input: { meetingId, description: 'Huisbezoek plannen', assigneeOrganisationId: await orgOf('woonconsulent.zeist'), subjectId, dueDate: '2026-05-20' },
    });
    expect(a.errors).toBeUndefined();
    expect(a.data!.addActionItem.description).toBe('Huisbezoek plannen');
    const list = await s.as('woonconsulent.zeist', 'CASE_COORDINATION').gql(LIST, { id: caseId });
    expect(list.errors).toBeUndefined();
    expect(list.data!.case.meetings[0].actionItems[0].subject).toEqual({
      pseudonym: expect.any(String),
      personIdentity: [{ content: 'J. Jansen, Slotlaan 1, Zeist' }],
      personContact: [{ content: '06-12345678' }],
    });
    // No other category can be asked for through an action list.
    const finance = await s.as('woonconsulent.zeist', 'CASE_COORDINATION').gql(
      `query($id: ID!) { case(id: $id) { meetings { actionItems { subject { finance { content } } } } } }`, { id: caseId },
    );
    expect(finance.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // Without a purpose the policy gives nothing: the fields are null with FORBIDDEN_FIELD, the list remains.
    const noPurpose = await s.as('woonconsulent.zeist').gql(LIST, { id: caseId });
    expect(noPurpose.data!.case.meetings[0].actionItems[0].subject.personIdentity).toBeNull();
    expect(noPurpose.errors?.[0].extensions?.code).toBe('FORBIDDEN_FIELD');
    // The action's own text may name the person: it goes where the name and address may go.
    const TEXT = `query($id: ID!) { case(id: $id) { meetings { actionItems { description } } } }`;
    const withPurpose = await s.as('woonconsulent.zeist', 'CASE_COORDINATION').gql(TEXT, { id: caseId });
    expect(withPurpose.errors).toBeUndefined();
    expect(withPurpose.data!.case.meetings[0].actionItems[0].description).toBe('Huisbezoek plannen');
    const textNoPurpose = await s.as('woonconsulent.zeist').gql(TEXT, { id: caseId });
    expect(textNoPurpose.data!.case.meetings[0].actionItems[0].description).toBeNull();
    expect(textNoPurpose.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN_FIELD', category: 'person.identity', reason: 'NO_PURPOSE' });
  });

  test('[O29] the action plan: goals, each partner’s intervention and information need; only partners, only the director', async () => {
    const before = await counts(s);
    const police = await s.as('sociaalteam.zeist').gql(PLAN, {
      input: { caseId, goals: 'Huisvesting behouden', interventions: [{ organisationId: await orgOf('wijkagent.zeist'), description: 'Surveilleren' }] },
    });
    expect(police.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'interventions' });
    const byMember = await s.as('woonconsulent.zeist').gql(PLAN, { input: { caseId, goals: 'Huisvesting behouden', interventions: [] } });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await counts(s)).toEqual(before);

    const plan = await s.as('sociaalteam.zeist').gql(PLAN, {
      input: {
        caseId, goals: 'Huisvesting behouden; schulden geregeld',
        interventions: [
          { organisationId: await orgOf('woonconsulent.zeist'), description: 'Betalingsregeling huur', informationNeed: 'Stand van de schuldhulp' },
          { organisationId: await orgOf('sociaalteam.zeist'), description: 'Schuldhulpverlening', informationNeed: null },
        ],
      },
    });
    expect(plan.errors).toBeUndefined();
    expect(plan.data!.setActionPlan.interventions).toHaveLength(2);
    const again = await s.as('sociaalteam.zeist').gql(PLAN, {
      input: { caseId, goals: 'Huisvesting behouden', interventions: [{ organisationId: await orgOf('woonconsulent.zeist'), description: 'Betalingsregeling huur' }] },
    });
    expect(again.data!.setActionPlan).toMatchObject({ goals: 'Huisvesting behouden', interventions: [{ organisation: { name: expect.any(String) } }] });
    expect((await counts(s)).plans).toBe(before.plans + 1);
  });
});
