use chrono::Weekday;
use proptest::prelude::*;

use super::input::Candidate;
use super::score::Tally;
use super::{DayInput, Error, Group, Input, Slot, Takes, gather, plan};
use crate::bounded::Bounded;
use crate::catalog::{Audience, Category, Cost, Idea, IdeaId, Mode, Prep, Text};
use crate::money::Money;

fn idea(n: usize, spec: &IdeaSpec) -> Idea {
    Idea {
        id: IdeaId::parse(&format!("idea-{n}")).unwrap(),
        title: Text::from("An idea"),
        summary: String::new(),
        category: Category::ALL[spec.category],
        days: spec
            .days
            .iter()
            .map(|d| crate::catalog::Day(weekday(*d)))
            .collect(),
        cost: Cost {
            fixed: Money::from_cents(spec.fixed * 100),
            per_person: Money::from_cents(spec.per_person * 50),
            per_session: Money::ZERO,
        },
        duration_minutes: Bounded::new(spec.minutes),
        modes: spec.modes.iter().map(|m| Mode::ALL[*m]).collect(),
        audience: spec.audience.iter().map(|a| Audience::ALL[*a]).collect(),
        lead_time_days: Some(Bounded::new(spec.lead)),
        prep: vec![Prep {
            days_before: Bounded::new(spec.lead),
            task: Text::from("Do it"),
        }],
        off_queue: spec.off_queue,
        source: String::new(),
        time: spec.evening.then_some(crate::catalog::TimeOfDay::EndOfDay),
        group_size: spec.group_size.map(Bounded::new),
        all_day: spec.all_day,
        together: false,
    }
}

fn weekday(d: usize) -> Weekday {
    Weekday::try_from(u8::try_from(d).unwrap()).unwrap()
}

#[derive(Debug, Clone)]
struct IdeaSpec {
    category: usize,
    days: Vec<usize>,
    fixed: i64,
    per_person: i64,
    minutes: i64,
    modes: Vec<usize>,
    audience: Vec<usize>,
    lead: i64,
    off_queue: bool,
    evening: bool,
    /// A day-long item: shared by the shifts, in cases with shifts.
    all_day: bool,
    group_size: Option<i64>,
}

#[derive(Debug, Clone)]
struct Case {
    ideas: Vec<IdeaSpec>,
    days: usize,
    per_day: usize,
    budget: i64,
    team: u32,
    may_leave: u32,
    window: u32,
    mode: usize,
    customers: bool,
    exclude: Vec<usize>,
    pin: Option<(usize, usize)>,
    lead_days: i64,
    seed: u64,
    /// A second group: its team, how many may leave, its hours and the
    /// days it works (beyond the week's are dropped).
    second: Option<(u32, u32, u32, Vec<usize>)>,
    /// Whether the groups are shifts: each takes live ideas, and one more
    /// group, every day, takes one day-long item a day for all of them.
    shifts: bool,
}

fn idea_spec() -> impl Strategy<Value = IdeaSpec> {
    (
        0..Category::ALL.len(),
        proptest::collection::vec(0..5usize, 0..3),
        0..60i64,
        0..4i64,
        prop_oneof![Just(15i64), Just(30), Just(60), Just(120), Just(240)],
        prop_oneof![3 => Just(vec![0usize, 1, 2]), 1 => proptest::collection::vec(0..3usize, 1..3)],
        proptest::collection::vec(0..5usize, 1..3),
        0..12i64,
        any::<bool>(),
        proptest::bool::weighted(0.2),
        (
            proptest::bool::weighted(0.3),
            proptest::option::weighted(0.2, 1..=6i64),
        ),
    )
        .prop_map(
            |(
                category,
                days,
                fixed,
                per_person,
                minutes,
                modes,
                audience,
                lead,
                off_queue,
                evening,
                (all_day, group_size),
            )| IdeaSpec {
                category,
                days,
                fixed,
                per_person,
                minutes,
                modes,
                audience,
                lead,
                off_queue,
                evening,
                all_day,
                group_size,
            },
        )
}

fn case(max_ideas: usize) -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(idea_spec(), 2..=max_ideas),
        1..=3usize,
        1..=2usize,
        0..600i64,
        1..=12u32,
        1..=12u32,
        prop_oneof![Just(60u32), Just(180), Just(480)],
        0..3usize,
        any::<bool>(),
        proptest::collection::vec(0..12usize, 0..2),
        proptest::option::of((0..3usize, 0..12usize)),
        (5..40i64, any::<u64>()),
    )
        .prop_map(
            |(
                ideas,
                days,
                per_day,
                budget,
                team,
                may_leave,
                window,
                mode,
                customers,
                exclude,
                pin,
                (lead_days, seed),
            )| Case {
                ideas,
                days,
                per_day,
                budget,
                team,
                may_leave: may_leave.min(team),
                window,
                mode,
                customers,
                exclude,
                pin,
                lead_days,
                seed,
                second: None,
                shifts: false,
            },
        )
}

/// A small case with a second group that works some of the days, in hours
/// and with a head count of its own.
fn two_group_case() -> impl Strategy<Value = Case> {
    (
        case(6),
        1..=2usize,
        (
            1..=12u32,
            1..=12u32,
            prop_oneof![Just(60u32), Just(180), Just(480)],
        ),
        proptest::collection::vec(0..2usize, 1..=2),
    )
        .prop_map(|(mut case, days, (team, may_leave, window), works)| {
            case.days = days;
            case.per_day = case.per_day.min(3 - days);
            case.second = Some((team, may_leave.min(team), window, works));
            case
        })
}

/// A small case planned as shifts: one or two, each taking live ideas,
/// and their day-long items shared, one a day.
fn shift_case() -> impl Strategy<Value = Case> {
    (two_group_case(), any::<bool>()).prop_map(|(mut case, two)| {
        case.per_day = 1;
        case.shifts = true;
        if !two {
            case.second = None;
        }
        case
    })
}

struct Built {
    ideas: Vec<Idea>,
    days: Vec<DayInput>,
    groups: Vec<Group>,
    exclude: Vec<String>,
    pins: Vec<(usize, String)>,
}

fn build(case: &Case) -> Built {
    let ideas: Vec<Idea> = case
        .ideas
        .iter()
        .enumerate()
        .map(|(n, s)| idea(n, s))
        .collect();
    let days = (0..case.days)
        .map(|d| DayInput {
            weekday: weekday(d),
            favours: vec![Category::ALL[d * 2 % 9], Category::ALL[(d * 2 + 1) % 9]],
        })
        .collect();
    let exclude = case
        .exclude
        .iter()
        .filter(|x| **x < ideas.len())
        .map(|x| format!("idea-{x}"))
        .collect::<Vec<_>>();
    let pins = case
        .pin
        .iter()
        .filter(|(d, i)| {
            *d < case.days && *i < ideas.len() && !exclude.contains(&format!("idea-{i}"))
        })
        // With shifts, the first shift's day, after the shared items' days.
        .map(|(d, i)| {
            (
                *d + if case.shifts { case.days } else { 0 },
                format!("idea-{i}"),
            )
        })
        .collect();
    let takes = if case.shifts { Takes::Live } else { Takes::Any };
    let mut groups = vec![Group {
        team_size: case.team,
        may_leave: case.may_leave,
        window: case.window,
        noon: None,
        per_day: case.per_day,
        night: false,
        takes,
        days: (0..case.days).collect(),
        short: Vec::new(),
        opens: 0,
        handovers: Vec::new(),
    }];
    if let Some((team_size, may_leave, window, works)) = &case.second {
        let mut days: Vec<usize> = works.iter().copied().filter(|d| *d < case.days).collect();
        days.sort_unstable();
        days.dedup();
        if !days.is_empty() {
            groups.push(Group {
                team_size: *team_size,
                may_leave: *may_leave,
                window: *window,
                noon: None,
                per_day: case.per_day,
                night: false,
                takes,
                days,
                short: Vec::new(),
                opens: 0,
                handovers: Vec::new(),
            });
        }
    }
    if case.shifts {
        // First, as the brief puts them.
        let everyone = groups.iter().map(|g| g.team_size).sum();
        groups.insert(0, Group::shared(everyone, (0..case.days).collect()));
    }
    Built {
        ideas,
        days,
        groups,
        exclude,
        pins,
    }
}

fn input<'a>(case: &Case, built: &'a Built) -> Input<'a> {
    Input {
        ideas: &built.ideas,
        days: &built.days,
        groups: &built.groups,
        budget: Money::from_cents(case.budget * 100),
        mode: Mode::ALL[case.mode],
        include_customers: case.customers,
        exclude: &built.exclude,
        // With shifts, pins go to whichever shifts they suit, as a config's
        // pins without a shift do.
        pins: if case.shifts { &[] } else { &built.pins },
        pins_where_suited: if case.shifts { &built.pins } else { &[] },
        lead_days: case.lead_days,
        seed: case.seed,
        work_limit: u64::MAX,
    }
}

/// The best score over every assignment, by plain enumeration; `None`
/// when no assignment keeps the hard rules.
fn exhaustive(input: &Input<'_>) -> Option<i64> {
    let (candidates, pinned, _) = gather(input).ok()?;
    let mut best = None;
    let mut days: Vec<Vec<usize>> = vec![Vec::new(); input.columns().len()];
    let mut used = vec![false; candidates.len()];
    fill(
        input,
        &candidates,
        &pinned,
        0,
        &mut days,
        &mut used,
        &mut best,
    );
    best
}

fn fill(
    input: &Input<'_>,
    candidates: &[Candidate],
    pinned: &[(usize, usize)],
    slot: usize,
    days: &mut Vec<Vec<usize>>,
    used: &mut Vec<bool>,
    best: &mut Option<i64>,
) {
    let columns = input.columns();
    let total: usize = columns.iter().map(|c| c.slots).sum();
    if slot == total {
        let ok_pins = pinned.iter().all(|(d, c)| days[*d].contains(c));
        let mut tally = Tally::default();
        for (d, picks) in days.iter().enumerate() {
            // After-work events take none of the day's hours.
            let minutes: u32 = picks
                .iter()
                .map(|c| &candidates[*c])
                .filter(|c| !input.ideas[c.idea].ends_the_day())
                .map(|c| c.waves * c.minutes_each)
                .sum();
            if minutes > columns[d].window {
                return;
            }
            // One meal and one after-work event a day, unless pins bring more.
            let kinds: [fn(&Idea) -> bool; 2] = [Idea::at_midday, Idea::ends_the_day];
            for is_kind in kinds {
                let of_kind = |c: &usize| is_kind(&input.ideas[candidates[*c].idea]);
                let pinned_one = pinned.iter().any(|(pd, c)| *pd == d && of_kind(c));
                let open = picks
                    .iter()
                    .filter(|c| of_kind(c) && !pinned.contains(&(d, **c)))
                    .count();
                if open > usize::from(!pinned_one) {
                    return;
                }
            }
            for c in picks {
                tally = tally.with(&candidates[*c], d);
            }
        }
        if ok_pins && tally.cost <= input.budget {
            *best = Some(best.map_or(tally.points, |b: i64| b.max(tally.points)));
        }
        return;
    }
    // The column this slot is in: columns' slots one after another.
    let mut d = 0;
    let mut before = 0;
    while before + columns[d].slots <= slot {
        before += columns[d].slots;
        d += 1;
    }
    for c in 0..candidates.len() {
        // Within a day, picks in increasing order, so each set is seen once;
        // each group's days from its own candidates.
        if used[c]
            || candidates[c].group != columns[d].group
            || days[d].last().is_some_and(|last| *last > c)
        {
            continue;
        }
        used[c] = true;
        days[d].push(c);
        fill(input, candidates, pinned, slot + 1, days, used, best);
        days[d].pop();
        used[c] = false;
    }
}

/// Runs `compare` on deterministic random cases until it has compared
/// 250 that have a plan; `compare` says whether the case had one. Then
/// again on 100 cases with a second group, and on 100 planned as shifts
/// (one or two, and their shared day-long items).
fn on_random_cases(mut compare: impl FnMut(&Case, &Input<'_>) -> bool) {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategies = [
        (case(8).boxed(), 250),
        (two_group_case().boxed(), 100),
        (shift_case().boxed(), 100),
    ];
    for (strategy, wanted) in strategies {
        let mut compared = 0;
        for _ in 0..5000 {
            let case = strategy.new_tree(&mut runner).unwrap().current();
            let built = build(&case);
            compared += usize::from(compare(&case, &input(&case, &built)));
            if compared == wanted {
                break;
            }
        }
        assert_eq!(compared, wanted, "too few random cases had a plan");
    }
}

/// The planner finds exactly the best score plain enumeration finds, on
/// 250 random small catalogs and configs that have a plan, and 100 with
/// two groups, and 100 with shifts (and agrees that the others have none).
#[test]
fn the_planner_matches_exhaustive_search() {
    on_random_cases(|case, input| {
        let expected = exhaustive(input);
        match plan(input) {
            Ok(schedule) => {
                assert!(schedule.proven, "{case:?}");
                assert_eq!(Some(schedule.score), expected, "{case:?}");
            }
            Err(
                Error::PinUnsuitable { .. } | Error::TooManyPins { .. } | Error::PinsTooLong { .. },
            ) => {}
            Err(e) => assert_eq!(expected, None, "planner said {e} for {case:?}"),
        }
        expected.is_some()
    });
}

/// So does the integer program alone, its answer checked exactly.
#[test]
fn the_integer_program_matches_exhaustive_search() {
    on_random_cases(|case, input| {
        let Ok((candidates, pinned, _)) = gather(input) else {
            return false;
        };
        let expected = exhaustive(input);
        let solved = super::milp::solve(input, &candidates, &pinned, input.budget, u64::MAX, None);
        if let Some((_, proven)) = &solved {
            assert!(proven, "{case:?}");
        }
        let found = solved.and_then(|(picks, _)| {
            super::search::check(input, &candidates, &pinned, input.budget, &picks)
        });
        assert_eq!(found, expected, "{case:?}");
        expected.is_some()
    });
}

/// The branch and bound alone, with no allowance: its best plan's score.
fn search_alone(input: &Input<'_>) -> Option<i64> {
    let (candidates, pinned, _) = gather(input).ok()?;
    let mut search =
        super::search::Search::new(input, &candidates, &pinned, Some(input.budget), u64::MAX);
    search.run();
    assert!(search.finished());
    let best = search.best?;
    let score = super::search::check(input, &candidates, &pinned, input.budget, &best);
    assert_eq!(
        score,
        Some(search.best_score),
        "the search's plan keeps the rules"
    );
    score
}

/// So does the branch and bound alone, with no integer program behind it.
#[test]
fn the_search_matches_exhaustive_search() {
    on_random_cases(|case, input| {
        let expected = exhaustive(input);
        assert_eq!(search_alone(input), expected, "{case:?}");
        expected.is_some()
    });
}

/// On catalogs too large to enumerate (up to 30 ideas, 5 days, 3 a day),
/// the branch and bound and the integer program, two proofs by different
/// means, agree on the best score.
#[test]
fn the_search_matches_the_integer_program_on_larger_cases() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (case(30), 3..=5usize, 1..=3usize, 0..3000i64);
    let mut compared = 0;
    for _ in 0..1000 {
        let (mut case, days, per_day, budget) = strategy.new_tree(&mut runner).unwrap().current();
        case.days = days;
        case.per_day = per_day;
        case.budget = budget;
        let built = build(&case);
        let input = input(&case, &built);
        let Ok((candidates, pinned, _)) = gather(&input) else {
            continue;
        };
        let solved = super::milp::solve(&input, &candidates, &pinned, input.budget, u64::MAX, None);
        let expected = solved.and_then(|(picks, proven)| {
            assert!(proven, "{case:?}");
            super::search::check(&input, &candidates, &pinned, input.budget, &picks)
        });
        assert_eq!(search_alone(&input), expected, "{case:?}");
        compared += usize::from(expected.is_some());
        if compared == 60 {
            return;
        }
    }
    panic!("only {compared} larger cases had a plan");
}

/// On the bundled catalog, with teams, hours, budgets and coverage of every
/// size, the branch and bound and the integer program agree.
#[test]
fn the_search_matches_the_integer_program_on_the_bundled_catalog() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let catalog = crate::catalog::Catalog::bundled().unwrap();
    let mut runner = TestRunner::deterministic();
    let strategy = (
        (
            prop_oneof![
                Just(5u32),
                Just(12),
                Just(25),
                Just(60),
                Just(120),
                Just(400)
            ],
            0.0..0.95f64,
            prop_oneof![Just(240u32), Just(360), Just(480), Just(600)],
            1..=4usize,
            prop_oneof![Just(5usize), Just(7)],
        ),
        (
            prop_oneof![
                Just(0i64),
                Just(100),
                Just(500),
                Just(1500),
                Just(5000),
                Just(20000)
            ],
            0..3usize,
            any::<bool>(),
            any::<u64>(),
        ),
    );
    let mut compared = 0;
    for _ in 0..200 {
        let ((team, coverage, window, per_day, days), (budget, mode, customers, seed)) =
            strategy.new_tree(&mut runner).unwrap().current();
        let days: Vec<DayInput> = (0..days)
            .map(|d| DayInput {
                weekday: weekday(d),
                favours: vec![
                    Category::ALL[(d * 2 + usize::try_from(seed % 9).unwrap()) % 9],
                    Category::ALL[(d * 2 + 1) % 9],
                ],
            })
            .collect();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let may_leave = (f64::from(team) * (1.0 - coverage)).floor() as u32;
        let input = Input {
            ideas: &catalog.ideas,
            days: &days,
            groups: &[Group {
                team_size: team,
                may_leave,
                window,
                noon: None,
                per_day,
                night: false,
                takes: Takes::Any,
                days: (0..days.len()).collect(),
                short: Vec::new(),
                opens: 0,
                handovers: Vec::new(),
            }],
            budget: Money::from_cents(budget * 100),
            mode: Mode::ALL[mode],
            include_customers: customers,
            exclude: &[],
            pins: &[],
            pins_where_suited: &[],
            lead_days: 365,
            seed,
            work_limit: u64::MAX,
        };
        let Ok((candidates, pinned, _)) = gather(&input) else {
            continue;
        };
        let solved = super::milp::solve(&input, &candidates, &pinned, input.budget, u64::MAX, None);
        let expected = solved.and_then(|(picks, proven)| {
            assert!(proven);
            super::search::check(&input, &candidates, &pinned, input.budget, &picks)
        });
        assert_eq!(
            search_alone(&input),
            expected,
            "team {team}, coverage {coverage}, window {window}, {per_day} a day, budget {budget}, mode {mode}, customers {customers}, seed {seed}"
        );
        compared += usize::from(expected.is_some());
        if compared == 40 {
            return;
        }
    }
    panic!("only {compared} bundled cases had a plan");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The hard rules hold for every plan, and the same input gives the same plan.
    #[test]
    fn plans_keep_the_hard_rules(case in prop_oneof![case(12), two_group_case()]) {
        let built = build(&case);
        let input = input(&case, &built);
        let Ok(schedule) = plan(&input) else { return Ok(()) };
        prop_assert_eq!(&plan(&input).unwrap(), &schedule);
        let cost: Money = schedule.days.iter().flatten().map(|s| s.cost).sum();
        prop_assert!(cost <= input.budget);
        let mut seen = Vec::new();
        let columns = input.columns();
        for (d, slots) in schedule.days.iter().enumerate() {
            prop_assert_eq!(slots.len(), input.groups[0].per_day);
            let g = columns[d].group;
            let group = &input.groups[g];
            let mut free_from = 0;
            for slot in slots {
                let idea = &input.ideas[slot.idea];
                prop_assert!(!seen.contains(&(g, slot.idea)));
                seen.push((g, slot.idea));
                prop_assert!(!input.exclude.contains(&idea.id.to_string()));
                prop_assert!(idea.suits(input.mode));
                prop_assert!(input.include_customers || !idea.involves_customers());
                prop_assert!(i64::from(idea.lead_time().as_u32()) <= input.lead_days);
                if idea.ends_the_day() {
                    prop_assert!(slot.start >= columns[d].window, "after work starts after hours");
                } else {
                    prop_assert!(slot.start >= free_from && slot.end() <= columns[d].window);
                }
                free_from = slot.end();
                if idea.off_queue && !idea.ends_the_day() {
                    // Each wave leaves at least the covered share on the queue.
                    let per_wave = group.team_size.div_ceil(slot.waves);
                    prop_assert!(per_wave <= group.may_leave, "{} people per wave", per_wave);
                }
            }
            let kinds: [fn(&Idea) -> bool; 2] = [Idea::at_midday, Idea::ends_the_day];
            for is_kind in kinds {
                let pinned_here = |s: &&Slot| input.pins.iter().any(|(pd, id)| *pd == d && input.ideas[s.idea].id.as_str() == id);
                let open = slots.iter().filter(|s| is_kind(&input.ideas[s.idea]) && !pinned_here(s)).count();
                let pinned_one = slots.iter().any(|s| is_kind(&input.ideas[s.idea]) && pinned_here(&s));
                prop_assert!(open <= usize::from(!pinned_one), "{} of a one-a-day kind on day {}", open, d);
            }
            for (pd, id) in input.pins {
                if *pd == d {
                    prop_assert!(slots.iter().any(|s| input.ideas[s.idea].id.as_str() == id));
                }
            }
        }
    }
}

/// The first plan from a budget split among the groups keeps every rule
/// whenever it keeps the budget, scores no more than the best, and the
/// search that starts from it still finds the best.
#[test]
fn a_first_plan_from_the_split_budget_leaves_the_best_plan_as_it_was() {
    on_random_cases(|case, input| {
        let expected = exhaustive(input);
        let Ok((candidates, pinned, _)) = gather(input) else {
            return false;
        };
        let unlimited = Money::from_cents(i64::MAX / 4);
        let Some((without, _, _)) =
            super::search::solve(input, &candidates, &pinned, unlimited, false, None)
        else {
            assert_eq!(expected, None, "{case:?}");
            return false;
        };
        let first = super::split::split_budget(input, &candidates, &without);
        if let Some(first) = &first {
            let cost: Money = first.iter().flatten().map(|c| candidates[*c].cost).sum();
            let score = super::search::check(input, &candidates, &pinned, input.budget, first);
            if cost <= input.budget {
                assert!(score.is_some(), "{case:?}: {first:?}");
            }
            assert!(score <= expected, "{case:?}");
        }
        let seeded = super::search::solve(input, &candidates, &pinned, input.budget, true, first);
        assert_eq!(seeded.map(|(_, score, _)| score), expected, "{case:?}");
        expected.is_some()
    });
}
