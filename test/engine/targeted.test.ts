// Targeted funds (targeted-funds.md): the proposal by hand, decisions, every problem, joint division, figures.
import Decimal from 'decimal.js';
import {
  divideJointAmount,
  insatsDecision,
  proposeRows,
  resolveTargetedPot,
  splitWantOverRows,
  targetedRound,
  validateTargeted,
} from '../../src/engine';
import type { TargetGroup, TargetedInput, TargetedInsatsType, TargetedRowInput } from '../../src/engine';
import { dec } from './helpers';

const BP: TargetedInsatsType = 'Behovsanalys och plan';
const AI: TargetedInsatsType = 'Aktiv insats';
const LS: TargetGroup = 'Långtidssjukskrivna';
const UA: TargetGroup = 'Unga med aktivitetsersättning';
const UR: TargetGroup = 'Unga i riskzonen';

const row = (
  application: string,
  federations: string[],
  requested: number,
  types: TargetedInsatsType[],
  targetGroups: TargetGroup[],
  granted?: number | string,
  insats = `Insats ${application}`,
): TargetedRowInput => {
  const r: TargetedRowInput = { application, federations, insats, types, targetGroups, requested: dec(requested) };
  if (granted !== undefined) r.granted = dec(granted);
  return r;
};

const FEDERATIONS = [
  { name: 'Alby', vo: 'VO Syd' },
  { name: 'Bjurby', vo: 'VO Syd' },
  { name: 'Centby', vo: 'VO Väst' },
  { name: 'Dalby', vo: 'VO Väst' },
  { name: 'Ekby', vo: 'VO Nord' },
];

/** Three applications, five insatser; A2 is joint (Bjurby; Centby). */
const rows = (granted: (number | undefined)[] = []): TargetedRowInput[] => [
  row('A1', ['Alby'], 400_000, [BP], [LS], granted[0], 'Kartläggning'),
  row('A1', ['Alby'], 200_000, [BP], [LS], granted[1], 'Plan'),
  row('A2', ['Bjurby', 'Centby'], 300_000, [BP, AI], [UA, UR], granted[2]),
  row('A3', ['Dalby'], 250_000, [AI], [UR], granted[3], 'Steg 1'),
  row('A3', ['Dalby'], 50_000, [AI], [UR], granted[4], 'Steg 2'),
];

const round = (r: TargetedRowInput[], pot = 1_000_000, cap = 500_000): TargetedInput => ({
  rows: r,
  federations: FEDERATIONS,
  pot: dec(pot),
  cap: dec(cap),
});

const nums = (xs: (Decimal | undefined)[]) => xs.map((x) => (x === undefined ? undefined : x.toNumber()));

describe('proposal by hand: capped, pro rata, largest remainder, Σ = pot', () => {
  const r = targetedRound(round(rows()));

  test('want per application and per row', () => {
    // A1: Σ Sökt 600 000 > cap → want 500 000, split by Sökt: 400 000·5/6 = 333 333,33…, 200 000·5/6 = 166 666,67…
    //     floors 333 333 + 166 666 = 499 999; the krona to the larger fraction (,67): 166 667.
    // A2: 300 000; A3: 250 000 + 50 000 = 300 000 (below the cap: want = Sökt).
    expect(nums(r.applications.map((a) => a.want))).toEqual([500_000, 300_000, 300_000]);
    expect(r.applications.map((a) => a.overCap)).toEqual([true, false, false]);
    expect(nums(r.rows.map((x) => x.want))).toEqual([333_333, 166_667, 300_000, 250_000, 50_000]);
  });

  test('over-subscribed: want × pot / Σ want, LR to the krona with target = pot', () => {
    // Σ want = 1 100 000 > pot 1 000 000: factor 10/11.
    //   333 333·10/11 = 303 030 exactly; 166 667·10/11 = 151 515,45…; 300 000·10/11 = 272 727,27…;
    //   250 000·10/11 = 227 272,72…; 50 000·10/11 = 45 454,54…
    // floors Σ 999 998; two kronor to the largest fractions: ,72 (row 4) and ,54 (row 5).
    expect(r.decided).toBe(false);
    expect(nums(r.rows.map((x) => x.proposal))).toEqual([303_030, 151_515, 272_727, 227_273, 45_455]);
    expect(nums(r.applications.map((a) => a.proposal))).toEqual([454_545, 272_727, 272_728]);
    expect(r.rows.map((x) => x.decision)).toEqual(['Ej beslutad', 'Ej beslutad', 'Ej beslutad', 'Ej beslutad', 'Ej beslutad']);
  });

  test('ÖVER_TAK on every row of the application above the cap', () => {
    expect(r.rows.map((x) => x.warnings.map((w) => `${w.code}: ${w.text}`))).toEqual([
      ['ÖVER_TAK: Ansökan A1 söker 600 000 kr, över taket 500 000 kr per ansökan; högst 500 000 kr kan beviljas'],
      ['ÖVER_TAK: Ansökan A1 söker 600 000 kr, över taket 500 000 kr per ansökan; högst 500 000 kr kan beviljas'],
      [],
      [],
      [],
    ]);
  });

  test('joint application divided equally, earlier-named federation first', () => {
    // 272 727 / 2 = 136 363,5 each: the krona to Bjurby (named first). Sökt 300 000 → 150 000 each.
    expect(r.applications[1].shares.map((s) => [s.federation, s.requested.toNumber(), s.amount.toNumber()])).toEqual([
      ['Bjurby', 150_000, 136_364],
      ['Centby', 150_000, 136_363],
    ]);
  });

  test('figures while nothing is decided: Föreslaget', () => {
    const f = r.figures;
    expect([
      f.pot.toNumber(),
      f.applications,
      f.insatser,
      f.jointApplications,
      f.grantedInsatser,
      f.rejected,
      f.undecided,
    ]).toEqual([1_000_000, 3, 5, 1, 5, 0, 0]);
    expect(f.grantedByType).toEqual({ [BP]: 3, [AI]: 3 });
    expect(f.grantedByTargetGroup).toEqual({ [LS]: 2, [UA]: 1, [UR]: 3 });
    expect([f.requested.toNumber(), f.granted.toNumber(), f.remaining.toNumber(), f.basis]).toEqual([
      1_200_000,
      1_000_000,
      0,
      'Föreslaget',
    ]);
  });

  test('ties to the earlier row', () => {
    // 3 × 100 into 200: 66,67 each; floors 198; the two kronor to rows 1 and 2.
    expect(nums(proposeRows([dec(100), dec(100), dec(100)], dec(200)))).toEqual([67, 67, 66]);
    // want not below Σ Sökt: every row its Sökt; 2 into three rows of Sökt 1: 0,67 each → 1, 1, 0
    expect(nums(splitWantOverRows(dec(5), [dec(1), dec(1), dec(1)]))).toEqual([1, 1, 1]);
    expect(nums(splitWantOverRows(dec(2), [dec(1), dec(1), dec(1)]))).toEqual([1, 1, 0]);
    expect(nums(divideJointAmount(dec(10), 3))).toEqual([4, 3, 3]);
  });

  test('under-subscribed: everyone gets want, the rest is left in the pot', () => {
    const u = targetedRound(round(rows(), 2_000_000));
    expect(nums(u.rows.map((x) => x.proposal))).toEqual([333_333, 166_667, 300_000, 250_000, 50_000]);
    expect(u.figures.remaining.toNumber()).toBe(900_000);
  });
});

describe('decisions typed partly', () => {
  // Delvis, Avslag, Beviljad, blank (Ej beslutad), Beviljad.
  const r = targetedRound(round(rows([300_000, 0, 300_000, undefined, 50_000])));

  test('no proposal once anything is decided; Beslut per insats', () => {
    expect(r.decided).toBe(true);
    expect(r.rows.map((x) => x.proposal)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(r.rows.map((x) => x.decision)).toEqual(['Delvis', 'Avslag', 'Beviljad', 'Ej beslutad', 'Beviljad']);
    expect(nums(r.applications.map((a) => a.granted))).toEqual([300_000, 300_000, 50_000]);
  });

  test('figures: Beviljat, Avslag and Ej beslutad counted apart', () => {
    const f = r.figures;
    expect([f.applications, f.insatser, f.jointApplications, f.grantedInsatser, f.rejected, f.undecided]).toEqual([
      3, 5, 1, 3, 1, 1,
    ]);
    expect(f.grantedByType).toEqual({ [BP]: 2, [AI]: 2 });
    expect(f.grantedByTargetGroup).toEqual({ [LS]: 1, [UA]: 1, [UR]: 2 });
    expect([f.requested.toNumber(), f.granted.toNumber(), f.remaining.toNumber(), f.basis]).toEqual([
      1_200_000,
      650_000,
      350_000,
      'Beviljat',
    ]);
  });

  test('per federation and per VO, joint grants divided', () => {
    const table = (t: typeof r.byVo) =>
      t.map((x) => [x.name, x.applications, x.insatser, x.requested.toNumber(), x.amount.toNumber()]);
    expect(table(r.byFederation)).toEqual([
      ['Alby', 1, 2, 600_000, 300_000],
      ['Bjurby', 1, 1, 150_000, 150_000],
      ['Centby', 1, 1, 150_000, 150_000],
      ['Dalby', 1, 2, 300_000, 50_000],
    ]);
    expect(r.byFederation.map((x) => x.vo)).toEqual(['VO Syd', 'VO Syd', 'VO Väst', 'VO Väst']);
    // A2 counts once in each of its VOs
    expect(table(r.byVo)).toEqual([
      ['VO Syd', 2, 3, 750_000, 450_000],
      ['VO Väst', 2, 3, 450_000, 200_000],
    ]);
  });

  test('insatsDecision', () => {
    expect(insatsDecision(dec(100), undefined)).toBe('Ej beslutad');
    expect(insatsDecision(dec(100), dec(0))).toBe('Avslag');
    expect(insatsDecision(dec(0), dec(0))).toBe('Avslag');
    expect(insatsDecision(dec(100), dec(1))).toBe('Delvis');
    expect(insatsDecision(dec(100), dec(100))).toBe('Beviljad');
  });
});

describe('every problem kind, with its rows', () => {
  const codes = (input: TargetedInput) => validateTargeted(input).map((i) => [i.code, i.rows, i.field]);

  test('Beviljat above Sökt, above the cap, above the pot', () => {
    expect(codes(round(rows([300_000, 0, 300_001])))).toEqual([['GRANTED_ABOVE_REQUESTED', [2], 'granted']]);
    expect(codes(round(rows([400_000, 200_000])))).toEqual([['GRANTED_ABOVE_CAP', [0, 1], 'granted']]);
    expect(codes(round(rows([300_000, 0, 300_000, 250_000, 50_000]), 800_000))).toEqual([
      ['GRANTED_ABOVE_POT', [0, 1, 2, 3, 4], 'granted'],
    ]);
    // collected with the other problems of the sheet
    const r = rows([300_000, 0, 300_001]);
    r[3] = { ...r[3], federations: ['Okänd'] };
    expect(codes(round(r))).toEqual([
      ['UNKNOWN_FEDERATION', [3], 'federations'],
      ['APPLICATION_INCONSISTENT', [4], 'federations'],
      ['GRANTED_ABOVE_REQUESTED', [2], 'granted'],
    ]);
    expect(validateTargeted(round(rows([400_000, 200_000])))[0].message).toBe(
      'Ansökan A1: beviljat sammanlagt 600 000 kr är mer än taket 500 000 kr per ansökan.',
    );
  });

  test('Förbund, Typ and Målgrupp the same on all rows of an application', () => {
    const r = rows();
    r[1] = { ...r[1], federations: ['Alby', 'Ekby'] };
    r[4] = { ...r[4], types: [AI, BP], targetGroups: [LS] };
    expect(codes(round(r))).toEqual([
      ['APPLICATION_INCONSISTENT', [1], 'federations'],
      ['APPLICATION_INCONSISTENT', [4], 'types'],
      ['APPLICATION_INCONSISTENT', [4], 'targetGroups'],
    ]);
    // the same federations in another order are the same application
    const same = rows();
    same[2] = { ...same[2], application: 'A9' };
    same.push({ ...same[2], federations: ['centby', 'Bjurby'], insats: 'Till' });
    expect(codes(round(same))).toEqual([]);
  });

  test('row fields and names', () => {
    const bad: TargetedRowInput[] = [
      { application: ' ', federations: ['Alby'], insats: 'X', types: [BP], requested: dec(1) },
      { application: 'B1', federations: [], insats: '', types: [], requested: dec('1.5') },
      {
        application: 'B2',
        federations: ['Okänd', 'Alby', 'alby'],
        insats: 'Y',
        types: ['Annat' as TargetedInsatsType],
        targetGroups: ['Äldre' as TargetGroup],
        requested: dec(-1),
        granted: dec(1),
      },
    ];
    expect(codes(round(bad))).toEqual([
      ['APPLICATION_MISSING', [0], 'application'],
      ['INSATS_MISSING', [1], 'insats'],
      ['TYPE_MISSING', [1], 'types'],
      ['INVALID_AMOUNT', [1], 'requested'],
      ['FEDERATION_MISSING', [1], 'federations'],
      ['INVALID_TYPE', [2], 'types'],
      ['INVALID_TARGET_GROUP', [2], 'targetGroups'],
      ['INVALID_AMOUNT', [2], 'requested'],
      ['UNKNOWN_FEDERATION', [2], 'federations'],
      ['FEDERATION_REPEATED', [2], 'federations'],
    ]);
    expect(validateTargeted(round(bad)).find((i) => i.code === 'UNKNOWN_FEDERATION')?.message).toBe(
      'Ansökan B2: förbundet Okänd finns inte på bladet Förbund.',
    );
    expect(() => targetedRound(round(bad))).toThrow('Insatsen på rad 1 saknar ansökan');
  });

  test('pot and cap', () => {
    expect(codes({ ...round(rows()), pot: dec('10.5'), cap: dec(-1) })).toEqual([
      ['INVALID_PARAMETER', [], 'pot'],
      ['INVALID_PARAMETER', [], 'cap'],
    ]);
    expect(resolveTargetedPot(dec(5), dec(7)).pot?.toNumber()).toBe(5);
    expect(resolveTargetedPot(undefined, dec(7)).pot?.toNumber()).toBe(7);
    expect(resolveTargetedPot().issue?.code).toBe('POT_MISSING');
  });
});

describe('a small round shaped like 2016', () => {
  // 6 applications, 8 insatser, 2 joint; cap 500 000; pot 1 300 000; decided.
  const r = targetedRound({
    federations: FEDERATIONS,
    pot: dec(1_300_000),
    cap: dec(500_000),
    rows: [
      row('2016-01', ['Alby'], 500_000, [BP], [LS], 400_000),
      row('2016-02', ['Bjurby', 'Centby'], 450_000, [BP, AI], [UA], 450_000),
      row('2016-03', ['Dalby'], 300_000, [AI], [UR], 0),
      row('2016-03', ['Dalby'], 200_000, [AI], [UR], 200_000),
      row('2016-04', ['Ekby'], 600_000, [AI], [LS, UA], 0),
      row('2016-05', ['Alby', 'Dalby', 'Ekby'], 250_000, [BP], [UR], 250_000),
      row('2016-05', ['Alby', 'Dalby', 'Ekby'], 100_000, [BP], [UR], 0),
      row('2016-06', ['Centby'], 0, [AI], [UR]),
    ],
  });
  test('the figures', () => {
    const f = r.figures;
    expect([f.applications, f.insatser, f.jointApplications, f.grantedInsatser, f.rejected, f.undecided]).toEqual([
      6, 8, 2, 4, 3, 1,
    ]);
    expect(f.grantedByType).toEqual({ [BP]: 3, [AI]: 2 });
    expect(f.grantedByTargetGroup).toEqual({ [LS]: 1, [UA]: 1, [UR]: 2 });
    expect([f.requested.toNumber(), f.granted.toNumber(), f.remaining.toNumber()]).toEqual([2_400_000, 1_300_000, 0]);
    expect(r.rows[4].warnings.map((w) => w.code)).toEqual(['ÖVER_TAK']);
    // 2016-05: 250 000 over three: 83 334 to Alby (named first), 83 333 to Dalby and Ekby
    expect(r.applications[4].shares.map((s) => s.amount.toNumber())).toEqual([83_334, 83_333, 83_333]);
    const fedTable = r.byFederation.map((x) => [x.name, x.applications, x.insatser, x.requested.toNumber(), x.amount.toNumber()]);
    expect(fedTable).toEqual([
      ['Alby', 2, 3, 616_667, 483_334],
      ['Bjurby', 1, 1, 225_000, 225_000],
      ['Centby', 2, 2, 225_000, 225_000],
      ['Dalby', 2, 4, 616_667, 283_333],
      ['Ekby', 2, 3, 716_666, 83_333],
    ]);
    // Σ over the federations is the round's Sökt and Beviljat
    expect(r.byFederation.reduce((a, x) => a + x.amount.toNumber(), 0)).toBe(1_300_000);
    expect(r.byFederation.reduce((a, x) => a + x.requested.toNumber(), 0)).toBe(2_400_000);
    expect(r.byVo.map((x) => [x.name, x.applications, x.insatser, x.amount.toNumber()])).toEqual([
      ['VO Syd', 3, 4, 708_334],
      ['VO Väst', 4, 6, 508_333],
      ['VO Nord', 2, 3, 83_333],
    ]);
  });
});
